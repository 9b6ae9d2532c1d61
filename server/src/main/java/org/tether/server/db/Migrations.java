package org.tether.server.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.tether.server.config.TetherConfig.DatabaseConfig;

/**
 * Brings the schema up to date with Flyway at start. Blocking (JDBC): call it from a worker thread.
 */
public final class Migrations {

    private Migrations() {
    }

    public static MigrateResult migrate(DatabaseConfig config) {
        return Flyway.configure()
                .dataSource(config.jdbcUrl(), config.user(), config.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
