package org.originhub.signature;

import java.security.cert.X509Certificate;

/**
 * An envelope whose signature passed: the very bytes that were verified (the signature covers the whole document),
 * the party it was signed as, and the signer's certificate.
 */
public record VerifiedEnvelope(byte[] document, String senderId, X509Certificate signer) {
}
