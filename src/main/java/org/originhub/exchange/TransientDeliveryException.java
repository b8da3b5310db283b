package org.originhub.exchange;

/** The partner could not be reached or answered 5xx/408/429: retried with back-off, then dead-lettered. */
public class TransientDeliveryException extends RuntimeException {

    public TransientDeliveryException(String message) {
        super(message);
    }
}
