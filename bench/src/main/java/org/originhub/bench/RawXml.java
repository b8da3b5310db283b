package org.originhub.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.xml.sax.SAXException;

/**
 * The raw floors: what the JDK alone does with the same bytes, with nothing the hub adds (no hardening,
 * no reader per document, no Saxon tree). A parser and a validator are reused per thread, as the fastest
 * plain code would; the hub's stages are read as multiples of these (../shared/research/performance.md §3.1).
 */
@State(Scope.Thread)
public class RawXml {

    static final String FORMD_SCHEMA = "xsd/national/formd-xml-1.0.xsd";

    private SAXParser parser;
    private Validator validator;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        parser = factory.newSAXParser();
        // the same schema file the hub compiles, from the hub's jar, with JAXP defaults
        var xsd = HubStages.url("classpath:" + FORMD_SCHEMA);
        validator = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new StreamSource(xsd.openStream(), xsd.toExternalForm()))
                .newValidator();
    }

    /** Plain JDK SAX parse into a handler that only counts elements. */
    int parse(byte[] document) throws SAXException, IOException {
        ElementCounter counter = new ElementCounter();
        parser.parse(new ByteArrayInputStream(document), counter);
        return counter.count();
    }

    /** Plain validation against the cached Schema; a finding throws, so a silently invalid input cannot pass. */
    void validate(byte[] document) throws SAXException, IOException {
        validator.validate(new StreamSource(new ByteArrayInputStream(document)));
    }
}
