package org.originhub.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.originhub.format.HubError;

/** What the source is told about one certificate it submitted. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CertificateOutcome(String certificateId, String messageId, String status, Integer line, String partner,
        List<HubError> errors) {

    public static final String ACCEPTED = "ACCEPTED";
    public static final String REJECTED = "REJECTED";

    public boolean accepted() {
        return ACCEPTED.equals(status);
    }
}
