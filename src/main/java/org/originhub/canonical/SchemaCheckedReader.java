package org.originhub.canonical;

import java.io.IOException;
import java.util.List;
import javax.xml.validation.ValidatorHandler;
import org.originhub.format.HubError;
import org.originhub.xml.SecureXml;
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
        validator.setContentHandler(getContentHandler());
        validator.setErrorHandler(new SecureXml.CollectingErrorHandler(errors));
        XMLReader parent = getParent();
        parent.setContentHandler(validator);
        parent.setErrorHandler(getErrorHandler()); // well-formedness: the caller's (JAXB's) own handling
        try {
            parent.parse(input);
        } finally {
            // the validator is the thread's, for the next document: it keeps nothing of this one
            validator.setContentHandler(null);
            validator.setErrorHandler(null);
        }
    }
}
