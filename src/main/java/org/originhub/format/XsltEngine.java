package org.originhub.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.function.BiConsumer;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.Configuration;
import net.sf.saxon.lib.ErrorReporter;
import net.sf.saxon.lib.Feature;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.Location;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XmlProcessingError;
import net.sf.saxon.s9api.XsltCompiler;
import net.sf.saxon.s9api.XsltExecutable;
import org.originhub.xml.SecureXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * One Saxon processor for the hub: stylesheets are compiled once, untrusted documents are parsed only through
 * {@link SecureXml}, and whatever runs on it reads only from the hub's own folders ({@link HubFolders}).
 */
public final class XsltEngine {

    private static final Logger LOG = LoggerFactory.getLogger("originhub.xslt");

    /**
     * What Saxon finds while the hub runs goes to the hub's log, through one reporter. Saxon's own writes to standard
     * error and is made anew, with 24 KB of buffers, for every transformation, every XPath evaluation and every tree
     * built: a tenth of a transformation's garbage (JMH, docs/performance.md). A failure reaches the caller as an
     * exception and becomes a coded error there, so it is logged only for debugging.
     */
    private static final ErrorReporter RUNNING = logging(LOG::debug);

    /** A stylesheet that does not compile is the hub's configuration at fault: each finding is an error. */
    private static final ErrorReporter COMPILING = logging(LOG::error);

    private final Processor processor = new Processor(false);
    private final CodeListCache codeLists = new CodeListCache(processor);

    /** An engine that reads nothing but what it is handed: enough for XPaths over documents already parsed. */
    public XsltEngine() {
        this(new URL[0]);
    }

    /** An engine whose stylesheets and XPaths may read the hub's own folders (stylesheets and code lists, schemas). */
    public XsltEngine(URL... hubFolders) {
        Configuration configuration = processor.getUnderlyingConfiguration();
        HubFolders folders = new HubFolders(List.of(hubFolders), codeLists);
        configuration.setResourceResolver(folders);
        configuration.setUnparsedTextURIResolver(folders);
        configuration.setCollectionFinder(folders);
        configuration.setOutputURIResolver(folders);
        // reflexive calls to Java are not in Saxon-HE; kept off should the edition ever change
        configuration.setConfigurationProperty(Feature.ALLOW_EXTERNAL_FUNCTIONS, false);
        configuration.setErrorReporterFactory(any -> RUNNING);
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
            XsltCompiler compiler = processor.newXsltCompiler();
            compiler.setErrorReporter(COMPILING);
            return compiler.compile(new StreamSource(in, stylesheet.toExternalForm()));
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

    /** A code list of the hub's own folders ({@code xslt/codelists/}), parsed once: the tree doc() gives for it. */
    XdmNode codeList(URL list) {
        return new XdmNode(codeLists.tree(list.toExternalForm()));
    }

    /** A document of its own holding a copy of {@code element}: a tree the size of the element, not of its document. */
    public XdmNode copy(XdmNode element) {
        try {
            return processor.newDocumentBuilder().build(element.asSource());
        } catch (SaxonApiException e) {
            throw new IllegalStateException("cannot copy " + element.getNodeName() + ": " + e.getMessage(), e);
        }
    }

    private static String describe(XmlProcessingError error) {
        Location at = error.getLocation();
        String code = error.getErrorCode() == null ? "" : error.getErrorCode().getLocalName() + " ";
        String where = at == null || at.getSystemId() == null ? ""
                : " (" + at.getSystemId() + " line " + at.getLineNumber() + ")";
        return code + error.getMessage() + where;
    }

    /** Warnings as warnings, everything else through {@code failures}. */
    private static ErrorReporter logging(BiConsumer<String, Object> failures) {
        return error -> {
            if (error.isWarning()) {
                LOG.warn("{}", describe(error));
            } else {
                failures.accept("{}", describe(error));
            }
        };
    }
}
