package org.originhub.format;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.transform.Source;
import javax.xml.transform.sax.SAXSource;
import net.sf.saxon.lib.ResourceRequest;
import net.sf.saxon.lib.ResourceResolver;
import net.sf.saxon.om.NodeInfo;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.trans.XPathException;
import org.originhub.xml.SecureXml;
import org.xml.sax.InputSource;

/**
 * Code lists (xslt/codelists/**.xml) parsed once per hub instead of once per transformation. A stylesheet's doc() is
 * only stable within one transformation, so every certificate re-read and re-indexed each list it used: about
 * 1 MB of garbage and most of the time of a Form D mapping (bench/ NationalFormatsBenchmark). The lists are read-only
 * data of the hub's own, so one tree per list is shared by every transformation; Saxon uses a returned node as is.
 * Any other resource goes to Saxon's own resolution; {@link HubFolders} has already checked that it is the hub's.
 */
final class CodeListCache implements ResourceResolver {

    private final Processor processor;
    private final Map<String, Source> trees = new ConcurrentHashMap<>();

    CodeListCache(Processor processor) {
        this.processor = processor;
    }

    @Override
    public Source resolve(ResourceRequest request) throws XPathException {
        String uri = request.uri;
        if (uri == null || !uri.contains("/codelists/") || !uri.endsWith(".xml")) {
            return null;
        }
        try {
            return trees.computeIfAbsent(uri, this::parse);
        } catch (IllegalStateException e) {
            throw new XPathException(e.getMessage(), "FODC0002");
        }
    }

    /** The tree of a code list the hub found in its own folders, the one doc() of the same URI gives. */
    NodeInfo tree(String uri) {
        return (NodeInfo) trees.computeIfAbsent(uri, this::parse);
    }

    private Source parse(String uri) {
        try {
            return processor.newDocumentBuilder().build(new SAXSource(SecureXml.newReader(), new InputSource(uri)))
                    .getUnderlyingNode();
        } catch (SaxonApiException e) {
            throw new IllegalStateException("code list " + uri + " cannot be read: " + e.getMessage(), e);
        }
    }
}
