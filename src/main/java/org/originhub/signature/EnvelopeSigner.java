package org.originhub.signature;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import org.originhub.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Signs a canonical envelope with the hub's key: one enveloped XMLDSig signature over the whole document
 * (Reference URI=""), appended as the last child of the Envelope, exactly in the profile {@link EnvelopeVerifier}
 * accepts. The certificate chain goes into KeyInfo so the partner can tell which of its trusted certificates signed.
 *
 * <p>Only the signature is written out: it goes into the envelope's own bytes, before the root's end tag
 * ({@link RootEndTag}). The digest is over the canonical form, which those bytes and the signed tree share, and writing
 * the whole tree again cost about a fifth of the signing (docs/performance.md).
 */
public final class EnvelopeSigner {

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final String signatureMethod;
    private final SignatureEngine engine;

    /** A signer whose signature values the JDK's providers compute. */
    public EnvelopeSigner(PrivateKey key, List<X509Certificate> chain) {
        this(key, chain, SignatureEngine.jdk());
    }

    /** {@code chain} starts with the key's own certificate; CA certificates after it help a partner that trusts the CA. */
    public EnvelopeSigner(PrivateKey key, List<X509Certificate> chain, SignatureEngine engine) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the signing key needs its certificate");
        }
        this.signatureMethod = SignatureProfile.signatureMethodFor(key);
        if (!key.getAlgorithm().equals(chain.get(0).getPublicKey().getAlgorithm())) {
            throw new IllegalArgumentException("the certificate " + chain.get(0).getSubjectX500Principal()
                    + " is not the signing key's (a " + chain.get(0).getPublicKey().getAlgorithm() + " key)");
        }
        this.key = key;
        this.chain = List.copyOf(chain);
        this.engine = engine;
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The envelope with its signature; an envelope that is already signed is refused (it would carry two). */
    public byte[] sign(byte[] envelope) {
        Document document = parse(envelope);
        Element root = document.getDocumentElement();
        if (root.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature").getLength() > 0) {
            throw new IllegalArgumentException("the envelope is already signed");
        }
        // Not thread-safe per JSR 105: one factory per signature (getInstance is cheap).
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        try {
            List<Transform> transforms = SignatureProfile.TRANSFORMS.stream().map(algorithm -> transform(factory, algorithm))
                    .toList();
            Reference whole = factory.newReference("", factory.newDigestMethod(SignatureProfile.DIGEST, null),
                    transforms, null, null);
            SignedInfo info = factory.newSignedInfo(factory.newCanonicalizationMethod(SignatureProfile.CANONICALIZATION,
                    (C14NMethodParameterSpec) null), factory.newSignatureMethod(signatureMethod, null), List.of(whole));
            KeyInfoFactory keys = factory.getKeyInfoFactory();
            KeyInfo keyInfo = keys.newKeyInfo(List.of(keys.newX509Data(chain)));
            // the signature is appended to the root: the last child of the Envelope, where the verifier expects it
            DOMSignContext context = new DOMSignContext(key, root);
            context.setDefaultNamespacePrefix("ds");
            engine.applyTo(context);
            factory.newXMLSignature(info, keyInfo).sign(context);
        } catch (GeneralSecurityException | MarshalException | XMLSignatureException e) {
            throw new IllegalStateException("cannot sign the envelope: " + e.getMessage(), e);
        }
        Element signature = (Element) root.getLastChild();
        withoutCarriageReturns(signature, "SignatureValue");
        withoutCarriageReturns(signature, "X509Certificate");
        byte[] signed = RootEndTag.insertBefore(envelope, root.getTagName(), SecureXml.serializeFragment(signature));
        return signed != null ? signed : SecureXml.serialize(document);
    }

    /**
     * The JDK wraps base64 values with CR LF, and a CR in text is written as {@code &#13;}. Dropping the CRs keeps the
     * lines and changes nothing signed: SignatureValue and KeyInfo are outside SignedInfo, and base64 ignores them.
     */
    private static void withoutCarriageReturns(Element signature, String element) {
        NodeList values = signature.getElementsByTagNameNS(XMLSignature.XMLNS, element);
        for (int i = 0; i < values.getLength(); i++) {
            values.item(i).setTextContent(values.item(i).getTextContent().replace("\r", ""));
        }
    }

    private static Transform transform(XMLSignatureFactory factory, String algorithm) {
        try {
            return factory.newTransform(algorithm, (TransformParameterSpec) null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("transform " + algorithm + " is not available", e);
        }
    }

    private static Document parse(byte[] envelope) {
        try {
            return SecureXml.parseDocument(envelope);
        } catch (SAXException e) {
            throw new IllegalArgumentException("not a well-formed envelope: " + e.getMessage(), e);
        }
    }
}
