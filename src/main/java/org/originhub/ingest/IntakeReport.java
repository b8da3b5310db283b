package org.originhub.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The answer to one submitted document: every certificate found in it, accepted, rejected with its errors, or a
 * duplicate of one accepted before.
 */
public record IntakeReport(String sourceId, int accepted, int rejected, int duplicates, List<CertificateOutcome> certificates) {

    public static IntakeReport of(String sourceId, List<CertificateOutcome> outcomes) {
        int accepted = (int) outcomes.stream().filter(CertificateOutcome::accepted).count();
        int duplicates = (int) outcomes.stream().filter(CertificateOutcome::duplicate).count();
        return new IntakeReport(sourceId, accepted, outcomes.size() - accepted - duplicates, duplicates,
                List.copyOf(outcomes));
    }

    /**
     * 202 when at least one certificate is accepted and safely persisted, now or by an earlier submission of the
     * same document (a client retrying a post it got no answer to gets the answer it missed); 400 when none is.
     */
    @JsonIgnore
    public int httpStatus() {
        return nothingAccepted() ? 400 : 202;
    }

    @JsonIgnore
    public boolean nothingAccepted() {
        return accepted + duplicates == 0;
    }

    /** The refusals in one line, for the header of a quarantined document: "TH-1: E040 /path text; ...". */
    @JsonIgnore
    public String errorSummary() {
        StringBuilder text = new StringBuilder();
        for (CertificateOutcome outcome : certificates) {
            for (var error : outcome.errors() == null ? List.<org.originhub.format.HubError>of() : outcome.errors()) {
                text.append(text.isEmpty() ? "" : "; ").append(outcome.certificateId() == null ? "document" : outcome.certificateId())
                        .append(": ").append(error.code()).append(' ').append(error.field()).append(' ').append(error.message());
            }
        }
        return text.length() > 2000 ? text.substring(0, 2000) : text.toString();
    }

    /** Where a dropped file goes once answered: .failed when nothing in it was accepted. */
    @JsonIgnore
    public String disposition() {
        return nothingAccepted() ? ".failed" : ".done";
    }
}
