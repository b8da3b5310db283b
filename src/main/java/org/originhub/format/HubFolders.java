package org.originhub.format;

import java.io.Reader;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.Result;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerException;
import net.sf.saxon.Configuration;
import net.sf.saxon.expr.XPathContext;
import net.sf.saxon.lib.CollectionFinder;
import net.sf.saxon.lib.OutputURIResolver;
import net.sf.saxon.lib.ResourceCollection;
import net.sf.saxon.lib.ResourceRequest;
import net.sf.saxon.lib.ResourceResolver;
import net.sf.saxon.lib.StandardUnparsedTextResolver;
import net.sf.saxon.lib.UnparsedTextURIResolver;
import net.sf.saxon.trans.XPathException;

/**
 * Everything Saxon may read, for the hub's stylesheets and for the XPaths of utility blocks alike: the hub's own
 * folders (stylesheets, code lists, schemas), nothing else. Saxon on its own resolves any URI it is given, so doc(),
 * document(), unparsed-text(), json-doc() or an xsl:include pointing elsewhere would read a local file or open a
 * connection; here they fail with a dynamic error. Collections and xsl:result-document are not used by the hub and
 * are refused outright.
 */
final class HubFolders implements ResourceResolver, UnparsedTextURIResolver, CollectionFinder, OutputURIResolver {

    private final List<String> folders = new ArrayList<>();
    private final ResourceResolver inside;
    private final UnparsedTextURIResolver text = new StandardUnparsedTextResolver();

    /** {@code inside} resolves what is inside the folders (null: Saxon's own resolution). */
    HubFolders(List<URL> hubFolders, ResourceResolver inside) {
        for (URL folder : hubFolders) {
            String uri = comparable(folder.toExternalForm());
            folders.add(uri.endsWith("/") ? uri : uri + "/");
        }
        this.inside = inside;
    }

    /** Inside one of the hub's folders, after percent-decoding, with no way back out of it. */
    boolean contains(String uri) {
        if (uri == null) {
            return false;
        }
        String path = comparable(uri);
        if (path.contains("/../") || path.endsWith("/..") || path.contains("/./") || path.contains("\\")) {
            return false;
        }
        return folders.stream().anyMatch(path::startsWith);
    }

    /** One spelling per location: decoded (file: URLs decode %2e when opened) and file:/// as file:/. */
    private static String comparable(String uri) {
        String decoded = URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8);
        return decoded.replace("file:///", "file:/").replace("file://localhost/", "file:/");
    }

    private XPathException outside(String uri, String code) {
        return new XPathException(uri + " is outside the hub's own folders: not read", code);
    }

    @Override
    public Source resolve(ResourceRequest request) throws XPathException {
        if (!contains(request.uri)) {
            throw outside(request.uri, "FODC0002");
        }
        return inside == null ? null : inside.resolve(request);
    }

    @Override
    public Reader resolve(URI absoluteURI, String encoding, Configuration config) throws XPathException {
        if (!contains(absoluteURI.toString())) {
            throw outside(absoluteURI.toString(), "FOUT1170");
        }
        return text.resolve(absoluteURI, encoding, config);
    }

    @Override
    public ResourceCollection findCollection(XPathContext context, String collectionURI) throws XPathException {
        throw new XPathException("collections are not available to the hub's stylesheets", "FODC0002");
    }

    @Override
    public OutputURIResolver newInstance() {
        return this;
    }

    @Override
    public Result resolve(String href, String base) throws TransformerException {
        throw new TransformerException("xsl:result-document is not available to the hub's stylesheets (" + href + ")");
    }

    @Override
    public void close(Result result) {
        // nothing is ever opened
    }
}
