package org.originhub.ingest;

import org.originhub.format.HubError;
import org.originhub.store.CertificateRecord;

/**
 * The same certificate (same business identity, same content) submitted again: not an error of the source's, and
 * answered with the first submission's outcome. Thrown to leave the registering transaction without a new message.
 */
public class DuplicateCertificateException extends CertificateRejectedException {

    private final transient CertificateRecord original;

    public DuplicateCertificateException(CertificateRecord original) {
        super(new HubError("W100", "/CertificateOfOrigin/CertificateID", "duplicate of message " + original.messageId()
                + ", status " + original.status()));
        this.original = original;
    }

    public CertificateRecord original() {
        return original;
    }
}
