package org.originhub.ingest;

/** The hub cannot persist now (broker blocked, disk full): the request is answered 503 and may be retried later. */
public class HubUnavailableException extends RuntimeException {

    public HubUnavailableException(String reason) {
        super(reason);
    }
}
