package org.originhub.store;

import java.time.Instant;

/**
 * One row of the lifecycle store. {@code payloadSha256} is the hash of the envelope as sent or received;
 * {@code certificateSha256} the hash of the certificate itself, which tells a duplicate (same certificate
 * again) from a conflict (another certificate under the same business identity).
 */
public record CertificateRecord(Direction direction, String certificateId, String issuerId, String functionCode,
        String messageId, String sourceId, String partnerId, String agreementCode, LifecycleStatus status,
        String transportStatus, String payloadSha256, String canonicalEnvelope, Instant createdAt, Instant updatedAt, String blockId,
        String certificateSha256) {

    /** The same row after a status move the caller has just made. */
    public CertificateRecord withStatus(LifecycleStatus moved) {
        return new CertificateRecord(direction, certificateId, issuerId, functionCode, messageId, sourceId, partnerId,
                agreementCode, moved, transportStatus, payloadSha256, canonicalEnvelope, createdAt, updatedAt, blockId,
                certificateSha256);
    }
}
