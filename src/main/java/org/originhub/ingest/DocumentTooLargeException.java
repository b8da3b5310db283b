package org.originhub.ingest;

/** A document over the configured size limit, refused before it is parsed (HTTP 413, E001 on the other channels). */
public class DocumentTooLargeException extends RuntimeException {

    public DocumentTooLargeException(long size, long limit) {
        super("the document has " + size + " bytes; the limit is " + limit);
    }

    /** Found while reading: the rest of the document was not read. */
    public DocumentTooLargeException(long limit) {
        super("the document has more than " + limit + " bytes, the limit; it was not read further");
    }
}
