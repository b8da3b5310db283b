package org.originhub.ingest;

/** A document over the configured size limit, refused before it is parsed (HTTP 413). */
public class DocumentTooLargeException extends RuntimeException {

    public DocumentTooLargeException(long size, long limit) {
        super("the document has " + size + " bytes; the limit is " + limit);
    }
}
