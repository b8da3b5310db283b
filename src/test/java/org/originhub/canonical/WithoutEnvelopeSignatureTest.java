package org.originhub.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.originhub.xml.SecureXml;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The JAXB read of an envelope does not see its ds:Signature (verified on the bytes before), and so builds no DOM for
 * it; an XML-DSig element anywhere else still reaches the schema check.
 */
class WithoutEnvelopeSignatureTest {

    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";

    private static List<String> elementsSeen(String xml) throws Exception {
        List<String> seen = new ArrayList<>();
        WithoutEnvelopeSignature filter = new WithoutEnvelopeSignature(SecureXml.newReader());
        filter.setContentHandler(new DefaultHandler() {
            @Override
            public void startElement(String uri, String localName, String qName, Attributes atts) {
                seen.add(localName + (DS.equals(uri) ? "@ds" : ""));
            }

            @Override
            public void characters(char[] ch, int start, int length) {
                String text = new String(ch, start, length).trim();
                if (!text.isEmpty()) {
                    seen.add("'" + text + "'");
                }
            }
        });
        filter.parse(new InputSource(new StringReader(xml)));
        return seen;
    }

    @Test
    void theEnvelopesSignatureIsHiddenWithEverythingInsideIt() throws Exception {
        assertThat(elementsSeen("<Envelope xmlns='urn:originhub:canonical:1' xmlns:ds='" + DS + "'>"
                + "<MessageID>m-1</MessageID><Payload>p</Payload>"
                + "<ds:Signature><ds:SignedInfo><ds:Reference URI=''/></ds:SignedInfo>"
                + "<ds:SignatureValue>c2ln</ds:SignatureValue></ds:Signature></Envelope>"))
                .containsExactly("Envelope", "MessageID", "'m-1'", "Payload", "'p'");
    }

    @Test
    void anXmlDsigElementDeeperThanTheRootsChildrenIsStillRead() throws Exception {
        assertThat(elementsSeen("<Envelope xmlns='urn:originhub:canonical:1' xmlns:ds='" + DS + "'>"
                + "<Payload><ds:Signature>x</ds:Signature></Payload><After/></Envelope>"))
                .containsExactly("Envelope", "Payload", "Signature@ds", "'x'", "After");
    }
}
