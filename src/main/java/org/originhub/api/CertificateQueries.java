package org.originhub.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.originhub.store.AuditEvent;
import org.originhub.store.AuditRecord;
import org.originhub.store.AuditTrail;
import org.originhub.store.CertificateRecord;
import org.originhub.store.CertificateStore;

/**
 * GET /api/v1/certificates/{id}: the status the issuing side sees (its outbound row when there is one), every
 * row this hub holds for the id, and the whole audit history. A certificate that was rejected at ingest has
 * no row, only events: its status is REJECTED (as is one a partner sent and this hub refused on receipt). One whose
 * processing failed before it was stored (store or broker down; the source was answered 503 and may submit it
 * again) has only the events of the stages it passed: NOT_ACCEPTED.
 */
public class CertificateQueries {

    /** Events of ingest stages passed; a trail of only these never reached an outcome. */
    private static final Set<String> STAGES_PASSED = Set.of(AuditEvent.RECEIVED.name(),
            AuditEvent.TRANSFORMED.name(), AuditEvent.VALIDATED.name());

    private final CertificateStore store;
    private final AuditTrail audit;

    public CertificateQueries(CertificateStore store, AuditTrail audit) {
        this.store = store;
        this.audit = audit;
    }

    public Map<String, Object> status(String certificateId) {
        List<CertificateRecord> records = store.findByCertificateId(certificateId);
        List<AuditRecord> events = audit.history(certificateId);
        if (records.isEmpty() && events.isEmpty()) {
            throw new CertificateNotFoundException(certificateId);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("certificateId", certificateId);
        if (records.isEmpty()) {
            answer.put("status", neverStored(events));
        } else {
            CertificateRecord main = records.get(0);
            answer.put("status", main.status().name());
            answer.put("transportStatus", main.transportStatus());
            answer.put("direction", main.direction().name());
            answer.put("messageId", main.messageId());
            answer.put("partner", main.partnerId());
            answer.put("agreement", main.agreementCode());
            if (main.direction() == org.originhub.store.Direction.OUTBOUND) {
                store.deliveryState(main.messageId()).ifPresent(delivery -> {
                    answer.put("attempts", delivery.attempts());
                    if (delivery.lastError() != null) {
                        answer.put("lastError", delivery.lastError());
                    }
                });
            }
            answer.put("records", records.stream().map(CertificateQueries::summary).toList());
        }
        answer.put("events", events);
        return answer;
    }

    /** The canonical envelope as sent (outbound) or as received (inbound). */
    public String canonical(String certificateId) {
        return store.findByCertificateId(certificateId).stream().findFirst()
                .map(CertificateRecord::canonicalEnvelope)
                .orElseThrow(() -> new CertificateNotFoundException(certificateId));
    }

    private static Map<String, Object> summary(CertificateRecord record) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("direction", record.direction().name());
        row.put("status", record.status().name());
        row.put("transportStatus", record.transportStatus());
        row.put("messageId", record.messageId());
        row.put("issuer", record.issuerId());
        row.put("partner", record.partnerId());
        row.put("source", record.sourceId());
        row.put("payloadSha256", record.payloadSha256());
        row.put("updatedAt", record.updatedAt().toString());
        return row;
    }

    private static String neverStored(List<AuditRecord> events) {
        return events.stream().allMatch(event -> STAGES_PASSED.contains(event.event())) ? "NOT_ACCEPTED" : "REJECTED";
    }
}
