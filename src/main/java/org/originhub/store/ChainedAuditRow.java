package org.originhub.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.springframework.jdbc.core.RowMapper;

/**
 * An audit row as the hash chain covers it: every column the hub writes, its place in the chain (seal) and its
 * chain hash. {@link #linkedTo} fixes the canonical form that is hashed (docs/security.md): changing it would break
 * every chain already in a database, so it is never changed, only versioned.
 */
record ChainedAuditRow(long id, Long seal, LocalDateTime occurredAt, String eventCode, String eventName,
        String direction, String certificateId, String messageId, String sourceId, String partnerId,
        String payloadSha256, String detail, String chainHash) {

    /** The hash the first sealed row follows. */
    static final String GENESIS = "0".repeat(64);

    static final String COLUMNS = "id, seal_seq, occurred_at, event_code, event_name, direction, certificate_id,"
            + " message_id, source_id, partner_id, payload_sha256, detail, chain_hash";

    // occurred_at is a TIMESTAMP without zone: read as the wall-clock value stored, whatever the JVM's time zone
    static final RowMapper<ChainedAuditRow> MAPPER = (rs, n) -> new ChainedAuditRow(rs.getLong(1),
            rs.getObject(2, Long.class), rs.getObject(3, LocalDateTime.class), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
            rs.getString(12), rs.getString(13));

    /** The same row placed at another seal number (what the sealer assigns). */
    ChainedAuditRow sealedAs(long seal) {
        return new ChainedAuditRow(id, seal, occurredAt, eventCode, eventName, direction, certificateId, messageId,
                sourceId, partnerId, payloadSha256, detail, chainHash);
    }

    /**
     * The chain hash of this row when it follows a row whose chain hash is previousHash: SHA-256 over the previous
     * hash, the seal number, the id and every written column, each as a 4-byte big-endian length and its UTF-8
     * bytes (-1 and nothing for NULL), so that no two different rows serialise alike. The seal and the id are
     * inside: a row moved to another place in the chain, or given another id, no longer matches.
     */
    String linkedTo(String previousHash) {
        MessageDigest digest = sha256();
        for (String field : new String[] {previousHash, seal == null ? null : seal.toString(), Long.toString(id),
                occurredAt == null ? null : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(occurredAt), eventCode,
                eventName, direction, certificateId, messageId, sourceId, partnerId, payloadSha256, detail}) {
            if (field == null) {
                digest.update(ByteBuffer.allocate(4).putInt(-1).array());
            } else {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                digest.update(bytes);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
