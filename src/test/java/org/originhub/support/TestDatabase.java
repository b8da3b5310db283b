package org.originhub.support;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/** A fresh in-memory H2 database with the hub's schema, for tests of the store without a hub around it. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static HikariDataSource fresh(String name) {
        HikariDataSource data = new HikariDataSource();
        data.setJdbcUrl("jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        data.setUsername("sa");
        data.setMaximumPoolSize(16);
        try (Connection connection = data.getConnection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("schema.sql"));
        } catch (SQLException e) {
            data.close();
            throw new IllegalStateException("cannot create the test database", e);
        }
        return data;
    }
}
