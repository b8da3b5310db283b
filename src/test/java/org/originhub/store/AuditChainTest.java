package org.originhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit hash chain on its own (H2 in memory, the hub's schema.sql; {@link AuditChainOnPostgresTest} runs the same
 * tests on PostgreSQL): an untouched trail verifies; a changed, removed or reordered row is reported as the first
 * broken link; rows committed out of id order and concurrent writers with two sealers (two hub instances) still make
 * one intact chain.
 */
class AuditChainTest {

    private HikariDataSource data;
    private JdbcTemplate jdbc;
    private DataSourceTransactionManager transactions;
    private AuditTrail trail;
    private AuditChainSealer sealer;
    private AuditChainVerifier verifier;

    @BeforeEach
    void freshTrail() throws Exception {
        data = database("audit-chain");
        jdbc = new JdbcTemplate(data);
        transactions = new DataSourceTransactionManager(data);
        trail = new AuditTrail(jdbc);
        sealer = new AuditChainSealer(jdbc, transactions);
        verifier = new AuditChainVerifier(jdbc, transactions);
    }

    @AfterEach
    void close() {
        data.close();
    }

    /** A fresh database with the hub's schema; H2 here. */
    protected HikariDataSource database(String name) {
        return org.originhub.support.TestDatabase.fresh(name);
    }

    private void record(int count) {
        for (int i = 0; i < count; i++) {
            recordOne("TH-" + i);
        }
    }

    private void recordOne(String certificateId) {
        trail.record(AuditEvent.RECEIVED, new AuditTrail.Subject(Direction.OUTBOUND, certificateId, "m-" + certificateId,
                "formd-xml", "vn", "a".repeat(64)), "received " + certificateId);
    }

    /** The id of the row at this seal number. */
    private long idAtSeal(long seal) {
        return jdbc.queryForObject("SELECT id FROM audit_event WHERE seal_seq = ?", Long.class, seal);
    }

    @Test
    void anUntouchedTrailVerifiesIntactUpToItsHead() {
        record(20);
        assertThat(sealer.seal()).isEqualTo(20);

        AuditChainReport report = verifier.verify();

        assertThat(report.intact()).isTrue();
        assertThat(report.rowsChecked()).isEqualTo(20);
        assertThat(report.sealed()).isEqualTo(20);
        assertThat(report.unsealed()).isZero();
        assertThat(report.brokenLinks()).isZero();
        assertThat(report.firstBrokenLink()).isNull();
        assertThat(report.headHash()).isEqualTo(jdbc.queryForObject(
                "SELECT chain_hash FROM audit_event WHERE seal_seq = 20", String.class)).isNotEqualTo(ChainedAuditRow.GENESIS);
    }

    @Test
    void rowsNotSealedYetAreCountedApartAndSealedOnTheNextRun() {
        record(5);
        sealer.seal();
        record(3);

        AuditChainReport before = verifier.verify();
        assertThat(sealer.seal()).isEqualTo(3);
        AuditChainReport after = verifier.verify();

        assertThat(before.intact()).isTrue();
        assertThat(before.sealed()).isEqualTo(5);
        assertThat(before.unsealed()).isEqualTo(3);
        assertThat(after.intact()).isTrue();
        assertThat(after.sealed()).isEqualTo(8);
        assertThat(after.unsealed()).isZero();
        assertThat(sealer.seal()).as("nothing left to seal").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"detail = 'received TH-forged'", "event_code = 'OH-105'", "certificate_id = NULL",
            "occurred_at = TIMESTAMP '2020-01-01 00:00:00'", "payload_sha256 = REPEAT('b', 64)",
            "partner_id = 'cl'"})
    void aChangedRowIsTheFirstBrokenLinkWithItsId(String change) {
        record(10);
        sealer.seal();
        long changed = idAtSeal(7);
        String stored = jdbc.queryForObject("SELECT chain_hash FROM audit_event WHERE id = ?", String.class, changed);

        jdbc.update("UPDATE audit_event SET " + change + " WHERE id = ?", changed);
        AuditChainReport report = verifier.verify();

        assertThat(report.intact()).isFalse();
        assertThat(report.brokenLinks()).as("the rows after it still follow its stored hash").isEqualTo(1);
        assertThat(report.rowsChecked()).isEqualTo(10);
        assertThat(report.firstBrokenLink()).satisfies(link -> {
            assertThat(link.id()).isEqualTo(changed);
            assertThat(link.seal()).isEqualTo(7);
            assertThat(link.found()).isEqualTo(stored);
            assertThat(link.expected()).isNotEqualTo(stored);
            assertThat(link.reason()).contains("changed");
        });
    }

    @Test
    void aRemovedRowBreaksTheLinkOfTheRowAfterIt() {
        record(10);
        sealer.seal();
        long next = idAtSeal(5);

        jdbc.update("DELETE FROM audit_event WHERE seal_seq = 4");
        AuditChainReport report = verifier.verify();

        assertThat(report.intact()).isFalse();
        assertThat(report.rowsChecked()).isEqualTo(9);
        assertThat(report.sealed()).isEqualTo(10);
        assertThat(report.brokenLinks()).isEqualTo(1);
        assertThat(report.firstBrokenLink().id()).isEqualTo(next);
        assertThat(report.firstBrokenLink().reason()).contains("1 sealed row(s) missing").contains("removed");
    }

    @Test
    void removingTheLastSealedRowsIsSeenAgainstTheChainHead() {
        record(10);
        sealer.seal();

        jdbc.update("DELETE FROM audit_event WHERE seal_seq > 8");
        AuditChainReport report = verifier.verify();

        assertThat(report.intact()).isFalse();
        assertThat(report.rowsChecked()).isEqualTo(8);
        assertThat(report.firstBrokenLink().id()).as("no row left to name").isNull();
        assertThat(report.firstBrokenLink().seal()).isEqualTo(10);
        assertThat(report.firstBrokenLink().reason()).contains("ends at seal 8").contains("removed");
    }

    @Test
    void twoRowsSwappingTheirIdsAreBothReported() {
        record(10);
        sealer.seal();
        long third = idAtSeal(3);
        long sixth = idAtSeal(6);

        jdbc.update("UPDATE audit_event SET id = -1 WHERE id = ?", third);
        jdbc.update("UPDATE audit_event SET id = ? WHERE id = ?", third, sixth);
        jdbc.update("UPDATE audit_event SET id = ? WHERE id = -1", sixth);
        AuditChainReport report = verifier.verify();

        assertThat(report.intact()).isFalse();
        assertThat(report.brokenLinks()).isEqualTo(2);
        assertThat(report.firstBrokenLink().seal()).isEqualTo(3);
        assertThat(report.firstBrokenLink().id()).as("the row now at seal 3 carries the sixth's id").isEqualTo(sixth);
    }

    @Test
    void twoRowsSwappingTheirPlacesInTheChainAreBothReported() {
        record(10);
        sealer.seal();
        long third = idAtSeal(3);
        long sixth = idAtSeal(6);

        String thirdHash = jdbc.queryForObject("SELECT chain_hash FROM audit_event WHERE id = ?", String.class, third);
        String sixthHash = jdbc.queryForObject("SELECT chain_hash FROM audit_event WHERE id = ?", String.class, sixth);

        // each row takes the other's place: its seal number and the hash stored there, as a reordering would
        jdbc.update("UPDATE audit_event SET seal_seq = -3 WHERE id = ?", third);
        jdbc.update("UPDATE audit_event SET seal_seq = 3, chain_hash = ? WHERE id = ?", thirdHash, sixth);
        jdbc.update("UPDATE audit_event SET seal_seq = 6, chain_hash = ? WHERE id = ?", sixthHash, third);
        AuditChainReport report = verifier.verify();

        assertThat(report.intact()).isFalse();
        assertThat(report.brokenLinks()).isEqualTo(2);
        assertThat(report.firstBrokenLink().seal()).isEqualTo(3);
        assertThat(report.firstBrokenLink().id()).isEqualTo(sixth);
    }

    @Test
    void aRowCommittedAfterHigherIdsWereSealedIsSealedAfterThemAndTheChainHolds() throws Exception {
        long late;
        try (Connection slow = data.getConnection()) {
            slow.setAutoCommit(false);
            try (PreparedStatement insert = slow.prepareStatement("INSERT INTO audit_event (occurred_at, event_code,"
                    + " event_name, detail) VALUES (?, 'OH-101', 'RECEIVED', 'slow transaction')", new String[] {"id"})) {
                insert.setTimestamp(1, Timestamp.from(Instant.now()));
                insert.executeUpdate();
                try (var keys = insert.getGeneratedKeys()) {
                    keys.next();
                    late = keys.getLong(1);
                }
            }
            record(3);
            assertThat(sealer.seal()).as("only the committed rows").isEqualTo(3);
            slow.commit();
        }
        assertThat(sealer.seal()).isEqualTo(1);

        AuditChainReport report = verifier.verify();

        assertThat(jdbc.queryForObject("SELECT MIN(id) FROM audit_event", Long.class)).isEqualTo(late);
        assertThat(jdbc.queryForObject("SELECT seal_seq FROM audit_event WHERE id = ?", Long.class, late)).isEqualTo(4);
        assertThat(report.intact()).isTrue();
        assertThat(report.rowsChecked()).isEqualTo(4);
    }

    @Test
    void eightConcurrentWritersAndTwoSealersMakeOneIntactChain() throws Exception {
        int writers = 8;
        int perWriter = 200;
        // a second sealer over the same database stands for a second hub instance
        List<AuditChainSealer> sealers = List.of(sealer, new AuditChainSealer(jdbc, transactions));
        TransactionTemplate callerTransaction = new TransactionTemplate(transactions);
        ExecutorService pool = Executors.newFixedThreadPool(writers + sealers.size());
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            List<Future<?>> sealing = new ArrayList<>();
            for (AuditChainSealer each : sealers) {
                sealing.add(pool.submit(() -> {
                    while (writing.get()) {
                        each.seal();
                    }
                }));
            }
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                // audit rows are written inside the callers' own transactions, four events at a time
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i += 4) {
                        int first = i;
                        callerTransaction.executeWithoutResult(status -> {
                            for (int k = first; k < first + 4; k++) {
                                recordOne("W" + writer + "-" + k);
                            }
                        });
                    }
                }));
            }
            for (Future<?> each : writes) {
                each.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<?> each : sealing) {
                each.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        sealer.seal();

        AuditChainReport report = verifier.verify();

        assertThat(report.intact()).as("%s", report).isTrue();
        assertThat(report.rowsChecked()).isEqualTo(writers * perWriter);
        assertThat(report.sealed()).isEqualTo(writers * perWriter);
        assertThat(report.unsealed()).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT seal_seq) FROM audit_event", Long.class))
                .isEqualTo(writers * perWriter);
    }

    @Test
    void sealerFindsEachRowItSealsByItsPrimaryKeyNotByWalkingTheUnsealedRows() throws Exception {
        try (Connection connection = data.getConnection()) {
            // H2's plan, which follows the statement's shape; PostgreSQL plans by the table's statistics
            assumeTrue(connection.getMetaData().getDatabaseProductName().equals("H2"));
        }
        record(50);

        String plan = jdbc.queryForObject("EXPLAIN " + AuditChainSealer.SEAL_ROW.replaceFirst("\\?", "1")
                .replaceFirst("\\?", "'x'").replaceFirst("\\?", "7"), String.class);

        assertThat(plan).containsIgnoringCase("PRIMARY_KEY").doesNotContainIgnoringCase("AUDIT_EVENT_BY_SEAL");
        assertThat(sealer.seal()).isEqualTo(50);
        assertThat(verifier.verify().intact()).isTrue();
    }
}
