package org.originhub.format;

import java.io.ByteArrayInputStream;
import java.util.List;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import net.sf.saxon.s9api.BuildingContentHandler;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import org.originhub.xml.SecureXml;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * One pass over an XML document: hardened parse → national XSD → Saxon tree. The tree is built even
 * when the schema finds errors, so the certificate id can still be named in the answer.
 */
final class XmlDocumentReader implements DocumentReader {

    private final String formatId;
    /** A validator is a whole Xerces schema validator to set up, and reusable: each thread keeps one. */
    private final ThreadLocal<ValidatorHandler> validators;
    private final DocumentBuilder builder;
    private final CertificateIdLocator ids;

    XmlDocumentReader(String formatId, Schema schema, DocumentBuilder builder, CertificateIdLocator ids) {
        this.formatId = formatId;
        this.validators = ThreadLocal.withInitial(schema::newValidatorHandler);
        this.builder = builder;
        this.ids = ids;
    }

    @Override
    public List<NationalCertificate> read(byte[] document) {
        ValidatorHandler validator = validators.get();
        try {
            BuildingContentHandler tree = builder.newBuildingContentHandler();
            SecureXml.CollectingErrorHandler findings = new SecureXml.CollectingErrorHandler();
            validator.setErrorHandler(findings);
            validator.setContentHandler(tree);
            XMLReader reader = SecureXml.newReader();
            reader.setContentHandler(validator);
            reader.parse(new InputSource(new ByteArrayInputStream(document)));
            XdmNode node = tree.getDocumentNode();
            return List.of(new NationalCertificate(formatId, 1, null, ids.find(node), node, List.copyOf(findings.errors())));
        } catch (SAXParseException e) {
            throw new NationalDocumentException(HubError.schema("line " + e.getLineNumber(),
                    "not a well-formed XML document: " + e.getMessage()));
        } catch (SAXException | SaxonApiException | java.io.IOException e) {
            throw new NationalDocumentException(HubError.schema("document", "unreadable XML document: " + e.getMessage()));
        } finally {
            // the next document on this thread starts afresh (startDocument resets it) and this one is not kept
            validator.setContentHandler(null);
            validator.setErrorHandler(null);
        }
    }
}
