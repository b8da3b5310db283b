package org.originhub.support;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.crypto.dsig.XMLSignature;
import org.originhub.signature.EnvelopeSigner;
import org.originhub.signature.KeyMaterial;
import org.originhub.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * Signs envelopes in tests the way a hub does: after the test changed one (a resend under a new message id), or to
 * sign with a key that should not be trusted. Keys are the committed test and demo keys on the test classpath.
 */
public final class TestSigning {

    private TestSigning() {
    }

    /** The demo hub's signer (config/demo-keys): what the demo and the reliability hubs sign with. */
    public static EnvelopeSigner demo() {
        return signer("config/demo-keys/demo-hub.p12", "demo-only", "demo-hub");
    }

    /** One of src/test/resources/keys ({@code th-dft}, {@code vn-gdvc}, ...). */
    public static EnvelopeSigner testKey(String name) {
        return signer("keys/" + name + ".p12", "test-only", name);
    }

    /** The envelope without its signature, signed again by {@code signer}. */
    public static String resign(String envelope, EnvelopeSigner signer) {
        try {
            Document document = SecureXml.parseDocument(envelope.getBytes(StandardCharsets.UTF_8));
            Node signature = document.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature").item(0);
            if (signature != null) {
                signature.getParentNode().removeChild(signature);
            }
            return new String(signer.sign(SecureXml.serialize(document)), StandardCharsets.UTF_8);
        } catch (org.xml.sax.SAXException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static EnvelopeSigner signer(String resource, String password, String alias) {
        try (InputStream in = TestSigning.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no key " + resource + " on the test classpath");
            }
            return KeyMaterial.signer(in, password.toCharArray(), alias);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
