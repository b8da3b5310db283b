package org.originhub.signature;

import java.security.cert.X509Certificate;
import org.w3c.dom.Document;

/**
 * An envelope whose signature passed: the very bytes that were verified (the signature covers the whole document),
 * the party it was signed as, the signer's certificate, and the tree the signature was checked on (parsed from those
 * bytes; what reads the envelope next may use it rather than parse the bytes again).
 */
public record VerifiedEnvelope(byte[] document, String senderId, X509Certificate signer, Document tree) {
}
