package org.originhub.format;

import java.io.InputStream;

/** A reader of batch files: besides a whole document in memory, it reads a stream one certificate at a time. */
interface StreamingDocumentReader extends DocumentReader {

    /** The certificates of {@code document}, read as they are asked for; closing the stream closes the document. */
    CertificateStream stream(InputStream document);
}
