package org.originhub.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.Configuration;
import net.sf.saxon.lib.Feature;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XsltExecutable;
import org.originhub.xml.SecureXml;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * One Saxon processor for the hub: stylesheets are compiled once, untrusted documents are parsed only through
 * {@link SecureXml}, and whatever runs on it reads only from the hub's own folders ({@link HubFolders}).
 */
public final class XsltEngine {

    private final Processor processor = new Processor(false);

    /** An engine that reads nothing but what it is handed: enough for XPaths over documents already parsed. */
    public XsltEngine() {
        this(new URL[0]);
    }

    /** An engine whose stylesheets and XPaths may read the hub's own folders (stylesheets and code lists, schemas). */
    public XsltEngine(URL... hubFolders) {
        Configuration configuration = processor.getUnderlyingConfiguration();
        HubFolders folders = new HubFolders(List.of(hubFolders), new CodeListCache(processor));
        configuration.setResourceResolver(folders);
        configuration.setUnparsedTextURIResolver(folders);
        configuration.setCollectionFinder(folders);
        configuration.setOutputURIResolver(folders);
        // reflexive calls to Java are not in Saxon-HE; kept off should the edition ever change
        configuration.setConfigurationProperty(Feature.ALLOW_EXTERNAL_FUNCTIONS, false);
    }

    public Processor processor() {
        return processor;
    }

    public DocumentBuilder documentBuilder() {
        DocumentBuilder builder = processor.newDocumentBuilder();
        builder.setLineNumbering(true);
        return builder;
    }

    public XsltExecutable compile(URL stylesheet) {
        try (InputStream in = stylesheet.openStream()) {
            return processor.newXsltCompiler().compile(new StreamSource(in, stylesheet.toExternalForm()));
        } catch (SaxonApiException | IOException e) {
            throw new IllegalStateException("stylesheet " + stylesheet + " does not compile: " + e.getMessage(), e);
        }
    }

    /**
     * A tree over a DOM the hub has already parsed through the hardened parser (the one an envelope's signature was
     * verified on): XPath runs on it without a second parse.
     */
    public XdmNode wrap(Document document) {
        return processor.newDocumentBuilder().wrap(document);
    }

    /** Parses a document the hub itself produced or already checked, still through the hardened parser. */
    public XdmNode parse(byte[] xml) {
        try {
            return processor.newDocumentBuilder().build(
                    new SAXSource(SecureXml.newReader(), new InputSource(new ByteArrayInputStream(xml))));
        } catch (SaxonApiException e) {
            throw new IllegalArgumentException("not a well-formed XML document: " + e.getMessage(), e);
        }
    }
}
