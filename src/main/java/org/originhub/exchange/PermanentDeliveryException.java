package org.originhub.exchange;

/** The partner refused the message at the transport level (4xx other than 408/429): retrying cannot help. */
public class PermanentDeliveryException extends RuntimeException {

    public PermanentDeliveryException(String message) {
        super(message);
    }
}
