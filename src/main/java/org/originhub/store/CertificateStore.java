package org.originhub.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The certificate lifecycle store: one row per certificate and direction, keyed on its business identity
 * (issuer, certificate id, message function) by a unique constraint, so a duplicate cannot slip in even
 * when two hub instances race. Status changes are checked against {@link LifecycleStatus#canMoveTo}.
 */
public class CertificateStore {

    private static final String COLUMNS = "direction, certificate_id, issuer_id, function_code, message_id, source_id,"
            + " partner_id, agreement_code, status, transport_status, payload_sha256, canonical_envelope, created_at, updated_at, block_id,"
            + " certificate_sha256, attempts_since";
    /**
     * The same columns with NULL for the envelope: the delivery path reads its row three or four times per certificate
     * and has the envelope in its message. Reading it each time fetched several KB (which PostgreSQL decompresses
     * first) and decoded them, for nothing.
     */
    private static final String COLUMNS_BUT_ENVELOPE = COLUMNS.replace(" canonical_envelope,", " NULL,");

    /** A status move of one message's row; the caller that has just read the row adds its status to the condition. */
    private static final String MOVE = "UPDATE certificate SET status = ?, transport_status = ?, updated_at = ?"
            + " WHERE direction = ? AND message_id = ?";

    /** One more delivery attempt, waiting since the first one unless it already was (then one parameter: now). */
    private static final String COUNT_ATTEMPT = "attempts = attempts + 1, attempts_since = COALESCE(attempts_since, ?)";

    private final JdbcTemplate jdbc;
    private final UniqueInsert unique;

    public CertificateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.unique = new UniqueInsert(jdbc);
    }

    /**
     * Inserts a new certificate; answers false when its business identity is already stored, and leaves the caller's
     * transaction usable either way ({@link UniqueInsert}).
     */
    public boolean insert(CertificateRecord record) {
        return unique.insert("INSERT INTO certificate (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                record.direction().name(), record.certificateId(), record.issuerId(), record.functionCode(),
                record.messageId(), record.sourceId(), record.partnerId(), record.agreementCode(),
                record.status().name(), record.transportStatus(), record.payloadSha256(),
                record.canonicalEnvelope(), Timestamp.from(record.createdAt()), Timestamp.from(record.updatedAt()),
                record.blockId(), record.certificateSha256(), Timestamp.from(record.createdAt()));
    }

    /**
     * Replaces a FAILED certificate by a new attempt with a new message (a resend after failure is allowed): a new
     * retry budget, the last error cleared.
     */
    public boolean resend(CertificateRecord record) {
        Timestamp now = Timestamp.from(Instant.now());
        return jdbc.update("UPDATE certificate SET message_id = ?, source_id = ?, partner_id = ?, status = ?,"
                + " transport_status = ?, payload_sha256 = ?, canonical_envelope = ?, updated_at = ?, block_id = ?,"
                + " certificate_sha256 = ?, attempts = 0, attempts_since = ?, last_error = NULL"
                + " WHERE direction = ? AND issuer_id = ? AND certificate_id = ? AND function_code = ? AND status = ?",
                record.messageId(), record.sourceId(), record.partnerId(), record.status().name(),
                record.transportStatus(), record.payloadSha256(), record.canonicalEnvelope(), now, record.blockId(),
                record.certificateSha256(), now, record.direction().name(), record.issuerId(), record.certificateId(),
                record.functionCode(), LifecycleStatus.FAILED.name()) == 1;
    }

    /**
     * How far the delivery of one outbound message has gone: attempts made, since when it has been waiting for
     * delivery (queued, resent or replayed: the retry policy's maximum age counts from then, so even a failure that
     * strikes before an attempt is counted cannot retry for ever), and the last failure.
     */
    public record DeliveryState(int attempts, Instant since, String lastError) {
    }

    /**
     * Counts one more delivery attempt, in the database and before the attempt is made: a hub killed during
     * the attempt still counts it, so a message that crashes the hub cannot retry for ever.
     */
    public DeliveryState startAttempt(String messageId) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("UPDATE certificate SET " + COUNT_ATTEMPT + ", updated_at = ? WHERE direction = 'OUTBOUND'"
                + " AND message_id = ?", now, now, messageId);
        return deliveryState(messageId).orElseThrow();
    }

    /** An outbound row as the delivery path reads it (without the envelope), and how far its delivery has gone. */
    public record Delivery(CertificateRecord record, DeliveryState state) {
    }

    /** The row of an outbound message without its envelope, and its delivery state, in one read. */
    public Optional<Delivery> findForDelivery(String messageId) {
        // COLUMNS ends with attempts_since (17): attempts and last_error follow it, as deliveryState reads them
        return jdbc.query("SELECT " + COLUMNS_BUT_ENVELOPE + ", attempts, last_error FROM certificate"
                + " WHERE direction = 'OUTBOUND' AND message_id = ?",
                (rs, n) -> new Delivery(map(rs, n), deliveryState(rs, 18, 17, 19)), messageId).stream().findFirst();
    }

    /**
     * Counts one more attempt and makes the move in one update, for a caller that has just read the row with its
     * delivery state: it applies only while the row still has the status and the count that were read, and answers
     * whether it did. Otherwise another copy of the message changed the row meanwhile, and the caller counts and moves
     * in two steps ({@link #startAttempt}, {@link #transition}), each against the row as it is then: one update and one
     * read fewer for every attempt (docs/performance.md).
     */
    public boolean startAttempt(Delivery read, LifecycleStatus target, TransportStatus transportStatus) {
        CertificateRecord current = read.record();
        checkMove(current, target);
        Timestamp now = Timestamp.from(Instant.now());
        return jdbc.update("UPDATE certificate SET " + COUNT_ATTEMPT + ", status = ?, transport_status = ?,"
                + " updated_at = ? WHERE direction = 'OUTBOUND' AND message_id = ? AND status = ? AND attempts = ?",
                now, target.name(), transportStatus.name(), now, current.messageId(), current.status().name(),
                read.state().attempts()) == 1;
    }

    public Optional<DeliveryState> deliveryState(String messageId) {
        return jdbc.query("SELECT attempts, attempts_since, last_error FROM certificate WHERE direction = 'OUTBOUND'"
                + " AND message_id = ?", (rs, n) -> deliveryState(rs, 1, 2, 3), messageId).stream().findFirst();
    }

    private static DeliveryState deliveryState(ResultSet rs, int attempts, int since, int lastError)
            throws SQLException {
        Timestamp waiting = rs.getTimestamp(since);
        return new DeliveryState(rs.getInt(attempts), waiting == null ? null : waiting.toInstant(),
                rs.getString(lastError));
    }

    /** Records a failed attempt: its transport status and the error an operator will read. */
    public void attemptFailed(String messageId, String transportStatus, String error) {
        jdbc.update("UPDATE certificate SET transport_status = ?, last_error = ?, updated_at = ? WHERE direction = 'OUTBOUND'"
                + " AND message_id = ?", transportStatus, limit(error), Timestamp.from(Instant.now()), messageId);
    }

    /**
     * An operator's replay of a FAILED certificate: back to ISSUED with a fresh retry budget, the same message (so
     * the partner recognises a copy it may already hold). Answers false when the certificate is not FAILED, which
     * also keeps two operators from replaying it twice.
     */
    public boolean replay(String messageId) {
        Timestamp now = Timestamp.from(Instant.now());
        return jdbc.update("UPDATE certificate SET status = ?, transport_status = ?, attempts = 0, attempts_since = ?,"
                + " updated_at = ? WHERE direction = 'OUTBOUND' AND message_id = ? AND status = ?",
                LifecycleStatus.ISSUED.name(), TransportStatus.QUEUED.name(), now, now, messageId,
                LifecycleStatus.FAILED.name()) == 1;
    }

    /** The dead-letter store as an operator sees it: outbound certificates that ended FAILED, newest first. */
    public record DeadLetter(String certificateId, String issuerId, String messageId, String partnerId, int attempts,
            Instant since, String lastError, Instant failedAt) {
    }

    public List<DeadLetter> deadLetters() {
        return jdbc.query("SELECT certificate_id, issuer_id, message_id, partner_id, attempts, attempts_since, last_error,"
                + " updated_at FROM certificate WHERE direction = 'OUTBOUND' AND status = ? ORDER BY updated_at DESC, id DESC",
                (rs, n) -> new DeadLetter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(), rs.getString(7),
                        rs.getTimestamp(8).toInstant()), LifecycleStatus.FAILED.name());
    }

    /**
     * Outbound certificates committed but never attempted: after a crash between the database commit and the
     * broker commit, one of these may have no message. The start-up sweep checks them against the queues.
     */
    public List<CertificateRecord> neverAttempted() {
        return jdbc.query("SELECT " + COLUMNS + " FROM certificate WHERE direction = 'OUTBOUND' AND status = ?"
                + " AND transport_status = ? AND attempts = 0 ORDER BY id", CertificateStore::map,
                LifecycleStatus.ISSUED.name(), TransportStatus.QUEUED.name());
    }

    private static String limit(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }

    public Optional<CertificateRecord> find(Direction direction, String issuerId, String certificateId, String functionCode) {
        return jdbc.query("SELECT " + COLUMNS + " FROM certificate WHERE direction = ? AND issuer_id = ?"
                + " AND certificate_id = ? AND function_code = ?", CertificateStore::map,
                direction.name(), issuerId, certificateId, functionCode).stream().findFirst();
    }

    public Optional<CertificateRecord> findByMessageId(Direction direction, String messageId) {
        return findByMessageId(COLUMNS, direction, messageId);
    }

    /**
     * The row of the message as {@link #findByMessageId}, but with a null {@code canonicalEnvelope}: for callers that
     * need the certificate's identity and status only.
     */
    public Optional<CertificateRecord> findWithoutEnvelope(Direction direction, String messageId) {
        return findByMessageId(COLUMNS_BUT_ENVELOPE, direction, messageId);
    }

    private Optional<CertificateRecord> findByMessageId(String columns, Direction direction, String messageId) {
        return jdbc.query("SELECT " + columns + " FROM certificate WHERE direction = ? AND message_id = ?",
                CertificateStore::map, direction.name(), messageId).stream().findFirst();
    }

    /** Every row for a certificate id, outbound first (the view of the issuing side). */
    public List<CertificateRecord> findByCertificateId(String certificateId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM certificate WHERE certificate_id = ? ORDER BY direction DESC, id",
                CertificateStore::map, certificateId);
    }

    /**
     * Moves the certificate sent in {@code messageId} to {@code target}; refuses an illegal transition
     * (for example a late ACK after the certificate already ended REJECTED).
     */
    public LifecycleStatus transition(Direction direction, String messageId, LifecycleStatus target,
            TransportStatus transportStatus) {
        return transition(direction, messageId, target, transportStatus.name());
    }

    public LifecycleStatus transition(Direction direction, String messageId, LifecycleStatus target, String transportStatus) {
        CertificateRecord current = findWithoutEnvelope(direction, messageId)
                .orElseThrow(() -> new IllegalStateException("no " + direction + " certificate with message " + messageId));
        checkMove(current, target);
        jdbc.update(MOVE, target.name(), transportStatus, Timestamp.from(Instant.now()), direction.name(), messageId);
        return current.status();
    }

    /**
     * As {@link #transition(Direction, String, LifecycleStatus, TransportStatus)}, for a caller that has just read the
     * row: the move is checked against the status it read, and the update applies only while the row still has that
     * status, so the delivery path does not read each row twice (docs/performance.md). Had the row moved meanwhile
     * (another copy of the message answered first), it is read and checked again.
     */
    public LifecycleStatus transition(CertificateRecord current, LifecycleStatus target, TransportStatus transportStatus) {
        return move(current, target, transportStatus) ? current.status()
                : transition(current.direction(), current.messageId(), target, transportStatus);
    }

    /**
     * The move of {@link #transition(CertificateRecord, LifecycleStatus, TransportStatus)} without its second try:
     * checked against the status the caller read or made, applied only while the row still has it; answers whether
     * it was. A caller that must tell "moved meanwhile" apart (a repeated ACK) reads the row again itself.
     */
    public boolean move(CertificateRecord current, LifecycleStatus target, TransportStatus transportStatus) {
        checkMove(current, target);
        return jdbc.update(MOVE + " AND status = ?", target.name(), transportStatus.name(),
                Timestamp.from(Instant.now()), current.direction().name(), current.messageId(),
                current.status().name()) == 1;
    }

    private static void checkMove(CertificateRecord current, LifecycleStatus target) {
        if (current.status() != target && !current.status().canMoveTo(target)) {
            throw new IllegalLifecycleTransitionException(current.certificateId(), current.status(), target);
        }
    }

    /** The outbound certificates waiting for a partner's next batch, oldest first. */
    public List<CertificateRecord> waitingForBatch(String partnerId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM certificate WHERE direction = 'OUTBOUND' AND partner_id = ?"
                + " AND transport_status = ? ORDER BY id", CertificateStore::map, partnerId, BATCH_PENDING);
    }

    public static final String BATCH_PENDING = TransportStatus.BATCH_PENDING.name();

    /** One run of a scheduled batch, for the operator's record of what ran when. */
    public void batchRun(String partnerId, String batchId, Instant scheduledAt, Instant firedAt, int certificates) {
        jdbc.update("INSERT INTO batch_run (partner_id, batch_id, scheduled_at, fired_at, certificates) VALUES (?,?,?,?,?)",
                partnerId, batchId, scheduledAt == null ? null : Timestamp.from(scheduledAt), Timestamp.from(firedAt),
                certificates);
    }

    /** Records the transport state of the current delivery attempt without touching the business status. */
    public void transportStatus(Direction direction, String messageId, String transportStatus) {
        jdbc.update("UPDATE certificate SET transport_status = ?, updated_at = ? WHERE direction = ? AND message_id = ?",
                transportStatus, Timestamp.from(Instant.now()), direction.name(), messageId);
    }

    /**
     * Live figures of one utility block, from the certificates stored under it. Sent side: acknowledged (or
     * delivered), rejected by the partner, failed, in flight. Received side: certificates accepted from partners.
     * Certificates refused before a row exists (at ingest, or answered RE on receipt) are in the audit trail only.
     */
    public record BlockFigures(long sentAcknowledged, long sentRejected, long sentFailed, long sentInFlight,
            long received, Instant lastExchange) {
    }

    public BlockFigures figures(String blockId) {
        return jdbc.queryForObject("SELECT"
                + " COALESCE(SUM(CASE WHEN direction = 'OUTBOUND' AND status IN ('ACCEPTED', 'DELIVERED') THEN 1 ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN direction = 'OUTBOUND' AND status = 'REJECTED' THEN 1 ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN direction = 'OUTBOUND' AND status = 'FAILED' THEN 1 ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN direction = 'OUTBOUND' AND status IN ('ISSUED', 'TRANSMITTED') THEN 1 ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN direction = 'INBOUND' THEN 1 ELSE 0 END), 0),"
                + " MAX(updated_at) FROM certificate WHERE block_id = ?",
                (rs, n) -> new BlockFigures(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()), blockId);
    }

    private static CertificateRecord map(ResultSet rs, int row) throws SQLException {
        return new CertificateRecord(Direction.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                LifecycleStatus.valueOf(rs.getString(9)), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getTimestamp(13).toInstant(), rs.getTimestamp(14).toInstant(), rs.getString(15), rs.getString(16));
    }
}
