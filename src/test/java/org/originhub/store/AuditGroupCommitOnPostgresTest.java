package org.originhub.store;

import com.zaxxer.hikari.HikariDataSource;
import org.originhub.support.TestDatabase;

/** {@link AuditGroupCommitTest} on PostgreSQL, the production database, where a refused row aborts the batch's transaction. */
class AuditGroupCommitOnPostgresTest extends AuditGroupCommitTest {

    @Override
    protected HikariDataSource database(String name) {
        return TestDatabase.postgres(name);
    }
}
