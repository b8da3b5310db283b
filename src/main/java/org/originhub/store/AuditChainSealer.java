package org.originhub.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chains the audit rows after they are committed, a few hundred milliseconds behind (route seal-audit-chain).
 *
 * <p>Why not chain in {@link AuditTrail#record}: each row would have to read and move the chain's head inside the
 * writer's transaction, so every ingest, delivery and receipt thread would queue on one row lock for as long as the
 * slowest of their transactions. Instead writers insert as before, with no lock and no extra commit, and this
 * sealer takes the committed, unsealed rows in batches: in one short transaction of its own it locks the head row
 * (SELECT ... FOR UPDATE, so hub instances sharing the database take turns and never fork the chain), numbers the
 * rows 1, 2, 3 ... in the order it seals them (seal_seq), sets each one's chain_hash from the previous one's and
 * moves the head. One commit per batch, none while there is nothing to seal.
 *
 * <p>The chain follows seal order, not id order: a row whose transaction commits late (a lower id becoming visible
 * after higher ones were sealed) is simply sealed in a later batch. A sealed row is never touched again.
 */
public class AuditChainSealer {

    private static final Logger LOG = LoggerFactory.getLogger(AuditChainSealer.class);
    static final int BATCH = 500;
    /**
     * COALESCE, not "seal_seq IS NULL": with that, H2 looks each row up through the index of seal_seq, walking the
     * batch's unsealed rows for every one of them, instead of by its id (docs/performance.md).
     */
    static final String SEAL_ROW = "UPDATE audit_event SET seal_seq = ?, chain_hash = ? WHERE id = ?"
            + " AND COALESCE(seal_seq, 0) = 0";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private volatile boolean failing;

    public AuditChainSealer(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Seals every row committed so far, batch by batch, and answers how many. A failure (database unreachable,
     * lock timeout) is logged once and leaves the rows for the next run: nothing is lost, they are sealed late.
     */
    public int seal() {
        int total = 0;
        try {
            int sealed;
            do {
                sealed = sealBatch();
                total += sealed;
            } while (sealed == BATCH);
            if (failing) {
                failing = false;
                LOG.info("Audit rows are being sealed again");
            }
        } catch (DataAccessException | IllegalStateException e) {
            if (!failing) {
                LOG.warn("Cannot seal audit rows now, they stay unsealed until a later run: {}", e.getMessage());
            }
            failing = true;
        }
        return total;
    }

    int sealBatch() {
        // Checked without the lock: an idle hub does not lock, write or commit anything.
        if (jdbc.queryForList("SELECT id FROM audit_event WHERE seal_seq IS NULL FETCH FIRST 1 ROWS ONLY", Long.class)
                .isEmpty()) {
            return 0;
        }
        Integer sealed = transaction.execute(status -> {
            AuditChainHead head = AuditChainHead.read(jdbc, true);
            // read after the lock is held: rows another instance sealed meanwhile are no longer NULL here
            List<ChainedAuditRow> rows = jdbc.query("SELECT " + ChainedAuditRow.COLUMNS
                    + " FROM audit_event WHERE seal_seq IS NULL ORDER BY id FETCH FIRST " + BATCH + " ROWS ONLY",
                    ChainedAuditRow.MAPPER);
            if (rows.isEmpty()) {
                return 0;
            }
            long seal = head.seal();
            String previous = head.hash();
            List<Object[]> links = new ArrayList<>(rows.size());
            for (ChainedAuditRow row : rows) {
                seal++;
                previous = row.sealedAs(seal).linkedTo(previous);
                links.add(new Object[] {seal, previous, row.id()});
            }
            int[] counts = jdbc.batchUpdate(SEAL_ROW, links);
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    throw new IllegalStateException("audit row " + rows.get(i).id() + " was sealed by someone else");
                }
            }
            // the head must still be where it was when locked; anything else means the lock did not hold
            if (jdbc.update("UPDATE audit_chain_head SET seal_seq = ?, chain_hash = ?, sealed_at = ? WHERE id = 1"
                    + " AND seal_seq = ?", seal, previous, Timestamp.from(Instant.now()), head.seal()) != 1) {
                throw new IllegalStateException("the audit chain head moved while sealing");
            }
            return rows.size();
        });
        return sealed == null ? 0 : sealed;
    }
}
