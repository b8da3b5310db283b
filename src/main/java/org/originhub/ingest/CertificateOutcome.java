package org.originhub.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.originhub.format.HubError;

/**
 * What the source is told about one certificate it submitted: ACCEPTED, REJECTED with coded errors, or
 * DUPLICATE when the same certificate was accepted before (a retried post, a redelivered message, a file
 * uploaded again): then messageId and originalStatus are those of the first submission, and nothing new is sent.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CertificateOutcome(String certificateId, String messageId, String status, Integer line, String partner,
        List<HubError> errors, String originalStatus) {

    public static final String ACCEPTED = "ACCEPTED";
    public static final String REJECTED = "REJECTED";
    public static final String DUPLICATE = "DUPLICATE";

    public CertificateOutcome(String certificateId, String messageId, String status, Integer line, String partner,
            List<HubError> errors) {
        this(certificateId, messageId, status, line, partner, errors, null);
    }

    @JsonIgnore
    public boolean accepted() {
        return ACCEPTED.equals(status);
    }

    @JsonIgnore
    public boolean duplicate() {
        return DUPLICATE.equals(status);
    }
}
