package org.tether.benchmarks.insert;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How fast can the server write a group commit's fixes into {@code positions}? The same generated rows are
 * inserted, batch by batch (one transaction per batch), by each method into the emptied table of a throw-away
 * database {@code tether_insert_<random>} (schema copied from the server's migrations):
 * <ul>
 *   <li>a — Vert.x pg client, the server's statement (PositionWriter): INSERT … SELECT FROM unnest(18 arrays),
 *       sequence-number check and ON CONFLICT DO NOTHING;</li>
 *   <li>a0 — the same without the sequence-number check (ON CONFLICT only: the dedup b and d have);</li>
 *   <li>b — Vert.x pg client, preparedQuery(INSERT … VALUES ($1…$18) ON CONFLICT DO NOTHING).executeBatch;</li>
 *   <li>c — pgjdbc binary COPY straight into positions (no dedup possible), on a worker thread;</li>
 *   <li>c' — pgjdbc binary COPY into a temp staging table, then INSERT … SELECT with the server's dedup;</li>
 *   <li>d — pgjdbc addBatch/executeBatch with reWriteBatchedInserts=true, ON CONFLICT DO NOTHING.</li>
 * </ul>
 * After a warm-up, each (batch size, method) runs {@code --reps} times, methods interleaved and their order rotated
 * each round; before each run the table is truncated and a CHECKPOINT taken. Each run is verified: all rows present,
 * every geometry a POINT with SRID 4326, and an md5 over every stored column equal across all runs and methods.
 * Reports the median rows/s per method and batch size, its ratio to (a), and CPU per row of this JVM (all threads
 * and the event loop alone) and of the PostgreSQL backend, plus how many cores everything else on the machine used
 * during the run (the noise).
 *
 * <pre>java -cp benchmarks/target/tether-benchmarks.jar org.tether.benchmarks.insert.InsertMethods</pre>
 */
@Command(name = "InsertMethods", mixinStandardHelpOptions = true,
        description = "Writes the same fixes into positions with unnest, executeBatch, binary COPY and rewritten batches.")
public final class InsertMethods implements Callable<Integer> {

    @Option(names = "--db-host", description = "PostgreSQL host (default ${DEFAULT-VALUE})")
    String host = env("TETHER_DATABASE_HOST", "127.0.0.1");
    @Option(names = "--db-port", description = "PostgreSQL port (default ${DEFAULT-VALUE})")
    int port = Integer.parseInt(env("TETHER_DATABASE_PORT", "5432"));
    @Option(names = "--db-user", description = "role that creates the database (default ${DEFAULT-VALUE})")
    String user = env("TETHER_DATABASE_USER", "tether");
    @Option(names = "--db-password", description = "its password (default: tether)")
    String password = env("TETHER_DATABASE_PASSWORD", "tether");
    @Option(names = "--rows", description = "fixes per run (default ${DEFAULT-VALUE})")
    int rows = 200_000;
    @Option(names = "--devices", description = "devices; each sends rows/devices fixes a minute apart (default ${DEFAULT-VALUE})")
    int devices = 20_000;
    @Option(names = "--batch-sizes", split = ",", description = "rows per transaction (default 100,1000,5000)")
    List<Integer> batchSizes = List.of(100, 1_000, 5_000);
    @Option(names = "--methods", split = ",", description = "subset of a,a0,b,c,c',d (default all)")
    List<String> methods = List.of("a", "a0", "b", "c", "c'", "d");
    @Option(names = "--reps", description = "runs per method and batch size; the median is reported (default ${DEFAULT-VALUE})")
    int reps = 3;
    @Option(names = "--warmup-rows", description = "rows per warm-up pass (each method, each batch size) (default ${DEFAULT-VALUE})")
    int warmupRows = 20_000;
    @Option(names = "--seed", description = "data seed (default ${DEFAULT-VALUE})")
    long seed = 20_261_125L;
    @Option(names = "--no-checkpoint", description = "skip the CHECKPOINT before each run")
    boolean noCheckpoint;
    @Option(names = "--quiet-cores", description = "before each run wait until the rest of the machine uses fewer"
            + " cores than this (sampled over 2 s; default ${DEFAULT-VALUE}; 0: do not wait)")
    double quietCores = 0.3;
    @Option(names = "--quiet-wait", description = "seconds to wait for quiet before running anyway (default ${DEFAULT-VALUE})")
    int quietWait = 180;
    @Option(names = "--retries", description = "re-runs of a run during which the rest of the machine used more than"
            + " --quiet-cores; the quietest attempt is kept (default ${DEFAULT-VALUE})")
    int retries = 2;
    @Option(names = "--keep-database", description = "do not drop tether_insert_<random> at the end")
    boolean keepDatabase;
    @Option(names = "--out", description = "directory for runs CSV and summary (default ${DEFAULT-VALUE})")
    Path out = Path.of("benchmarks/target/insert");

    public static void main(String[] args) {
        System.exit(new CommandLine(new InsertMethods()).execute(args));
    }

    /** One measured run; {@code attempts} = which attempt it was (re-runs when the machine was busy). */
    record Run(String method, int batch, int rep, int attempts, double seconds, double rowsPerSec, double firstHalfRate,
               double secondHalfRate, double clientUsPerRow, double loopUsPerRow, double backendUsPerRow,
               double otherCores, String load) {
    }

    private String database;
    private final List<Run> runs = new ArrayList<>();
    private String fingerprint;

    @Override
    public Integer call() throws Exception {
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        System.out.printf(Locale.ROOT, "InsertMethods %s: %,d rows, %,d devices, batches %s, methods %s, %d reps%n",
                started, rows, devices, batchSizes, methods, reps);
        System.out.println("cpu: " + cpuModel() + ", nproc " + Runtime.getRuntime().availableProcessors()
                + "; jvm " + System.getProperty("java.vm.version") + "; load " + CpuSnapshot.loadAverage());
        long g0 = System.nanoTime();
        FixRows data = FixRows.generate(rows, devices, seed);
        FixRows warm = FixRows.generate(warmupRows, Math.min(devices, warmupRows), seed + 1);
        System.out.printf(Locale.ROOT, "generated in %.1f s%n", (System.nanoTime() - g0) / 1e9);

        Files.createDirectories(out);
        String stamp = started.replace(":", "");
        Path csv = out.resolve("insert-methods-" + stamp + ".csv");
        Files.writeString(csv, "method,batch,rep,attempt,kept,seconds,rows_per_s,first_half_rows_per_s,"
                + "second_half_rows_per_s,client_us_per_row,event_loop_us_per_row,backend_us_per_row,other_cores,load\n");

        createDatabase();
        Thread dropOnExit = new Thread(this::dropDatabase, "drop-" + database);
        if (!keepDatabase) {
            Runtime.getRuntime().addShutdownHook(dropOnExit); // Ctrl-C, SIGTERM
        }
        Vertx vertx = Vertx.vertx();
        Map<String, InsertMethod> impl = new LinkedHashMap<>();
        try (Connection admin = connect(url(database))) {
            try (Statement st = admin.createStatement()) {
                st.execute(PositionsSql.DDL);
                try (ResultSet rs = st.executeQuery("SELECT version(), postgis_full_version()")) {
                    rs.next();
                    System.out.println("database " + database + ": " + rs.getString(1));
                    System.out.println("  " + rs.getString(2));
                }
                try (ResultSet rs = st.executeQuery("SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name)"
                        + " FROM pg_settings WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync', 'wal_level',"
                        + " 'max_wal_size', 'full_page_writes', 'wal_compression', 'commit_delay')")) {
                    rs.next();
                    System.out.println("  " + rs.getString(1));
                }
            }
            for (String m : methods) {
                impl.put(m, create(m, vertx));
            }

            System.out.println("warm-up: " + warmupRows + " rows per method and batch size");
            for (InsertMethod m : impl.values()) {
                for (int batch : batchSizes) {
                    truncate(admin);
                    m.insertAll(warm, batch, warm.size, null);
                }
            }
            if (impl.get("d") instanceof InsertMethod.JdbcRewrittenBatch d) {
                System.out.println("d: pgjdbc rewrote the batch into multi-row INSERTs: " + d.rewritten);
            }

            System.out.println();
            System.out.println("method batch rep try   seconds     rows/s  1st-half  2nd-half  client-us/row  loop-us/row"
                    + "  backend-us/row  other-cores  load-before");
            List<String> order = new ArrayList<>(impl.keySet());
            int round = 0;
            for (int rep = 1; rep <= reps; rep++) {
                for (int batch : batchSizes) {
                    List<String> rotated = new ArrayList<>(order);
                    Collections.rotate(rotated, -(round++ % order.size()));
                    for (String key : rotated) {
                        Run r = null;
                        List<Run> attempts = new ArrayList<>();
                        for (int attempt = 1; attempt <= 1 + retries; attempt++) {
                            waitForQuiet();
                            Run a = measure(admin, impl.get(key), data, batch, rep, attempt);
                            attempts.add(a);
                            if (r == null || a.otherCores < r.otherCores) {
                                r = a;
                            }
                            if (quietCores <= 0 || a.otherCores <= quietCores) {
                                break;
                            }
                            System.out.printf(Locale.ROOT, "  (noisy: %.2f other cores%s)%n", a.otherCores,
                                    attempt <= retries ? "; again" : "; keeping the quietest attempt");
                        }
                        runs.add(r);
                        StringBuilder lines = new StringBuilder();
                        for (Run a : attempts) {
                            lines.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%s,%.3f,%.0f,%.0f,%.0f,%.2f,%.2f,%.2f,%.2f,%s%n",
                                    a.method, a.batch, a.rep, a.attempts, a == r, a.seconds, a.rowsPerSec,
                                    a.firstHalfRate, a.secondHalfRate, a.clientUsPerRow, a.loopUsPerRow,
                                    a.backendUsPerRow, a.otherCores, a.load));
                        }
                        Files.writeString(csv, lines, StandardOpenOption.APPEND);
                        System.out.printf(Locale.ROOT, "%-6s %5d %3d %3d %9.2f %10.0f %9.0f %9.0f %14.1f %12.1f %15.1f %12.2f  %s%n",
                                r.method, r.batch, r.rep, r.attempts, r.seconds, r.rowsPerSec, r.firstHalfRate, r.secondHalfRate,
                                r.clientUsPerRow, r.loopUsPerRow, r.backendUsPerRow, r.otherCores, r.load);
                    }
                }
            }
        } finally {
            for (InsertMethod m : impl.values()) {
                try {
                    m.close();
                } catch (Exception e) {
                    System.err.println("closing " + m.key + ": " + e);
                }
            }
            vertx.close().toCompletionStage().toCompletableFuture().get();
            if (!keepDatabase) {
                dropDatabase();
                Runtime.getRuntime().removeShutdownHook(dropOnExit);
            }
        }
        String summary = summary(impl);
        System.out.println();
        System.out.print(summary);
        Files.writeString(out.resolve("insert-methods-" + stamp + ".md"), summary);
        System.out.println("written: " + out.resolve("insert-methods-" + stamp + ".{md,csv}"));
        return 0;
    }

    private InsertMethod create(String key, Vertx vertx) throws SQLException {
        PgConnectOptions pg = new PgConnectOptions().setHost(host).setPort(port).setDatabase(database).setUser(user)
                .setPassword(password);
        return switch (key) {
            case "a" -> new InsertMethod.VertxUnnest("a", "Vert.x unnest, server statement (PositionWriter)",
                    "unique+seq", PositionsSql.SERVER_UNNEST, vertx, pg);
            case "a0" -> new InsertMethod.VertxUnnest("a0", "Vert.x unnest without the seq check", "unique",
                    PositionsSql.UNNEST_UNIQUE_ONLY, vertx, pg);
            case "b" -> new InsertMethod.VertxExecuteBatch(vertx, pg);
            case "c" -> new InsertMethod.JdbcCopy(false, vertx, url(database), user, password);
            case "c'" -> new InsertMethod.JdbcCopy(true, vertx, url(database), user, password);
            case "d" -> new InsertMethod.JdbcRewrittenBatch(vertx, url(database), user, password);
            default -> throw new CommandLine.ParameterException(new CommandLine(this), "unknown method " + key);
        };
    }

    /** Waits until everything else on the machine uses fewer than --quiet-cores cores, at most --quiet-wait s. */
    private void waitForQuiet() throws InterruptedException {
        if (quietCores <= 0) {
            return;
        }
        long deadline = System.nanoTime() + quietWait * 1_000_000_000L;
        double busy;
        do {
            long[] a = CpuSnapshot.machineTicks();
            Thread.sleep(2_000);
            long[] b = CpuSnapshot.machineTicks();
            busy = (double) (b[0] - a[0]) / (b[1] - a[1]) * Runtime.getRuntime().availableProcessors();
        } while (busy > quietCores && System.nanoTime() < deadline);
        if (busy > quietCores) {
            System.out.printf(Locale.ROOT, "  (machine still busy: %.2f cores after %d s; running anyway)%n", busy, quietWait);
        }
    }

    private Run measure(Connection admin, InsertMethod m, FixRows data, int batch, int rep, int attempt)
            throws Exception {
        truncate(admin);
        if (!noCheckpoint) {
            try (Statement st = admin.createStatement()) {
                st.execute("CHECKPOINT");
            }
        }
        int pid = m.backendPid();
        String load = CpuSnapshot.loadAverage();
        long[] halfway = {0};
        CpuSnapshot before = CpuSnapshot.take(pid);
        long t0 = System.nanoTime();
        long reported = m.insertAll(data, batch, data.size, halfway);
        long t1 = System.nanoTime();
        CpuSnapshot after = CpuSnapshot.take(pid);
        if (m.backendPid() != pid) {
            throw new IllegalStateException(m.key + ": the connection changed during the run");
        }
        verify(admin, m, data.size, reported);

        double seconds = (t1 - t0) / 1e9;
        double half = data.size / 2.0;
        double clientNs = after.processNanos() - before.processNanos();
        double loopNs = after.eventLoopNanos() - before.eventLoopNanos();
        long backendTicks = before.backendTicks() < 0 || after.backendTicks() < 0 ? -1
                : after.backendTicks() - before.backendTicks();
        double tickNs = 1e9 / CpuSnapshot.CLK_TCK;
        double ours = clientNs / tickNs + Math.max(0, backendTicks);
        double machineBusy = after.machineBusyTicks() - before.machineBusyTicks();
        double other = (machineBusy - ours) / (seconds * CpuSnapshot.CLK_TCK);
        return new Run(m.key, batch, rep, attempt, seconds, data.size / seconds, half / ((halfway[0] - t0) / 1e9),
                half / ((t1 - halfway[0]) / 1e9), clientNs / 1e3 / data.size, loopNs / 1e3 / data.size,
                backendTicks < 0 ? Double.NaN : backendTicks * tickNs / 1e3 / data.size, Math.max(0, other), load);
    }

    private void verify(Connection admin, InsertMethod m, int expected, long reported) throws SQLException {
        try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(PositionsSql.FINGERPRINT)) {
            rs.next();
            long count = rs.getLong(1);
            long points4326 = rs.getLong(2);
            String md5 = rs.getString(3);
            if (count != expected || points4326 != expected || (reported >= 0 && reported != expected)) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "%s: %d rows stored (%d POINT/4326), %d reported inserted, %d expected", m.key, count,
                        points4326, reported, expected));
            }
            if (fingerprint == null) {
                fingerprint = md5;
                System.out.println("verified: " + count + " rows, all POINT SRID 4326, content md5 " + md5
                        + " (every later run must match)");
            } else if (!fingerprint.equals(md5)) {
                throw new IllegalStateException(m.key + ": stored content differs (md5 " + md5 + " vs " + fingerprint + ")");
            }
        }
    }

    private static void truncate(Connection admin) throws SQLException {
        try (Statement st = admin.createStatement()) {
            st.execute("TRUNCATE positions RESTART IDENTITY");
        }
    }

    private String summary(Map<String, InsertMethod> impl) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%,d rows (%,d devices), one transaction per batch; median of %d runs"
                + " (min–max in brackets); ratio = median rows/s ÷ (a)'s at the same batch size.%n%n", rows, devices, reps));
        sb.append("| method | dedup | batch | rows/s median [min–max] | vs (a) | client µs/row | event-loop µs/row"
                + " | backend µs/row | other cores |\n");
        sb.append("|---|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for (int batch : batchSizes) {
            double base = median(batch, "a", Run::rowsPerSec);
            for (InsertMethod m : impl.values()) {
                double med = median(batch, m.key, Run::rowsPerSec);
                sb.append(String.format(Locale.ROOT, "| %s %s | %s | %,d | %,.0f [%,.0f–%,.0f] | %s | %.1f | %.1f | %.1f | %.2f |%n",
                        m.key, m.label, m.dedup, batch, med, min(batch, m.key), max(batch, m.key),
                        Double.isNaN(base) ? "–" : String.format(Locale.ROOT, "%.2f×", med / base),
                        median(batch, m.key, Run::clientUsPerRow), median(batch, m.key, Run::loopUsPerRow),
                        median(batch, m.key, Run::backendUsPerRow), median(batch, m.key, Run::otherCores)));
            }
        }
        return sb.toString();
    }

    private List<Double> values(int batch, String key, ToDoubleFunction<Run> f) {
        List<Double> v = new ArrayList<>();
        for (Run r : runs) {
            if (r.batch == batch && r.method.equals(key)) {
                v.add(f.applyAsDouble(r));
            }
        }
        Collections.sort(v);
        return v;
    }

    private double median(int batch, String key, ToDoubleFunction<Run> f) {
        List<Double> v = values(batch, key, f);
        if (v.isEmpty()) {
            return Double.NaN;
        }
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    private double min(int batch, String key) {
        List<Double> v = values(batch, key, Run::rowsPerSec);
        return v.isEmpty() ? Double.NaN : v.get(0);
    }

    private double max(int batch, String key) {
        List<Double> v = values(batch, key, Run::rowsPerSec);
        return v.isEmpty() ? Double.NaN : v.get(v.size() - 1);
    }

    private void createDatabase() throws SQLException {
        byte[] r = new byte[4];
        new SecureRandom().nextBytes(r);
        database = "tether_insert_" + HexFormat.of().formatHex(r);
        try (Connection c = connect(url("postgres")); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database + " OWNER " + user);
        }
    }

    private synchronized void dropDatabase() {
        if (database == null) {
            return;
        }
        try (Connection c = connect(url("postgres")); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            database = null;
        } catch (SQLException e) {
            System.err.println("could not drop database " + database + ": " + e.getMessage());
        }
    }

    private Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private String url(String db) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (Exception e) {
            // fall through
        }
        return "?";
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
