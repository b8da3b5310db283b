package org.originhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Audit rows of concurrent callers share commits, and yet each caller returns only once its own row is committed
 * (visible to another connection); a row the database refuses fails its own caller and no other. H2 here,
 * PostgreSQL in {@link AuditGroupCommitOnPostgresTest}.
 */
class AuditGroupCommitTest {

    private static final String INSERT = "INSERT INTO audit_event (occurred_at, event_code, event_name, direction,"
            + " certificate_id, message_id, source_id, partner_id, payload_sha256, detail) VALUES (?,?,?,?,?,?,?,?,?,?)";

    private HikariDataSource data;
    private JdbcTemplate jdbc;

    @BeforeEach
    void freshDatabase() throws Exception {
        data = database("audit-group");
        jdbc = new JdbcTemplate(data);
    }

    @AfterEach
    void close() {
        data.close();
    }

    /** A fresh database with the hub's schema; H2 here. */
    protected HikariDataSource database(String name) {
        return org.originhub.support.TestDatabase.fresh(name);
    }

    private static Object[] row(String certificateId, String eventCode) {
        return new Object[] {java.sql.Timestamp.from(java.time.Instant.now()), eventCode, "RECEIVED", "OUTBOUND",
                certificateId, "m-" + certificateId, "formd-xml", "vn", null, "detail"};
    }

    @Test
    void eightConcurrentWritersEachSeeTheirRowCommittedWhenWriteReturns() throws Exception {
        AuditGroupCommit group = new AuditGroupCommit(jdbc, INSERT);
        ExecutorService writers = Executors.newFixedThreadPool(8);
        ConcurrentLinkedQueue<String> notVisible = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            done.add(writers.submit(() -> {
                start.await();
                for (int i = 0; i < 150; i++) {
                    String id = "W" + writer + "-" + i;
                    group.write(List.<Object[]>of(row(id, "OH-101")));
                    // another connection: only a committed row is visible there
                    Integer seen = jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE certificate_id = ?",
                            Integer.class, id);
                    if (seen == null || seen != 1) {
                        notVisible.add(id);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> writer : done) {
            writer.get(60, TimeUnit.SECONDS);
        }
        writers.shutdown();
        assertThat(notVisible).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event", Integer.class)).isEqualTo(1200);
    }

    @Test
    void aRowTheDatabaseRefusesFailsOnlyItsOwnCaller() throws Exception {
        AuditGroupCommit group = new AuditGroupCommit(jdbc, INSERT);
        // event_code is NOT NULL: this row is refused
        assertThatThrownBy(() -> group.write(List.<Object[]>of(row("BAD", null)))).isInstanceOf(DataAccessException.class);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = i % 50 == 7 ? "BAD-" + i : "OK-" + i;
            results.add(writers.submit(() -> {
                try {
                    group.write(List.<Object[]>of(row(id, id.startsWith("BAD") ? null : "OH-101")));
                    return true;
                } catch (DataAccessException refused) {
                    return false;
                }
            }));
        }
        int failed = 0;
        for (Future<Boolean> result : results) {
            failed += result.get(60, TimeUnit.SECONDS) ? 0 : 1;
        }
        writers.shutdown();
        assertThat(failed).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE certificate_id LIKE 'OK-%'",
                Integer.class)).isEqualTo(196);
    }

    @Test
    void theRowsOfOneCallerCommitTogetherOrNotAtAll() {
        AuditGroupCommit group = new AuditGroupCommit(jdbc, INSERT);

        group.write(List.of(row("STAGES", "OH-101"), row("STAGES", "OH-102"), row("STAGES", "OH-103")));
        // the second row is refused: the first must not stay behind on its own
        assertThatThrownBy(() -> group.write(List.of(row("HALF", "OH-101"), row("HALF", null))))
                .isInstanceOf(DataAccessException.class);

        assertThat(jdbc.queryForList("SELECT event_code FROM audit_event WHERE certificate_id = 'STAGES' ORDER BY id",
                String.class)).containsExactly("OH-101", "OH-102", "OH-103");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE certificate_id = 'HALF'", Integer.class))
                .isZero();
    }
}
