package org.originhub.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends audit rows and logs each one with its code. A row is written in the caller's transaction
 * (if any), so no extra fsync per event is added beyond the database's own commit; rows of callers outside a
 * transaction share commits ({@link AuditGroupCommit}), and each caller returns once its row is committed. A stage
 * that writes nothing else stages its row ({@link #stage}) for the certificate's next write. Rows are hash-chained
 * after they commit, by {@link AuditChainSealer}, so writers take no shared lock.
 */
public class AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger("originhub.audit");
    private static final int DETAIL_LIMIT = 4000;
    /** The log-context key that carries the certificate id (logging.pattern.level prints it). */
    public static final String MDC_CERTIFICATE = "originhub.certificateId";

    private static final String INSERT = "INSERT INTO audit_event (occurred_at, event_code, event_name, direction,"
            + " certificate_id, message_id, source_id, partner_id, payload_sha256, detail) VALUES (?,?,?,?,?,?,?,?,?,?)";

    private final JdbcTemplate jdbc;
    private final AuditGroupCommit groupCommit;

    public AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.groupCommit = new AuditGroupCommit(jdbc, INSERT);
    }

    /** What an audit row is about: the certificate, its message and the parties involved. */
    public record Subject(Direction direction, String certificateId, String messageId, String sourceId,
            String partnerId, String payloadSha256) {

        /** A stored certificate as the subject of an event, with the hash of the payload the event concerns. */
        public static Subject of(CertificateRecord record, String payloadSha256) {
            return new Subject(record.direction(), record.certificateId(), record.messageId(), record.sourceId(),
                    record.partnerId(), payloadSha256);
        }
    }

    /**
     * An audit row made when its event happened and written later, together with the other rows of its certificate
     * ({@link #write}): the ingest stages of a certificate cost one commit, not one each.
     */
    public static final class Staged {
        private final Object[] values;

        private Staged(Object[] values) {
            this.values = values;
        }
    }

    public void record(AuditEvent event, Subject subject, String detail) {
        Object[] values = values(event, subject, detail);
        insert(List.<Object[]>of(values));
        log(event, subject, values);
    }

    /** Makes (and logs) the row of an event that has happened; it is stored by a later {@link #write}. */
    public Staged stage(AuditEvent event, Subject subject, String detail) {
        Object[] values = values(event, subject, detail);
        log(event, subject, values);
        return new Staged(values);
    }

    /**
     * Writes staged rows in their order: in the caller's transaction if there is one (they commit or roll back with
     * it), else together in one shared commit, and returns once they are committed.
     */
    public void write(List<Staged> rows) {
        if (!rows.isEmpty()) {
            insert(rows.stream().map(row -> row.values).toList());
        }
    }

    private void insert(List<Object[]> values) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            jdbc.batchUpdate(INSERT, values);
        } else {
            groupCommit.write(values);
        }
    }

    private static Object[] values(AuditEvent event, Subject subject, String detail) {
        String text = detail == null ? null : detail.length() > DETAIL_LIMIT ? detail.substring(0, DETAIL_LIMIT) : detail;
        return new Object[] {Timestamp.from(Instant.now()), event.code(), event.name(),
                subject.direction() == null ? null : subject.direction().name(), subject.certificateId(),
                subject.messageId(), subject.sourceId(), subject.partnerId(), subject.payloadSha256(), text};
    }

    private static void log(AuditEvent event, Subject subject, Object[] values) {
        Object text = values[values.length - 1];
        // The certificate id is in the log context of the audit line itself, whatever thread writes it.
        String previous = MDC.get(MDC_CERTIFICATE);
        if (subject.certificateId() != null) {
            MDC.put(MDC_CERTIFICATE, subject.certificateId());
        }
        try {
            LOG.info("{} {} certificate={} message={} partner={} {}", event.code(), event, subject.certificateId(),
                    subject.messageId(), subject.partnerId(), text == null ? "" : text);
        } finally {
            if (previous == null) {
                MDC.remove(MDC_CERTIFICATE);
            } else {
                MDC.put(MDC_CERTIFICATE, previous);
            }
        }
    }

    public List<AuditRecord> history(String certificateId) {
        return jdbc.query("SELECT occurred_at, event_code, event_name, direction, certificate_id, message_id, source_id,"
                + " partner_id, payload_sha256, detail FROM audit_event WHERE certificate_id = ? ORDER BY id",
                (rs, n) -> new AuditRecord(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10)), certificateId);
    }
}
