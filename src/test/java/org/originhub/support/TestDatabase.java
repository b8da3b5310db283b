package org.originhub.support;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * A fresh database with the hub's schema, for tests of the store without a hub around it: H2 in memory (the hub's
 * default engine), or PostgreSQL (the production database), a new database on one embedded server per test JVM.
 */
public final class TestDatabase {

    /** Started on first use, stopped with the JVM; runs as root too (it starts PostgreSQL under unshare -U). */
    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    public static HikariDataSource fresh(String name) {
        HikariDataSource data = new HikariDataSource();
        data.setJdbcUrl("jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        data.setUsername("sa");
        return withSchema(data);
    }

    public static HikariDataSource postgres(String name) {
        HikariDataSource data = new HikariDataSource();
        data.setJdbcUrl(postgresUrl(name));
        return withSchema(data);
    }

    /** A new, empty database on the embedded PostgreSQL server, for a hub that creates its own schema; user postgres. */
    public static String postgresUrl(String name) {
        String database = name.replace('-', '_') + "_" + System.nanoTime();
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + database, e);
        }
        return server().getJdbcUrl("postgres", database);
    }

    private static HikariDataSource withSchema(HikariDataSource data) {
        data.setMaximumPoolSize(16);
        try (Connection connection = data.getConnection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("schema.sql"));
        } catch (SQLException e) {
            data.close();
            throw new IllegalStateException("cannot create the test database", e);
        }
        return data;
    }

    private static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM is ending: nothing left to tell
                }
            }));
        }
        return postgres;
    }
}
