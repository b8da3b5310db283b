package org.originhub.security;

/** A delivery to the exchange endpoint that is not from the partner it claims to be from (HTTP 403). */
public class PartnerNotAuthenticatedException extends RuntimeException {

    public PartnerNotAuthenticatedException(String reason) {
        super(reason);
    }
}
