package org.originhub.xml;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import org.w3c.dom.bootstrap.DOMImplementationRegistry;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;

/**
 * Resolves a hub schema's xs:include and xs:import, by relative path, inside the folder of the schema being compiled:
 * the only schema files the validator ever reads. Anything else (another folder, another scheme) is refused, so the
 * parser's own fetching can stay switched off.
 */
final class OwnSchemaFiles implements LSResourceResolver {

    private static final DOMImplementationLS LS = loadSaveImplementation();

    private final String folder;

    OwnSchemaFiles(URL schema) {
        String uri = schema.toExternalForm();
        this.folder = uri.substring(0, uri.lastIndexOf('/') + 1);
    }

    @Override
    public LSInput resolveResource(String type, String namespace, String publicId, String systemId, String baseUri) {
        if (systemId == null) {
            throw new IllegalArgumentException("a schema import without a location (" + namespace + ") is not resolved");
        }
        URL resolved;
        try {
            resolved = new URL(new URL(baseUri == null ? folder : baseUri), systemId);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("schema location " + systemId + " is not a URL", e);
        }
        String uri = resolved.toExternalForm();
        if (!uri.startsWith(folder) || uri.substring(folder.length()).matches("(?s).*(\\.\\.|%|\\\\).*")) {
            throw new IllegalArgumentException("schema location " + uri + " is outside the hub's schema folder " + folder);
        }
        try {
            LSInput input = LS.createLSInput();
            input.setSystemId(uri);
            input.setPublicId(publicId);
            input.setByteStream(resolved.openStream());
            return input;
        } catch (IOException e) {
            throw new IllegalArgumentException("schema " + uri + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static DOMImplementationLS loadSaveImplementation() {
        try {
            return (DOMImplementationLS) DOMImplementationRegistry.newInstance().getDOMImplementation("LS");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no DOM load-and-save implementation", e);
        }
    }
}
