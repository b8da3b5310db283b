package org.originhub.exchange;

/** A received certificate that the national system's format cannot express: a permanent hand-over failure. */
public class NationalRenderingException extends RuntimeException {

    public NationalRenderingException(String certificateId, String reason) {
        super("certificate " + certificateId + " cannot be handed over: " + reason);
    }
}
