package org.originhub.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** The answer to one submitted document: every certificate found in it, accepted or rejected with its errors. */
public record IntakeReport(String sourceId, int accepted, int rejected, List<CertificateOutcome> certificates) {

    public static IntakeReport of(String sourceId, List<CertificateOutcome> outcomes) {
        int accepted = (int) outcomes.stream().filter(CertificateOutcome::accepted).count();
        return new IntakeReport(sourceId, accepted, outcomes.size() - accepted, List.copyOf(outcomes));
    }

    /** 202 when at least one certificate was accepted (and is safely persisted), 400 when none was. */
    @JsonIgnore
    public int httpStatus() {
        return accepted > 0 ? 202 : 400;
    }

    @JsonIgnore
    public boolean nothingAccepted() {
        return accepted == 0;
    }

    /** Where a dropped file goes once answered: .failed when nothing in it was accepted. */
    @JsonIgnore
    public String disposition() {
        return nothingAccepted() ? ".failed" : ".done";
    }
}
