package org.originhub.xml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.originhub.format.HubError;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * The only way the hub parses untrusted XML: no DOCTYPE at all (which rules out entity expansion and
 * external entities), no external DTD or schema fetches. Schemas are compiled once from the hub's own files.
 *
 * <p>Parsers and serializers are kept per thread and reused: making one builds a whole Xerces (or Xalan)
 * configuration, which cost more than parsing a certificate (docs/performance.md).
 */
public final class SecureXml {

    /** One hardening for the SAX and the DOM parser: no DOCTYPE at all, so no entity and no external DTD either. */
    private static final List<String> HARDENING_ON = List.of(XMLConstants.FEATURE_SECURE_PROCESSING,
            "http://apache.org/xml/features/disallow-doctype-decl");
    private static final List<String> HARDENING_OFF = List.of("http://xml.org/sax/features/external-general-entities",
            "http://xml.org/sax/features/external-parameter-entities",
            "http://apache.org/xml/features/nonvalidating/load-external-dtd");
    private static final SAXParserFactory PARSERS = newParserFactory();
    private static final DocumentBuilderFactory DOM = newDomFactory();
    private static final ThreadLocal<LentReader> READERS = new ThreadLocal<>();
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(SecureXml::newDocumentBuilder);
    /** Serializers with their output settings, one per thread for documents and one for fragments. */
    private static final ThreadLocal<Transformer> DOCUMENT_WRITERS = ThreadLocal.withInitial(() -> newSerializer(false));
    private static final ThreadLocal<Transformer> FRAGMENT_WRITERS = ThreadLocal.withInitial(() -> newSerializer(true));
    /** Errors become exceptions; Xerces' default handler would also print them to stderr. */
    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // not a reason to refuse a document
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    };

    private SecureXml() {
    }

    private static SAXParserFactory newParserFactory() {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setXIncludeAware(false);
            for (String feature : HARDENING_ON) {
                factory.setFeature(feature, true);
            }
            for (String feature : HARDENING_OFF) {
                factory.setFeature(feature, false);
            }
            return factory;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the XML parser cannot be hardened", e);
        }
    }

    /** The same hardening for the DOM parser (signatures are checked on a DOM tree). */
    private static DocumentBuilderFactory newDomFactory() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            // Every tree the hub parses is walked whole (canonical form, signature, data cluster): built at once, it
            // costs a fifth less than Xerces' default, which records the nodes and builds each when it is first read.
            factory.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
            for (String feature : HARDENING_ON) {
                factory.setFeature(feature, true);
            }
            for (String feature : HARDENING_OFF) {
                factory.setFeature(feature, false);
            }
            return factory;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be hardened", e);
        }
    }

    /** Parses untrusted XML into a DOM document with the same rules as {@link #newReader()}. */
    public static Document parseDocument(byte[] xml) throws SAXException {
        // a DOM parse calls nothing of ours but the error handler, so the thread's builder is never re-entered
        DocumentBuilder builder = BUILDERS.get();
        builder.reset();
        builder.setErrorHandler(THROWING);
        try {
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (IOException e) {
            throw new IllegalStateException("cannot parse XML", e);
        }
    }

    private static DocumentBuilder newDocumentBuilder() {
        try {
            return DOM.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("cannot create an XML parser", e);
        }
    }

    /**
     * Writes a DOM node as a UTF-8 document, as it is: no indentation, nothing added but the namespace declarations
     * the node needs. The JDK's own transformer, not whichever one is on the classpath (Saxon), so output does not
     * change with the classpath.
     */
    public static byte[] serialize(Node node) {
        if (node instanceof Document document) {
            document.setXmlStandalone(true);
        }
        return write(node, false);
    }

    /** Writes an element as {@link #serialize} does, without an XML declaration: to be put inside another document. */
    public static byte[] serializeFragment(Node node) {
        return write(node, true);
    }

    private static byte[] write(Node node, boolean fragment) {
        // a transformer keeps its output settings from one use to the next, and writing calls nothing of ours
        Transformer transformer = (fragment ? FRAGMENT_WRITERS : DOCUMENT_WRITERS).get();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            transformer.transform(new DOMSource(node), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
    }

    private static Transformer newSerializer(boolean fragment) {
        try {
            TransformerFactory factory = TransformerFactory.newDefaultInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.METHOD, "xml");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, fragment ? "yes" : "no");
            return transformer;
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot create an XML serializer", e);
        }
    }

    /**
     * A hardened, namespace-aware SAX reader for one parse. Readers are not thread-safe: the thread's own reader is
     * lent until its parse ends, and a thread that asks again before then (a parse inside a parse) gets a new one.
     * A reader that is never parsed is never given back; its thread then makes a new reader for each call. Parse it
     * once, on the thread that asked for it.
     */
    public static XMLReader newReader() {
        LentReader reader = READERS.get();
        if (reader == null) {
            reader = new LentReader(newSaxParser());
            READERS.set(reader);
        } else if (reader.lent) {
            reader = new LentReader(newSaxParser());
        }
        reader.lent = true;
        return reader;
    }

    private static SAXParser newSaxParser() {
        try {
            return PARSERS.newSAXParser();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot create an XML reader", e);
        }
    }

    /**
     * The parser of a thread, lent for one parse. When the parse ends, however it ends, the parser is reset to the
     * factory's settings (the hardening with them) and forgets the caller's handlers, so it holds no document.
     */
    private static final class LentReader extends XMLFilterImpl {
        private final SAXParser parser;
        private boolean lent;

        LentReader(SAXParser parser) {
            super(readerOf(parser));
            this.parser = parser;
        }

        @Override
        public void parse(InputSource input) throws SAXException, IOException {
            try {
                super.parse(input);
            } finally {
                parser.reset();
                setContentHandler(null);
                setErrorHandler(null);
                setEntityResolver(null);
                setDTDHandler(null);
                lent = false;
            }
        }

        private static XMLReader readerOf(SAXParser parser) {
            try {
                return parser.getXMLReader();
            } catch (SAXException e) {
                throw new IllegalStateException("cannot create an XML reader", e);
            }
        }
    }

    /**
     * The root element's name as {@code {namespace}local}, read by the hardened parser up to that element only; null
     * when the document is not well-formed that far (a DOCTYPE included).
     */
    public static String rootElement(byte[] xml) {
        String[] root = new String[1];
        XMLReader reader = newReader();
        reader.setContentHandler(new DefaultHandler() {
            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes)
                    throws SAXException {
                root[0] = "{" + uri + "}" + localName;
                throw new SAXException("root element found"); // the rest of the document is not needed
            }
        });
        try {
            reader.parse(new InputSource(new ByteArrayInputStream(xml)));
        } catch (SAXException | IOException e) {
            // the root is known, or the document is unreadable
        }
        return root[0];
    }

    /**
     * Compiles a schema from the hub's own files. Its includes and imports are read only from the schema's own folder,
     * by the hub ({@link OwnSchemaFiles}); the parser itself may fetch nothing, and validators made from the schema
     * inherit that, so an instance's xsi:schemaLocation can never make one read a file or open a connection.
     */
    public static Schema compileSchema(URL location) {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setResourceResolver(new OwnSchemaFiles(location));
            return factory.newSchema(new StreamSource(location.openStream(), location.toExternalForm()));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("schema " + location + " does not compile: " + e.getMessage(), e);
        }
    }

    /** Collects validation findings as E001 errors instead of stopping at the first, up to a bound. */
    public static final class CollectingErrorHandler implements ErrorHandler {
        private static final int MAX_ERRORS = 20;
        private final List<HubError> errors;

        public CollectingErrorHandler() {
            this(new ArrayList<>());
        }

        /** Adds to {@code errors}, which other findings of the same document may share (the bound counts them all). */
        public CollectingErrorHandler(List<HubError> errors) {
            this.errors = errors;
        }

        @Override
        public void warning(SAXParseException e) {
            // warnings do not reject a certificate
        }

        @Override
        public void error(SAXParseException e) {
            if (errors.size() < MAX_ERRORS) {
                errors.add(HubError.schema("line " + e.getLineNumber(), e.getMessage()));
            }
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }

        public List<HubError> errors() {
            return errors;
        }
    }
}
