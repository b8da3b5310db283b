package org.originhub.format;

import java.util.List;

/** Reads one national document, strictly, into the certificates it holds (one per XML or JSON document, many per CSV file). */
interface DocumentReader {

    List<NationalCertificate> read(byte[] document);
}
