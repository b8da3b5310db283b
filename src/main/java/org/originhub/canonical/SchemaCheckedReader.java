package org.originhub.canonical;

import java.io.IOException;
import java.util.List;
import javax.xml.validation.ValidatorHandler;
import org.glassfish.jaxb.core.unmarshaller.DOMScanner;
import org.originhub.format.HubError;
import org.originhub.xml.SecureXml;
import org.w3c.dom.Document;
import org.xml.sax.ContentHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * A reader whose events go through a schema validator before its content handler (JAXB) gets them, the validator's
 * findings collected as E001 errors like JAXB's own would be. JAXB given the schema itself would set up a new
 * validator for every document, which cost about a fifth of each read (docs/performance.md); the caller keeps one per
 * thread instead and lends it to one parse at a time.
 */
final class SchemaCheckedReader extends XMLFilterImpl {

    private final ValidatorHandler validator;
    private final List<HubError> errors;

    SchemaCheckedReader(XMLReader parent, ValidatorHandler validator, List<HubError> errors) {
        super(parent);
        this.validator = validator;
        this.errors = errors;
    }

    @Override
    public void parse(InputSource input) throws SAXException, IOException {
        XMLReader parent = getParent();
        parent.setErrorHandler(getErrorHandler()); // well-formedness: the caller's (JAXB's) own handling
        lend(validator, getContentHandler(), errors, events -> {
            parent.setContentHandler(events);
            parent.parse(input);
        });
    }

    /**
     * The same check for an envelope already parsed, the tree its signature was verified on: its events, without the
     * signature, go through the validator to {@code target}. The tree has no line numbers to give the findings.
     */
    static void scan(Document tree, ValidatorHandler validator, ContentHandler target, List<HubError> errors)
            throws SAXException {
        try {
            lend(validator, target, errors, events -> {
                WithoutEnvelopeSignature withoutSignature = new WithoutEnvelopeSignature(null);
                withoutSignature.setContentHandler(events);
                DOMScanner scanner = new DOMScanner();
                scanner.setContentHandler(withoutSignature);
                scanner.scan(tree);
            });
        } catch (IOException e) {
            throw new IllegalStateException("a tree in memory cannot fail to be read", e);
        }
    }

    /** Lends the thread's validator to one document: {@code events} feeds it, its findings go to {@code errors}. */
    private static void lend(ValidatorHandler validator, ContentHandler target, List<HubError> errors, Events events)
            throws SAXException, IOException {
        validator.setContentHandler(target);
        validator.setErrorHandler(new SecureXml.CollectingErrorHandler(errors));
        try {
            events.feed(validator);
        } finally {
            // the validator is the thread's, for the next document: it keeps nothing of this one
            validator.setContentHandler(null);
            validator.setErrorHandler(null);
        }
    }

    @FunctionalInterface
    private interface Events {
        void feed(ContentHandler validator) throws SAXException, IOException;
    }
}
