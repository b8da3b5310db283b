package org.originhub.store;

import java.time.Instant;

/** One row of the audit trail, as answered by the certificate API. */
public record AuditRecord(Instant time, String code, String event, String direction, String certificateId,
        String messageId, String sourceId, String partnerId, String payloadSha256, String detail) {
}
