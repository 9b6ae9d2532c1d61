package org.tether.benchmarks.insert;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * One way of writing fixes. Every method writes batches one after another, one transaction each, driven from a
 * Vert.x event loop as the server's group commit is: the Vert.x methods build and send their statement on the event
 * loop; the pgjdbc methods (blocking) hop to a worker thread per batch ({@code executeBlocking}) and back.
 */
abstract class InsertMethod implements AutoCloseable {

    final String key;
    final String label;
    /** What duplicates the method would skip: "unique+seq" (as the server), "unique" (ON CONFLICT only), "none". */
    final String dedup;
    final Vertx vertx;
    final Context context;

    InsertMethod(String key, String label, String dedup, Vertx vertx) {
        this.key = key;
        this.label = label;
        this.dedup = dedup;
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
    }

    /** The PostgreSQL backend serving this method (its CPU is read from /proc). */
    abstract int backendPid() throws Exception;

    /** Writes {@code batch} rows [from, to) and commits: answers the rows the database reported as inserted (-1: not reported). */
    abstract Future<Long> writeBatch(FixRows rows, int from, int to);

    /** Writes rows [0, count) in batches of {@code batchSize}; blocks until the last commit. */
    final long insertAll(FixRows rows, int batchSize, int count, long[] halfwayNanos) throws Exception {
        CompletableFuture<Long> done = new CompletableFuture<>();
        context.runOnContext(v -> step(rows, batchSize, count, 0, 0L, halfwayNanos, done));
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private void step(FixRows rows, int batchSize, int count, int from, long inserted, long[] halfway,
                      CompletableFuture<Long> done) {
        if (from >= count) {
            done.complete(inserted);
            return;
        }
        if (halfway != null && halfway[0] == 0 && from >= count / 2) {
            halfway[0] = System.nanoTime();
        }
        int to = Math.min(count, from + batchSize);
        writeBatch(rows, from, to).onComplete(ar -> {
            if (ar.failed()) {
                done.completeExceptionally(ar.cause());
            } else {
                long n = ar.result() < 0 || inserted < 0 ? -1 : inserted + ar.result();
                step(rows, batchSize, count, to, n, halfway, done);
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ Vert.x

    abstract static class VertxMethod extends InsertMethod {
        final Pool pool;

        VertxMethod(String key, String label, String dedup, Vertx vertx, PgConnectOptions options) {
            super(key, label, dedup, vertx);
            // as org.tether.server.db.Database, one connection: batches are sequential
            this.pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1).setName("insert-" + key))
                    .connectingTo(new PgConnectOptions(options).setCachePreparedStatements(true)).using(vertx).build();
        }

        @Override
        int backendPid() throws Exception {
            return pool.query("SELECT pg_backend_pid()").execute().map(rs -> rs.iterator().next().getInteger(0))
                    .toCompletionStage().toCompletableFuture().get();
        }

        @Override
        final Future<Long> writeBatch(FixRows rows, int from, int to) {
            return pool.withTransaction(tx -> write(tx, rows, from, to));
        }

        abstract Future<Long> write(SqlConnection tx, FixRows rows, int from, int to);

        @Override
        public void close() throws Exception {
            pool.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    /** (a) and (a0): one INSERT … SELECT FROM unnest(18 arrays) per batch, built as PositionWriter builds it. */
    static final class VertxUnnest extends VertxMethod {
        private final String sql;

        VertxUnnest(String key, String label, String dedup, String sql, Vertx vertx, PgConnectOptions options) {
            super(key, label, dedup, vertx, options);
            this.sql = sql;
        }

        @Override
        Future<Long> write(SqlConnection tx, FixRows r, int from, int to) {
            Tuple params = Tuple.tuple()
                    .addValue(Arrays.copyOfRange(r.device, from, to))
                    .addValue(Arrays.copyOfRange(r.person, from, to))
                    .addValue(Arrays.copyOfRange(r.receivedAt, from, to))
                    .addValue(Arrays.copyOfRange(r.seq, from, to))
                    .addValue(Arrays.copyOfRange(r.fixTime, from, to))
                    .addValue(boxed(r.lat, from, to))
                    .addValue(boxed(r.lon, from, to))
                    .addValue(boxed(r.reportedLat, from, to))
                    .addValue(boxed(r.reportedLon, from, to))
                    .addValue(Arrays.copyOfRange(r.crs, from, to))
                    .addValue(boxed(r.accuracy, from, to))
                    .addValue(Arrays.copyOfRange(r.source, from, to))
                    .addValue(Arrays.copyOfRange(r.speed, from, to))
                    .addValue(Arrays.copyOfRange(r.heading, from, to))
                    .addValue(Arrays.copyOfRange(r.altitude, from, to))
                    .addValue(Arrays.copyOfRange(r.battery, from, to))
                    .addValue(Arrays.copyOfRange(r.charging, from, to))
                    .addValue(Arrays.copyOfRange(r.fixClass, from, to));
            return tx.preparedQuery(sql).execute(params).map(rs -> (long) rs.rowCount());
        }

        private static Double[] boxed(double[] a, int from, int to) {
            Double[] out = new Double[to - from];
            for (int i = from; i < to; i++) {
                out[i - from] = a[i];
            }
            return out;
        }
    }

    /** (b): preparedQuery(INSERT … VALUES ($1…$18) ON CONFLICT DO NOTHING).executeBatch(one tuple per row). */
    static final class VertxExecuteBatch extends VertxMethod {

        VertxExecuteBatch(Vertx vertx, PgConnectOptions options) {
            super("b", "Vert.x executeBatch(INSERT … VALUES … ON CONFLICT DO NOTHING)", "unique", vertx, options);
        }

        @Override
        Future<Long> write(SqlConnection tx, FixRows r, int from, int to) {
            List<Tuple> tuples = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                tuples.add(Tuple.tuple()
                        .addValue(r.device[i]).addValue(r.person[i]).addValue(r.receivedAt[i]).addValue(r.seq[i])
                        .addValue(r.fixTime[i]).addValue(r.lat[i]).addValue(r.lon[i]).addValue(r.reportedLat[i])
                        .addValue(r.reportedLon[i]).addValue(r.crs[i]).addValue(r.accuracy[i]).addValue(r.source[i])
                        .addValue(r.speed[i]).addValue(r.heading[i]).addValue(r.altitude[i]).addValue(r.battery[i])
                        .addValue(r.charging[i]).addValue(r.fixClass[i]));
            }
            return tx.preparedQuery(PositionsSql.VALUES_VERTX).executeBatch(tuples).map(rs -> {
                long n = 0;
                for (RowSet<Row> s = rs; s != null; s = s.next()) {
                    n += s.rowCount();
                }
                return n;
            });
        }
    }

    // ------------------------------------------------------------------------------------------------ pgjdbc

    abstract static class JdbcMethod extends InsertMethod {
        final Connection connection;

        JdbcMethod(String key, String label, String dedup, Vertx vertx, String url, String user, String password)
                throws SQLException {
            super(key, label, dedup, vertx);
            this.connection = DriverManager.getConnection(url, user, password);
            connection.setAutoCommit(false);
        }

        @Override
        int backendPid() throws SQLException {
            return connection.unwrap(PGConnection.class).getBackendPID();
        }

        @Override
        final Future<Long> writeBatch(FixRows rows, int from, int to) {
            // ordered: one batch at a time, as on the Vert.x connection
            return vertx.executeBlocking(() -> {
                try {
                    long n = write(rows, from, to);
                    connection.commit();
                    return n;
                } catch (Exception e) {
                    connection.rollback();
                    throw e;
                }
            }, true);
        }

        abstract long write(FixRows rows, int from, int to) throws Exception;

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** (c) and (c'): binary COPY of the batch, straight into positions or into a staging table then INSERT … SELECT. */
    static final class JdbcCopy extends JdbcMethod {
        private static final int CHUNK = 64 * 1024;
        private final BinaryCopyEncoder encoder = new BinaryCopyEncoder();
        private final byte[] chunk = new byte[CHUNK];
        private final CopyManager copy;
        private final boolean staged;
        private final PreparedStatement fromStage;

        JdbcCopy(boolean staged, Vertx vertx, String url, String user, String password) throws SQLException {
            super(staged ? "c'" : "c",
                    staged ? "pgjdbc binary COPY into temp staging table + INSERT … SELECT (server dedup)"
                            : "pgjdbc binary COPY straight into positions",
                    staged ? "unique+seq" : "none", vertx, url, user, password);
            this.staged = staged;
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
            if (staged) {
                try (Statement st = connection.createStatement()) {
                    st.execute(PositionsSql.CREATE_STAGE);
                }
                connection.commit();
                fromStage = connection.prepareStatement(PositionsSql.STAGE_TO_POSITIONS);
            } else {
                fromStage = null;
            }
        }

        @Override
        long write(FixRows rows, int from, int to) throws SQLException, IOException {
            ByteBuffer data = encoder.encode(rows, from, to);
            CopyIn in = copy.copyIn(staged ? PositionsSql.COPY_STAGE : PositionsSql.COPY_POSITIONS);
            try {
                while (data.hasRemaining()) {
                    int n = Math.min(CHUNK, data.remaining());
                    data.get(chunk, 0, n);
                    in.writeToCopy(chunk, 0, n);
                }
                long copied = in.endCopy();
                if (!staged) {
                    return copied;
                }
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
            return fromStage.executeUpdate();
        }
    }

    /** (d): pgjdbc PreparedStatement.addBatch per row, executeBatch, with reWriteBatchedInserts=true. */
    static final class JdbcRewrittenBatch extends JdbcMethod {
        private final PreparedStatement insert;
        volatile boolean rewritten;

        JdbcRewrittenBatch(Vertx vertx, String url, String user, String password) throws SQLException {
            super("d", "pgjdbc executeBatch, reWriteBatchedInserts=true (INSERT … VALUES … ON CONFLICT DO NOTHING)",
                    "unique", vertx, url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true", user,
                    password);
            insert = connection.prepareStatement(PositionsSql.VALUES_JDBC);
        }

        @Override
        long write(FixRows r, int from, int to) throws SQLException {
            PreparedStatement ps = insert;
            for (int i = from; i < to; i++) {
                ps.setString(1, r.device[i]);
                ps.setObject(2, r.person[i]);
                ps.setObject(3, r.receivedAt[i]);
                setLong(ps, 4, r.seq[i]);
                ps.setObject(5, r.fixTime[i]);
                ps.setDouble(6, r.lon[i]);
                ps.setDouble(7, r.lat[i]);
                ps.setDouble(8, r.reportedLat[i]);
                ps.setDouble(9, r.reportedLon[i]);
                ps.setString(10, r.crs[i]);
                ps.setDouble(11, r.accuracy[i]);
                ps.setString(12, r.source[i]);
                setDouble(ps, 13, r.speed[i]);
                setDouble(ps, 14, r.heading[i]);
                setDouble(ps, 15, r.altitude[i]);
                if (r.battery[i] == null) {
                    ps.setNull(16, Types.INTEGER);
                } else {
                    ps.setInt(16, r.battery[i]);
                }
                if (r.charging[i] == null) {
                    ps.setNull(17, Types.BOOLEAN);
                } else {
                    ps.setBoolean(17, r.charging[i]);
                }
                ps.setString(18, r.fixClass[i]);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            long n = 0;
            for (int c : counts) {
                if (c == Statement.SUCCESS_NO_INFO) {
                    rewritten = true; // pgjdbc answers SUCCESS_NO_INFO only for rewritten multi-row statements
                    return -1;
                }
                n += c;
            }
            return n;
        }

        private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
            if (v == null) {
                ps.setNull(i, Types.BIGINT);
            } else {
                ps.setLong(i, v);
            }
        }

        private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
            if (v == null) {
                ps.setNull(i, Types.DOUBLE);
            } else {
                ps.setDouble(i, v);
            }
        }
    }
}
