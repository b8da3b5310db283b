package org.originhub.store;

import com.zaxxer.hikari.HikariDataSource;
import org.originhub.support.TestDatabase;

/**
 * {@link CertificateLifecycleTest} on PostgreSQL, the production database: the business key's unique constraint is
 * reported as a duplicate there too, and the same statements move the same rows. A taken key is skipped by the
 * insert itself, without a savepoint.
 */
class CertificateLifecycleOnPostgresTest extends CertificateLifecycleTest {

    @Override
    protected HikariDataSource database(String name) {
        return TestDatabase.postgres(name);
    }

    @Override
    protected int savepointsPerTakenKey() {
        return 0;
    }
}
