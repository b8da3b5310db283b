package org.originhub.ingest;

import java.util.List;
import org.originhub.format.CodedErrorsException;
import org.originhub.format.HubError;

/**
 * A permanent failure of one certificate (schema, mapping, business rule, unknown partner, duplicate):
 * answered and recorded, never retried.
 */
public class CertificateRejectedException extends CodedErrorsException {

    public CertificateRejectedException(List<HubError> errors) {
        super(errors);
    }

    public CertificateRejectedException(HubError error) {
        this(List.of(error));
    }
}
