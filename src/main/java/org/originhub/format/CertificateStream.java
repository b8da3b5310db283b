package org.originhub.format;

import java.io.Closeable;
import java.util.Iterator;

/**
 * The certificates of a batch file, read one at a time as they are asked for, so that memory holds one certificate
 * and not the file. A document-level fault ("the file holds no H record") is a {@link NationalDocumentException}
 * from {@link #hasNext()}, once nothing else can come; a fault of one record fails only the certificate it is in.
 */
public interface CertificateStream extends Iterator<NationalCertificate>, Closeable {

    /** Closes the document being read; nothing is thrown, as there is nothing left to save. */
    @Override
    void close();
}
