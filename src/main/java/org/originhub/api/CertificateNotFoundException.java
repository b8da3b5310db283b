package org.originhub.api;

/** No certificate with that id is known to this hub (HTTP 404). */
public class CertificateNotFoundException extends RuntimeException {

    public CertificateNotFoundException(String certificateId) {
        super("no certificate '" + certificateId + "' is known to this hub");
    }
}
