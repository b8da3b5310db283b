package org.originhub.canonical;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Hides the envelope's {@code ds:Signature} (a child of the root) from the JAXB read. The model never uses it: the
 * signature is checked on the received bytes before anything is unmarshalled (org.originhub.signature). Left in, JAXB
 * builds a DOM for the skipped wildcard through a {@code TransformerFactory} looked up per document, which with Saxon
 * on the classpath is a new Saxon configuration per message: about a fifth of the receiving hub's CPU, measured (see
 * docs/performance.md). Only a child of the root is hidden; an XML-DSig element anywhere else still meets the schema.
 */
final class WithoutEnvelopeSignature extends XMLFilterImpl {

    private static final String XMLDSIG = "http://www.w3.org/2000/09/xmldsig#";

    private int depth;
    /** The depth of the hidden subtree's root while inside it, else 0. */
    private int hiddenFrom;

    WithoutEnvelopeSignature(XMLReader parent) {
        super(parent);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        depth++;
        if (hiddenFrom == 0 && depth == 2 && XMLDSIG.equals(uri)) {
            hiddenFrom = depth;
        }
        if (hiddenFrom == 0) {
            super.startElement(uri, localName, qName, atts);
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        if (hiddenFrom == 0) {
            super.endElement(uri, localName, qName);
        } else if (depth == hiddenFrom) {
            hiddenFrom = 0;
        }
        depth--;
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (hiddenFrom == 0) {
            super.characters(ch, start, length);
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        if (hiddenFrom == 0) {
            super.ignorableWhitespace(ch, start, length);
        }
    }

    @Override
    public void processingInstruction(String target, String data) throws SAXException {
        if (hiddenFrom == 0) {
            super.processingInstruction(target, data);
        }
    }
}
