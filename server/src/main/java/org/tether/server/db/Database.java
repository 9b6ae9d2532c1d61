package org.tether.server.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.tether.server.config.TetherConfig.DatabaseConfig;

/** Creates the runtime connection pool (Vert.x pg client). */
public final class Database {

    private Database() {
    }

    public static Pool pool(Vertx vertx, DatabaseConfig config) {
        PoolOptions pool = new PoolOptions()
                .setMaxSize(config.poolSize())
                .setMaxWaitQueueSize(config.maxWaitQueue())
                .setName("tether-pg");
        return PgBuilder.pool().with(pool).connectingTo(connectOptions(config)).using(vertx).build();
    }

    public static PgConnectOptions connectOptions(DatabaseConfig config) {
        return new PgConnectOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setDatabase(config.name())
                .setUser(config.user())
                .setPassword(config.password())
                .setCachePreparedStatements(true)
                // Plan each execution for the parameters and table sizes of the moment: a generic plan cached
                // while geofence_states or positions were still small (a fresh install, before autovacuum's first
                // ANALYZE) kept scanning the whole table on every ingest commit as it grew (docs/benchmarks.md,
                // "Gateway ingestion"). Planning these statements costs far less than one such scan.
                .addProperty("plan_cache_mode", "force_custom_plan")
                .setReconnectAttempts(2)
                .setReconnectInterval(500);
    }
}
