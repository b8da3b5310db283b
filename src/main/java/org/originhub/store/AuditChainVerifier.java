package org.originhub.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the audit chain from the first sealed row to the head and reports the first link that does not hold:
 * a row changed (its hash no longer matches), removed (a seal number missing, and the next row no longer follows)
 * or moved (its seal number or id is inside its hash). Each row is checked against the hash stored in the row
 * before it, so one change breaks one link and the ones after it still verify: the count says how much was touched.
 */
public class AuditChainVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(AuditChainVerifier.class);

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    public AuditChainVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        // PostgreSQL streams a result only inside a transaction and with a fetch size; otherwise it would hold the
        // whole audit trail in memory
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(1000);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    public AuditChainHead head() {
        return AuditChainHead.read(jdbc, false);
    }

    public AuditChainReport verify() {
        AuditChainReport report = readOnly.execute(status -> {
            // The head first: every row up to its seal was committed with it or before, and a sealed row never
            // changes, so walking up to it needs no lock while the sealer carries on.
            AuditChainHead head = head();
            Walk walk = new Walk();
            streaming.query("SELECT " + ChainedAuditRow.COLUMNS + " FROM audit_event WHERE seal_seq IS NOT NULL"
                    + " AND seal_seq <= ? ORDER BY seal_seq",
                    (RowCallbackHandler) rs -> walk.check(ChainedAuditRow.MAPPER.mapRow(rs, 0)), head.seal());
            walk.end(head);
            Long unsealed = jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE seal_seq IS NULL", Long.class);
            return new AuditChainReport(walk.checked, head.seal(), unsealed == null ? 0 : unsealed, walk.broken == 0,
                    walk.broken, head.hash(), walk.first);
        });
        if (report != null && !report.intact()) {
            LOG.error("Audit chain broken: {} broken link(s), the first {}", report.brokenLinks(), report.firstBrokenLink());
        }
        return report;
    }

    /** The walk along the chain in seal order. */
    private static final class Walk {

        private String previous = ChainedAuditRow.GENESIS;
        private long lastSeal;
        private long checked;
        private long broken;
        private AuditChainReport.BrokenLink first;

        void check(ChainedAuditRow row) {
            checked++;
            String expected = row.linkedTo(previous);
            long seal = row.seal();
            if (seal != lastSeal + 1) {
                brokenAt(row.id(), seal, expected, row.chainHash(), seal > lastSeal + 1
                        ? (seal - lastSeal - 1) + " sealed row(s) missing before this one (seal " + (lastSeal + 1)
                                + " expected, " + seal + " found): removed"
                        : "seal " + seal + " where " + (lastSeal + 1) + " was expected: rows reordered");
            } else if (!expected.equals(row.chainHash())) {
                brokenAt(row.id(), seal, expected, row.chainHash(),
                        "hash does not match: the row was changed, or put in another row's place");
            }
            previous = row.chainHash();
            lastSeal = seal;
        }

        void end(AuditChainHead head) {
            if (lastSeal != head.seal()) {
                brokenAt(null, head.seal(), head.hash(), previous, "the chain ends at seal " + lastSeal
                        + " but its head is at seal " + head.seal() + ": the last sealed row(s) were removed");
            } else if (!head.hash().equals(previous)) {
                brokenAt(null, head.seal(), head.hash(), previous,
                        "the last sealed row's hash is not the chain head's: the row or the head was changed");
            }
        }

        private void brokenAt(Long id, Long seal, String expected, String found, String reason) {
            broken++;
            if (first == null) {
                first = new AuditChainReport.BrokenLink(id, seal, expected, found, reason);
            }
        }
    }
}
