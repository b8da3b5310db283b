package org.originhub.signature;

import java.security.Key;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import org.originhub.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Verifies the signature of a canonical envelope from a partner, before anything else is done with it.
 *
 * <p>The rules against signature wrapping (W3C XML Signature Best Practices): exactly one ds:Signature, the last
 * child of the Envelope root; exactly one Reference, with URI="", so it covers the whole document; the transforms
 * exactly enveloped-signature then exclusive c14n (an XPath or XSLT transform could cut the payload out of what is
 * digested); no ds:Object (a place to hide the content a signature really covers); only the allow-listed algorithms
 * of {@link SignatureProfile}; JSR 105 secure validation on. Then the signer: its certificate, from KeyInfo, must be
 * valid now and be one of the certificates configured for the party named in the envelope's SenderID, or be issued
 * by one of them (per-partner trust: a certificate of A cannot sign as B). Only then is the signature checked.
 *
 * <p>What the caller gets back is the same bytes it passed in. That is what prevents wrapping: the one reference
 * covers the document root, so every node the hub can read from these bytes is covered; there is no second,
 * unsigned copy of the content to be picked by a later XPath or ID lookup.
 */
public final class EnvelopeVerifier {

    static final String NAMESPACE = "urn:originhub:canonical:1";
    private static final String SECURE_VALIDATION = "org.jcp.xml.dsig.secureValidation";

    private final SignerTrust trust;
    private final SignatureEngine engine;

    /** A verifier whose signature checks the JDK's providers compute. */
    public EnvelopeVerifier(TrustAnchors anchors, Clock clock) {
        this(anchors, clock, SignatureEngine.jdk());
    }

    public EnvelopeVerifier(TrustAnchors anchors, Clock clock, SignatureEngine engine) {
        this.trust = new SignerTrust(anchors, clock);
        this.engine = engine;
    }

    /** The envelope as verified, or a {@link SignatureRejectedException} with E010, E011 or E020. */
    public VerifiedEnvelope verify(byte[] envelope) {
        Document document = parse(envelope);
        Element root = document.getDocumentElement();
        if (!NAMESPACE.equals(root.getNamespaceURI()) || !"Envelope".equals(root.getLocalName())) {
            throw SignatureRejectedException.invalid("the signed document must be a canonical Envelope, not "
                    + root.getLocalName());
        }
        Element signatureElement = theSignature(document, root);
        String senderId = senderId(root);

        TrustedKey key = new TrustedKey();
        DOMValidateContext context = new DOMValidateContext(key, signatureElement);
        context.setProperty(SECURE_VALIDATION, Boolean.TRUE);
        engine.applyTo(context);
        XMLSignature signature = unmarshal(context);
        checkProfile(signature);
        List<X509Certificate> offered = certificates(signature.getKeyInfo());
        // Trust before cryptography: an untrusted signer costs no signature check, and gets E011 rather than E010.
        X509Certificate signer = trust.signerFor(senderId, offered);
        key.trust(signer.getPublicKey());
        checkValue(signature, context);
        return new VerifiedEnvelope(envelope, senderId, signer, document);
    }

    private static Document parse(byte[] envelope) {
        try {
            return SecureXml.parseDocument(envelope);
        } catch (SAXException e) {
            throw SignatureRejectedException.invalid("not a well-formed envelope: " + e.getMessage());
        }
    }

    /** The one ds:Signature of the document, where the profile puts it: the last element child of the root. */
    private static Element theSignature(Document document, Element root) {
        NodeList signatures = document.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        if (signatures.getLength() == 0) {
            throw SignatureRejectedException.invalid("the envelope is not signed");
        }
        if (signatures.getLength() > 1) {
            throw SignatureRejectedException.invalid("the envelope carries " + signatures.getLength()
                    + " signatures; exactly one is allowed");
        }
        Element signature = (Element) signatures.item(0);
        if (signature.getParentNode() != root || nextElement(signature) != null) {
            throw SignatureRejectedException.invalid("the signature must be the last element of the Envelope");
        }
        return signature;
    }

    private static Node nextElement(Node node) {
        Node next = node.getNextSibling();
        while (next != null && next.getNodeType() != Node.ELEMENT_NODE) {
            next = next.getNextSibling();
        }
        return next;
    }

    /** The party the envelope claims to come from: it decides whose certificates may have signed it. */
    private static String senderId(Element root) {
        List<String> senders = new ArrayList<>();
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE && NAMESPACE.equals(child.getNamespaceURI())
                    && "SenderID".equals(child.getLocalName())) {
                senders.add(child.getTextContent().strip());
            }
        }
        if (senders.size() != 1) {
            throw SignatureRejectedException.invalid("the envelope must name exactly one SenderID to check the signer"
                    + " against; found " + senders.size());
        }
        return senders.get(0);
    }

    private static XMLSignature unmarshal(DOMValidateContext context) {
        try {
            return XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(context);
        } catch (MarshalException e) {
            // secure validation refuses some algorithms (MD5, XSLT...) already here
            throw SignatureRejectedException.invalid("the signature cannot be read: " + e.getMessage());
        }
    }

    private static void checkProfile(XMLSignature signature) {
        SignedInfo info = signature.getSignedInfo();
        require(SignatureProfile.CANONICALIZATION.equals(info.getCanonicalizationMethod().getAlgorithm()),
                "canonicalisation " + info.getCanonicalizationMethod().getAlgorithm() + " is not allowed; use "
                        + SignatureProfile.CANONICALIZATION);
        String method = info.getSignatureMethod().getAlgorithm();
        require(SignatureProfile.allowsSignatureMethod(method), "signature method " + method + " is not allowed; use "
                + SignatureProfile.SIGNATURE_METHODS.values());
        List<?> references = info.getReferences();
        require(references.size() == 1, "exactly one reference is allowed; found " + references.size());
        Reference reference = (Reference) references.get(0);
        require("".equals(reference.getURI()), "the reference must cover the whole envelope (URI=\"\"), not "
                + (reference.getURI() == null ? "an implicit one" : "URI=\"" + reference.getURI() + "\""));
        require(reference.getType() == null, "a reference Type is not allowed");
        List<String> transforms = new ArrayList<>();
        for (Object transform : reference.getTransforms()) {
            transforms.add(((Transform) transform).getAlgorithm());
        }
        require(SignatureProfile.TRANSFORMS.equals(transforms), "the transforms must be exactly "
                + SignatureProfile.TRANSFORMS + "; found " + transforms);
        require(SignatureProfile.DIGEST.equals(reference.getDigestMethod().getAlgorithm()), "digest method "
                + reference.getDigestMethod().getAlgorithm() + " is not allowed; use " + SignatureProfile.DIGEST);
        require(signature.getObjects().isEmpty(), "ds:Object is not allowed in the signature");
    }

    /** The certificates of KeyInfo: one X509Data holding only certificates, the signer's first. */
    private static List<X509Certificate> certificates(KeyInfo keyInfo) {
        require(keyInfo != null && keyInfo.getContent().size() == 1 && keyInfo.getContent().get(0) instanceof X509Data,
                "KeyInfo must hold exactly one X509Data with the signer's certificate");
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object item : ((X509Data) keyInfo.getContent().get(0)).getContent()) {
            require(item instanceof X509Certificate, "X509Data may hold certificates only");
            certificates.add((X509Certificate) item);
        }
        require(!certificates.isEmpty(), "X509Data holds no certificate");
        return certificates;
    }

    private static void checkValue(XMLSignature signature, DOMValidateContext context) {
        try {
            if (signature.validate(context)) {
                return;
            }
            Reference reference = (Reference) signature.getSignedInfo().getReferences().get(0);
            if (!reference.validate(context)) {
                throw SignatureRejectedException.invalid("the envelope was changed after it was signed (digest mismatch)");
            }
            throw SignatureRejectedException.invalid("the signature value does not match the signer's certificate");
        } catch (XMLSignatureException e) {
            throw SignatureRejectedException.invalid("the signature cannot be checked: " + e.getMessage());
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw SignatureRejectedException.invalid(message);
        }
    }

    /**
     * Gives JSR 105 the key of the certificate that trust checking accepted, and no other: never a key taken from the
     * document by the library itself.
     */
    private static final class TrustedKey extends KeySelector {
        private PublicKey key;

        void trust(PublicKey trusted) {
            this.key = trusted;
        }

        @Override
        public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method, XMLCryptoContext context)
                throws KeySelectorException {
            if (key == null || purpose != Purpose.VERIFY) {
                throw new KeySelectorException("no trusted key");
            }
            if (!SignatureProfile.fits(method.getAlgorithm(), key)) {
                throw new KeySelectorException("a " + key.getAlgorithm() + " key cannot check " + method.getAlgorithm());
            }
            Key selected = key;
            return () -> selected;
        }
    }
}
