package org.originhub.store;

import java.time.Instant;

/** One row of the lifecycle store. */
public record CertificateRecord(Direction direction, String certificateId, String issuerId, String functionCode,
        String messageId, String sourceId, String partnerId, String agreementCode, LifecycleStatus status,
        String transportStatus, String payloadSha256, String canonicalEnvelope, Instant createdAt, Instant updatedAt, String blockId) {
}
