package org.originhub.signature;

import java.security.Key;
import java.util.List;
import java.util.Map;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;

/**
 * The one signature profile the hub writes and accepts: an enveloped signature over the whole envelope, exclusive
 * canonicalisation, SHA-256, RSA or ECDSA. Anything else is refused rather than negotiated: every extra algorithm,
 * transform or reference is a way to make a signature cover something other than what the hub processes.
 */
final class SignatureProfile {

    static final String CANONICALIZATION = CanonicalizationMethod.EXCLUSIVE;
    static final String DIGEST = DigestMethod.SHA256;
    /** In this order, and nothing else: drop the signature itself, then canonicalise. */
    static final List<String> TRANSFORMS = List.of(Transform.ENVELOPED, CanonicalizationMethod.EXCLUSIVE);
    /** Signature method by key algorithm. */
    static final Map<String, String> SIGNATURE_METHODS = Map.of(
            "RSA", SignatureMethod.RSA_SHA256,
            "EC", SignatureMethod.ECDSA_SHA256);

    private SignatureProfile() {
    }

    /** The signature method for a key, or an exception for a key the profile has no method for (DSA, EdDSA...). */
    static String signatureMethodFor(Key key) {
        String method = SIGNATURE_METHODS.get(key.getAlgorithm());
        if (method == null) {
            throw new IllegalArgumentException("a " + key.getAlgorithm() + " key cannot sign envelopes: use RSA or EC");
        }
        return method;
    }

    static boolean allowsSignatureMethod(String algorithm) {
        return SIGNATURE_METHODS.containsValue(algorithm);
    }

    /** Whether the key is the kind the signature method needs (an EC key cannot check an RSA signature). */
    static boolean fits(String signatureMethod, Key key) {
        return signatureMethod.equals(SIGNATURE_METHODS.get(key.getAlgorithm()));
    }
}
