package org.originhub.format;

import java.util.List;
import net.sf.saxon.s9api.XdmNode;

/**
 * One certificate as found in a national document, after the strict national check.
 *
 * @param formatId the national format it is written in
 * @param index 1-based position in its document
 * @param line first line of the certificate in the document, where the format has lines that matter (CSV)
 * @param certificateId the certificate id as the document states it, when it could be read
 * @param source the certificate as an XML tree the format's stylesheet reads
 * @param errors the national check's findings; empty when the certificate may be transformed
 */
public record NationalCertificate(String formatId, int index, Integer line, String certificateId, XdmNode source,
        List<HubError> errors) {

    public boolean passedNationalCheck() {
        return errors.isEmpty();
    }
}
