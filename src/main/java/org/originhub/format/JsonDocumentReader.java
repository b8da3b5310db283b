package org.originhub.format;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XPathExecutable;
import net.sf.saxon.s9api.XPathSelector;
import net.sf.saxon.s9api.XdmAtomicValue;
import net.sf.saxon.s9api.XdmNode;

/**
 * Strict JSON (RFC 8259, duplicate keys refused) into the XPath 3.1 JSON-as-XML form, which the
 * format's stylesheet maps; member types are checked there, where the field names are known.
 */
final class JsonDocumentReader implements DocumentReader {

    private static final QName JSON = new QName("json");

    private final String formatId;
    private final XPathExecutable jsonToXml;
    private final CertificateIdLocator ids;

    JsonDocumentReader(String formatId, Processor processor, CertificateIdLocator ids) {
        this.formatId = formatId;
        this.ids = ids;
        try {
            var compiler = processor.newXPathCompiler();
            compiler.declareVariable(JSON);
            this.jsonToXml = compiler.compile("json-to-xml($json, map{'duplicates': 'reject', 'liberal': false()})");
        } catch (SaxonApiException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<NationalCertificate> read(byte[] document) {
        String text = new String(document, StandardCharsets.UTF_8);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        try {
            XPathSelector selector = jsonToXml.load();
            selector.setVariable(JSON, new XdmAtomicValue(text));
            XdmNode node = (XdmNode) selector.evaluateSingle();
            return List.of(new NationalCertificate(formatId, 1, null, ids.find(node), node, List.of()));
        } catch (SaxonApiException e) {
            throw new NationalDocumentException(HubError.schema("document", "not a valid JSON document: " + e.getMessage()));
        }
    }
}
