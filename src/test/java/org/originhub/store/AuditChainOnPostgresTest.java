package org.originhub.store;

import com.zaxxer.hikari.HikariDataSource;
import org.originhub.support.TestDatabase;

/** {@link AuditChainTest} on PostgreSQL, the production database: the sealer's locking and SQL are the same there. */
class AuditChainOnPostgresTest extends AuditChainTest {

    @Override
    protected HikariDataSource database(String name) {
        return TestDatabase.postgres(name);
    }
}
