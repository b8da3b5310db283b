package org.originhub.ingest;

/** A submission names a source the hub has no configuration for (HTTP 404). */
public class UnknownSourceException extends RuntimeException {

    public UnknownSourceException(String sourceId) {
        super("no national source '" + sourceId + "' is configured");
    }
}
