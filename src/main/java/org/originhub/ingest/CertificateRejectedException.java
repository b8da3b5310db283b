package org.originhub.ingest;

import java.util.List;
import org.originhub.format.HubError;

/**
 * A permanent failure of one certificate (schema, mapping, business rule, unknown partner, duplicate):
 * answered and recorded, never retried.
 */
public class CertificateRejectedException extends RuntimeException {

    private final transient List<HubError> errors;

    public CertificateRejectedException(List<HubError> errors) {
        super(errors.toString());
        this.errors = List.copyOf(errors);
    }

    public CertificateRejectedException(HubError error) {
        this(List.of(error));
    }

    public List<HubError> errors() {
        return errors;
    }
}
