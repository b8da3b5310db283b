package org.originhub.format;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.Serializer;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;
import net.sf.saxon.s9api.XdmValue;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.XsltExecutable;
import org.originhub.xml.SecureXml;

/** One configured national format with its reader and its two compiled stylesheets. */
final class NationalFormat {

    static final String ERRORS_NS = "urn:originhub:errors:1";
    private static final QName ERRORS = new QName(ERRORS_NS, "Errors");
    private static final QName ERROR = new QName(ERRORS_NS, "Error");

    private final FormatDescriptor descriptor;
    private final XsltEngine engine;
    private final DocumentReader reader;
    private final XsltExecutable toCanonical;
    private final XsltExecutable fromCanonical;
    private final Map<QName, XdmValue> parameters;

    /** {@code parameters}: the stylesheets' global parameters, the same for every transformation (the code lists). */
    NationalFormat(FormatDescriptor descriptor, XsltEngine engine, URL xsltBase, URL xsdBase, Map<QName, XdmValue> parameters) {
        this.descriptor = descriptor;
        this.engine = engine;
        this.parameters = parameters;
        this.toCanonical = engine.compile(resolve(xsltBase, descriptor.toCanonical()));
        this.fromCanonical = engine.compile(resolve(xsltBase, descriptor.fromCanonical()));
        CertificateIdLocator ids = new CertificateIdLocator(engine.processor(), descriptor.certificateId());
        this.reader = switch (descriptor.syntax()) {
            case xml -> new XmlDocumentReader(descriptor.id(), SecureXml.compileSchema(resolve(xsdBase, descriptor.schema())),
                    engine.documentBuilder(), ids);
            case csv -> new CsvDocumentReader(descriptor.id(), descriptor.csv(), engine.documentBuilder(), ids);
            case json -> new JsonDocumentReader(descriptor.id(), engine.processor(), ids);
        };
    }

    private static URL resolve(URL base, String relative) {
        if (relative == null) {
            throw new IllegalStateException("a format descriptor misses a stylesheet or schema path");
        }
        try {
            return new URL(base, relative);
        } catch (MalformedURLException e) {
            throw new IllegalStateException("bad path " + relative, e);
        }
    }

    FormatDescriptor descriptor() {
        return descriptor;
    }

    List<NationalCertificate> read(byte[] document) {
        return reader.read(document);
    }

    /** Batch files (CSV) are read one certificate at a time; XML and JSON documents hold one certificate and are not. */
    boolean streams() {
        return reader instanceof StreamingDocumentReader;
    }

    CertificateStream stream(InputStream document) {
        if (reader instanceof StreamingDocumentReader streaming) {
            return streaming.stream(document);
        }
        throw new IllegalArgumentException("format " + descriptor.id() + " is not read as a stream");
    }

    MappingResult toCanonical(XdmNode source) {
        try {
            XdmDestination result = new XdmDestination();
            load(toCanonical).applyTemplates(source, result);
            XdmNode root = documentElement(result.getXdmNode());
            if (ERRORS.equals(root.getNodeName())) {
                return MappingResult.rejected(errorsOf(root));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            Serializer serializer = engine.processor().newSerializer(out);
            serializer.setOutputProperty(Serializer.Property.ENCODING, "UTF-8");
            serializer.serializeNode(root);
            return MappingResult.mapped(out.toByteArray(), result.getXdmNode());
        } catch (SaxonApiException e) {
            // A stylesheet that fails on a document is a permanent fault of that document: quarantine, never retry.
            return MappingResult.rejected(List.of(HubError.schema("document",
                    "the " + descriptor.id() + " mapping failed: " + e.getMessage())));
        }
    }

    void fromCanonical(XdmNode canonicalCertificate, OutputStream out) {
        Xslt30Transformer transformer = load(fromCanonical);
        // The stylesheet names the field it cannot render in an xsl:message; keep it for the error.
        StringBuilder messages = new StringBuilder();
        transformer.setMessageHandler(message -> messages.append(message.getContent().getStringValue()).append(' '));
        try {
            transformer.applyTemplates(canonicalCertificate, transformer.newSerializer(out));
        } catch (SaxonApiException e) {
            throw new IllegalArgumentException("canonical → " + descriptor.id() + " failed: "
                    + (messages.isEmpty() ? e.getMessage() : messages.toString().trim()), e);
        }
    }

    private Xslt30Transformer load(XsltExecutable stylesheet) {
        Xslt30Transformer transformer = stylesheet.load30();
        try {
            transformer.setStylesheetParameters(parameters);
        } catch (SaxonApiException e) {
            throw new IllegalStateException("stylesheet of " + descriptor.id() + " refuses its parameters: " + e.getMessage(), e);
        }
        return transformer;
    }

    private static XdmNode documentElement(XdmNode node) {
        if (node.getNodeKind() == XdmNodeKind.DOCUMENT) {
            for (XdmNode child : node.children()) {
                if (child.getNodeKind() == XdmNodeKind.ELEMENT) {
                    return child;
                }
            }
            throw new IllegalStateException("the stylesheet produced no element");
        }
        return node;
    }

    private static List<HubError> errorsOf(XdmNode errors) {
        List<HubError> list = new ArrayList<>();
        for (XdmNode error : errors.children(ERROR.getLocalName())) {
            String line = error.attribute("line");
            String field = error.attribute("field");
            list.add(new HubError(error.attribute("code"), line == null ? field : "line " + line + ": " + field,
                    error.getStringValue().trim()));
        }
        return list;
    }
}
