package org.originhub.store;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An INSERT that may find its unique key taken, and the caller's transaction still usable afterwards. PostgreSQL
 * aborts a whole transaction at its first failed statement (H2 does not), so a duplicate caught inside a transaction
 * would fail every later statement of it: the receiving hub answered 500 to a partner resending a certificate it
 * already had (ReliabilityCrashOnPostgresIT).
 *
 * <p>On PostgreSQL the statement itself skips a taken key ({@code ON CONFLICT DO NOTHING}, no row inserted). Elsewhere
 * the insert runs under a savepoint of the caller's transaction (a nested one, on the same connection), and only the
 * savepoint is rolled back; outside a transaction it is a transaction of its own. PostgreSQL took the savepoint way
 * too until the two extra statements of every insert showed up in its statistics (docs/performance.md).
 */
public final class UniqueInsert {

    private static final String SKIP_TAKEN_KEY = " ON CONFLICT DO NOTHING";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate savepoint;
    /** Whether the database skips a taken key by itself; asked of the database on the first insert. */
    private volatile Boolean skipsTakenKeys;

    public UniqueInsert(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(new JdbcTransactionManager(jdbc.getDataSource()));
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Answers false, and changes nothing, when a row with the same unique key is already stored. */
    public boolean insert(String sql, Object... args) {
        if (skipsTakenKeys()) {
            return jdbc.update(sql + SKIP_TAKEN_KEY, args) == 1;
        }
        try {
            savepoint.executeWithoutResult(status -> jdbc.update(sql, args));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private boolean skipsTakenKeys() {
        Boolean skips = skipsTakenKeys;
        if (skips == null) {
            skips = "PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>) connection ->
                    connection.getMetaData().getDatabaseProductName()));
            skipsTakenKeys = skips;
        }
        return skips;
    }
}
