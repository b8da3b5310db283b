package org.originhub.signature;

import java.util.ArrayList;
import java.util.List;
import javax.xml.crypto.dom.DOMStructure;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLObject;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.crypto.dsig.spec.XPathFilterParameterSpec;
import org.originhub.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A signature made the way a careless or hostile sender could make it, with plain JSR 105: any algorithms,
 * transforms, references, objects and KeyInfo. The defaults are the hub's own profile, so each test changes one thing.
 */
final class ForgedSignature {

    private String signatureMethod = SignatureMethod.RSA_SHA256;
    private String digestMethod = DigestMethod.SHA256;
    private List<String> uris = List.of("");
    private String xpathFilter;
    private Node objectContent;
    private List<java.security.cert.X509Certificate> keyInfo;

    ForgedSignature signatureMethod(String algorithm) {
        this.signatureMethod = algorithm;
        return this;
    }

    ForgedSignature digestMethod(String algorithm) {
        this.digestMethod = algorithm;
        return this;
    }

    /** One reference per URI, each with the hub's transforms (a same-document "#id" reference gets exc-c14n only). */
    ForgedSignature references(String... referenceUris) {
        this.uris = List.of(referenceUris);
        return this;
    }

    /** An XPath filter transform between enveloped-signature and exc-c14n: what is digested is what it selects. */
    ForgedSignature xpathFilter(String expression) {
        this.xpathFilter = expression;
        return this;
    }

    /** A ds:Object with Id "signed-part" holding this content (imported into the signed document). */
    ForgedSignature object(Node content) {
        this.objectContent = content;
        return this;
    }

    /** KeyInfo with these certificates instead of the signing key's own. */
    ForgedSignature keyInfo(List<java.security.cert.X509Certificate> certificates) {
        this.keyInfo = certificates;
        return this;
    }

    byte[] sign(byte[] envelope, TestKeys.Key key) throws Exception {
        Document document = SecureXml.parseDocument(envelope);
        sign(document, document.getDocumentElement(), key);
        return SecureXml.serialize(document);
    }

    /** Signs {@code document}, appending the signature to {@code parent}. */
    void sign(Document document, Element parent, TestKeys.Key key) throws Exception {
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        List<Reference> references = new ArrayList<>();
        for (String uri : uris) {
            List<Transform> transforms = new ArrayList<>();
            if (uri.isEmpty()) {
                transforms.add(factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null));
                if (xpathFilter != null) {
                    transforms.add(factory.newTransform(Transform.XPATH, new XPathFilterParameterSpec(xpathFilter,
                            java.util.Map.of("oh", EnvelopeVerifier.NAMESPACE))));
                }
            }
            transforms.add(factory.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null));
            references.add(factory.newReference(uri, factory.newDigestMethod(digestMethod, null), transforms, null, null));
        }
        List<XMLObject> objects = new ArrayList<>();
        if (objectContent != null) {
            objects.add(factory.newXMLObject(List.of(new DOMStructure(document.importNode(objectContent, true))),
                    "signed-part", null, null));
        }
        KeyInfoFactory keys = factory.getKeyInfoFactory();
        var signature = factory.newXMLSignature(factory.newSignedInfo(
                factory.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                factory.newSignatureMethod(signatureMethod, null), references),
                keys.newKeyInfo(List.of(keys.newX509Data(keyInfo != null ? keyInfo : key.chain()))), objects, null, null);
        DOMSignContext context = new DOMSignContext(key.privateKey(), parent);
        context.setDefaultNamespacePrefix("ds");
        signature.sign(context);
    }
}
