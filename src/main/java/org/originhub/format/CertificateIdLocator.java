package org.originhub.format;

import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XPathExecutable;
import net.sf.saxon.s9api.XdmItem;
import net.sf.saxon.s9api.XdmNode;

/** Finds the certificate id in a national tree with the format's configured XPath, so even a rejected certificate is named. */
final class CertificateIdLocator {

    private final XPathExecutable path;

    CertificateIdLocator(Processor processor, String xpath) {
        try {
            this.path = xpath == null ? null : processor.newXPathCompiler().compile("normalize-space((" + xpath + ")[1])");
        } catch (SaxonApiException e) {
            throw new IllegalStateException("bad certificateId path " + xpath, e);
        }
    }

    String find(XdmNode node) {
        if (path == null || node == null) {
            return null;
        }
        try {
            var selector = path.load();
            selector.setContextItem(node);
            XdmItem item = selector.evaluateSingle();
            String id = item == null ? "" : item.getStringValue();
            return id.isEmpty() ? null : id;
        } catch (SaxonApiException e) {
            return null;
        }
    }
}
