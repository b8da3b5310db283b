package org.originhub.store;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An INSERT that may find its unique key taken, and the caller's transaction still usable afterwards. PostgreSQL
 * aborts a whole transaction at its first failed statement (H2 does not), so a duplicate caught inside a transaction
 * would fail every later statement of it: the receiving hub answered 500 to a partner resending a certificate it
 * already had (ReliabilityCrashOnPostgresIT). The insert runs under a savepoint of the caller's transaction (a nested
 * one, on the same connection), and only the savepoint is rolled back. Outside a transaction it is a transaction of
 * its own.
 */
public final class UniqueInsert {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate savepoint;

    public UniqueInsert(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(new JdbcTransactionManager(jdbc.getDataSource()));
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Answers false, and changes nothing, when a row with the same unique key is already stored. */
    public boolean insert(String sql, Object... args) {
        try {
            savepoint.executeWithoutResult(status -> jdbc.update(sql, args));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }
}
