package org.originhub.store;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The end of the audit chain (table audit_chain_head, one row): how many rows are sealed and the chain hash of the
 * last one. This is the value to copy somewhere the database's administrators cannot write (docs/security.md).
 */
public record AuditChainHead(long seal, String hash, Instant sealedAt) {

    static AuditChainHead read(JdbcTemplate jdbc, boolean forUpdate) {
        return jdbc.queryForObject("SELECT seal_seq, chain_hash, sealed_at FROM audit_chain_head WHERE id = 1"
                + (forUpdate ? " FOR UPDATE" : ""), (rs, n) -> {
                    Timestamp at = rs.getTimestamp(3);
                    return new AuditChainHead(rs.getLong(1), rs.getString(2), at == null ? null : at.toInstant());
                });
    }
}
