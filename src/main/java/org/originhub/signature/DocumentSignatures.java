package org.originhub.signature;

import org.w3c.dom.Document;

/**
 * The hub's document signatures, switched by {@code originhub.signing.enabled}: outbound canonical envelopes and
 * ACKs are signed, inbound ones verified. Switched off, envelopes go out unsigned and inbound signatures are not
 * looked at (the canonical schema accepts an envelope with or without one).
 */
public final class DocumentSignatures {

    private final EnvelopeSigner signer;
    private final EnvelopeVerifier verifier;

    private DocumentSignatures(EnvelopeSigner signer, EnvelopeVerifier verifier) {
        this.signer = signer;
        this.verifier = verifier;
    }

    public static DocumentSignatures on(EnvelopeSigner signer, EnvelopeVerifier verifier) {
        return new DocumentSignatures(signer, verifier);
    }

    public static DocumentSignatures off() {
        return new DocumentSignatures(null, null);
    }

    public boolean enabled() {
        return signer != null;
    }

    /** The envelope signed with the hub's key (as it is when signatures are off). */
    public byte[] sign(byte[] envelope) {
        return signer == null ? envelope : signer.sign(envelope);
    }

    /**
     * What the signature of a partner's envelope covers, which is all the hub may process: the same bytes, since a
     * valid signature covers the whole document (see {@link EnvelopeVerifier}). Off, the bytes as they are. A
     * signature that does not pass is a {@link SignatureRejectedException}.
     */
    public byte[] verified(byte[] envelope) {
        return checked(envelope).document();
    }

    /**
     * As {@link #verified}, with the DOM the signature was checked on ({@code null} when signatures are off): the
     * receiving hub reads the payload's data cluster from it instead of parsing the envelope once more.
     */
    public Checked checked(byte[] envelope) {
        if (verifier == null) {
            return new Checked(envelope, null);
        }
        VerifiedEnvelope verified = verifier.verify(envelope);
        return new Checked(verified.document(), verified.tree());
    }

    /** The bytes a signature covers and, when it was checked, the tree it was checked on. */
    public record Checked(byte[] document, Document tree) {
    }
}
