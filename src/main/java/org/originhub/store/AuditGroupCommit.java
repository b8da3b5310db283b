package org.originhub.store;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the audit rows of concurrent callers that are outside any transaction in one commit (group commit), and
 * returns to each caller only once its own row is committed, so an audit row is as durable as before. The first
 * caller to find no commit under way writes everything waiting, then the callers that queued meanwhile go next.
 * With H2 every commit rewrites the changed pages of each touched table and index, and audit rows were the
 * largest share of a hub's commits under load (bench/run-e2e.sh, JFR). A lone caller pays what it paid before.
 */
final class AuditGroupCommit {

    /** One caller's rows (written together: all or none) and what became of them. */
    static final class Row {
        final List<Object[]> values;
        boolean done;
        RuntimeException failure;

        Row(List<Object[]> values) {
            this.values = values;
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final String insert;
    private final Object lock = new Object();
    private List<Row> waiting = new ArrayList<>();
    private boolean writing;

    AuditGroupCommit(JdbcTemplate jdbc, String insert) {
        this.jdbc = jdbc;
        this.insert = insert;
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    /** Several rows of one caller, committed together (the stages of one certificate). */
    void write(List<Object[]> values) {
        Row row = new Row(values);
        List<Row> batch;
        synchronized (lock) {
            waiting.add(row);
            while (writing && !row.done) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    // still queued: the writer under way or the next one commits it; this caller just stops waiting
                    throw new IllegalStateException("interrupted while its audit row was being written", e);
                }
            }
            if (row.done) {
                if (row.failure != null) {
                    throw row.failure;
                }
                return;
            }
            writing = true;
            batch = waiting;
            waiting = new ArrayList<>();
        }
        try {
            commit(batch);
        } finally {
            synchronized (lock) {
                for (Row written : batch) {
                    written.done = true;
                }
                writing = false;
                lock.notifyAll();
            }
        }
        if (row.failure != null) {
            throw row.failure;
        }
    }

    /**
     * All callers' rows in one transaction; if that fails, each caller's rows in a transaction of their own, so one
     * bad row fails only its own caller.
     */
    private void commit(List<Row> batch) {
        try {
            transactions.executeWithoutResult(status -> jdbc.batchUpdate(insert,
                    batch.stream().flatMap(r -> r.values.stream()).toList()));
        } catch (RuntimeException together) {
            if (batch.size() == 1) {
                batch.get(0).failure = together;
                return;
            }
            for (Row single : batch) {
                try {
                    transactions.executeWithoutResult(status -> jdbc.batchUpdate(insert, single.values));
                } catch (RuntimeException alone) {
                    single.failure = alone;
                }
            }
        }
    }
}
