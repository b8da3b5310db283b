package org.originhub.reliability;

import java.util.List;
import org.originhub.support.TestDatabase;

/**
 * {@link ReliabilityCrashIT} with both hubs' stores on PostgreSQL, the production database: the database survives
 * the sending hub's kills (it is another process), so what is proven here is that the hub's order of commits
 * (database, then broker) loses and duplicates nothing there either.
 */
class ReliabilityCrashOnPostgresIT extends ReliabilityCrashIT {

    @Override
    protected List<String> database(String hub) {
        return List.of("--spring.datasource.url=" + TestDatabase.postgresUrl("crash-" + hub),
                "--spring.datasource.username=postgres", "--spring.datasource.password=");
    }
}
