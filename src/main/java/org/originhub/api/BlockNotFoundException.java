package org.originhub.api;

/** No utility block with that id (HTTP 404). */
public class BlockNotFoundException extends RuntimeException {

    public BlockNotFoundException(String id) {
        super("no utility block '" + id + "' is configured");
    }
}
