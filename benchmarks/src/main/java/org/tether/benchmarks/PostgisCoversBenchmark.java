package org.tether.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.io.WKBWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.tether.benchmarks.data.CountyDataset;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.zone.PreparedZone;

/**
 * The alternative the engine replaces: one PostGIS query per fix. Per op, one execution of the prepared
 * statement {@code SELECT ST_Covers(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326)) FROM bench_zones WHERE id = 1}
 * over JDBC to PostgreSQL on this machine, for the next point of a 100,000-fix sample (every n-th fix) of the
 * same stream as {@link GeofenceEvaluationBenchmark}, against the same county polygon.
 *
 * <p>Generous to PostGIS: it checks only the county inclusion polygon, not the three exclusion zones, the
 * home circle, the curfew, accuracy margins or hysteresis that one engine evaluation covers.
 *
 * <p>{@link #jtsCountyCovers} runs the same point-in-county test in-process on the engine's
 * {@link PreparedZone}, for an operation-for-operation comparison.
 *
 * <p>Database: {@code TETHER_DATABASE_HOST} (127.0.0.1), {@code TETHER_DATABASE_PORT} (5432),
 * {@code TETHER_DATABASE_USER} (tether), {@code TETHER_DATABASE_PASSWORD} (tether). The role must be able to
 * create databases and the PostGIS extension; a database {@code tether_bench_<random>} is created for the run
 * and dropped after it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
public class PostgisCoversBenchmark {

    public static final String QUERY =
            "SELECT ST_Covers(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326)) FROM bench_zones WHERE id = 1";
    static final int SAMPLE = 100_000;

    /** The county and a sample of the fix stream's positions. */
    @State(Scope.Benchmark)
    public static class Sample {
        CountyDataset.Config config = CountyDataset.Config.defaults();
        org.locationtech.jts.geom.Polygon county;
        PreparedZone countyZone;
        double[] lat;
        double[] lon;
        int cursor;

        @Setup(Level.Trial)
        public void setUp() {
            CountyDataset dataset = CountyDataset.generate(config);
            county = dataset.county();
            countyZone = new PreparedZone(dataset.countyZone());
            CountyDataset.Fixes fixes = dataset.fixes();
            int n = Math.min(SAMPLE, fixes.size());
            int stride = fixes.size() / n;
            lat = new double[n];
            lon = new double[n];
            for (int k = 0; k < n; k++) {
                lat[k] = fixes.lat[k * stride];
                lon[k] = fixes.lon[k * stride];
            }
        }

        int next() {
            int i = cursor;
            cursor = i + 1 == lat.length ? 0 : i + 1;
            return i;
        }
    }

    /** A scratch database with PostGIS and the county in {@code bench_zones}, dropped after the run. */
    @State(Scope.Benchmark)
    public static class Database {
        String adminUrl;
        String user;
        String password;
        String name;
        Connection connection;
        PreparedStatement covers;
        long backendPid;
        // CPU accounting of the measurement iterations: this JVM and the PostgreSQL backend serving it
        long queries;
        boolean measuring;
        long iterationQueries;
        long iterationClientCpu;
        long iterationServerCpu;
        long measuredQueries;
        long measuredClientCpu;
        long measuredServerCpu;

        @Setup(Level.Trial)
        public void setUp(Sample sample) throws SQLException {
            String host = env("TETHER_DATABASE_HOST", "127.0.0.1");
            String port = env("TETHER_DATABASE_PORT", "5432");
            user = env("TETHER_DATABASE_USER", "tether");
            password = env("TETHER_DATABASE_PASSWORD", "tether");
            name = "tether_bench_" + Long.toString(new SplittableRandom().nextLong() & Long.MAX_VALUE, 36);
            adminUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres";
            try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
                 Statement st = admin.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            }
            connection = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + name,
                    user, password);
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE EXTENSION IF NOT EXISTS postgis");
                st.execute("CREATE TABLE bench_zones (id int PRIMARY KEY, geom geometry(Polygon, 4326) NOT NULL)");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO bench_zones (id, geom) VALUES (1, ST_GeomFromWKB(?, 4326))")) {
                insert.setBytes(1, new WKBWriter().write(sample.county));
                insert.executeUpdate();
            }
            try (Statement st = connection.createStatement()) {
                st.execute("ANALYZE bench_zones");
                try (ResultSet rs = st.executeQuery(
                        "SELECT postgis_full_version(), ST_NPoints(geom) FROM bench_zones WHERE id = 1")) {
                    rs.next();
                    System.out.printf("%n[setup] database %s, county with %,d vertices; %s%n", name, rs.getInt(2),
                            rs.getString(1));
                }
            }
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                backendPid = rs.getLong(1);
            }
            covers = connection.prepareStatement(QUERY);
            // Sanity: PostGIS and the engine agree on the sample.
            int disagree = 0;
            int checked = Math.min(2_000, sample.lat.length);
            for (int i = 0; i < checked; i++) {
                boolean pg = query(sample.lon[i], sample.lat[i]);
                boolean ours = sample.countyZone.covers(new GeoPoint(sample.lat[i], sample.lon[i]));
                disagree += pg == ours ? 0 : 1;
            }
            System.out.printf(Locale.ROOT, "[setup] PostGIS and the engine disagree on %d of %d sample points%n",
                    disagree, checked);
        }

        @Setup(Level.Iteration)
        public void startIteration(IterationParams iteration) {
            measuring = iteration.getType() == IterationType.MEASUREMENT;
            iterationQueries = queries;
            iterationClientCpu = CpuMeter.processNanos();
            iterationServerCpu = CpuMeter.otherProcessNanos(backendPid);
        }

        @TearDown(Level.Iteration)
        public void endIteration() {
            long n = queries - iterationQueries;
            long client = CpuMeter.processNanos() - iterationClientCpu;
            long serverNow = CpuMeter.otherProcessNanos(backendPid);
            if (serverNow < 0 || iterationServerCpu < 0) {
                return; // a remote server: no CPU figures
            }
            long server = serverNow - iterationServerCpu;
            if (measuring) {
                measuredQueries += n;
                measuredClientCpu += client;
                measuredServerCpu += server;
            }
            System.out.printf(Locale.ROOT, " [%,.0f queries per CPU-second of client JVM + backend; backend %.0f%% of"
                    + " it] ", n / ((client + server) / 1e9), 100.0 * server / (client + server));
        }

        @TearDown(Level.Trial)
        public void report() {
            if (measuredQueries > 0) {
                System.out.printf(Locale.ROOT, "%nPG_CPU_QUERIES_PER_SEC=%.0f%nPG_SERVER_CPU_QUERIES_PER_SEC=%.0f%n",
                        measuredQueries / ((measuredClientCpu + measuredServerCpu) / 1e9),
                        measuredQueries / (measuredServerCpu / 1e9));
            }
        }

        boolean query(double lon, double lat) throws SQLException {
            queries++;
            covers.setDouble(1, lon);
            covers.setDouble(2, lat);
            try (ResultSet rs = covers.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws SQLException {
            try {
                if (covers != null) {
                    covers.close();
                }
                if (connection != null) {
                    connection.close();
                }
            } finally {
                try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
                     Statement st = admin.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            }
        }
    }

    @Benchmark
    public boolean postgisCovers(Sample sample, Database db) throws SQLException {
        int i = sample.next();
        return db.query(sample.lon[i], sample.lat[i]);
    }

    @Benchmark
    @Warmup(iterations = 2, time = 5)
    @Measurement(iterations = 3, time = 5)
    public void jtsCountyCovers(Sample sample, Blackhole bh) {
        int i = sample.next();
        bh.consume(sample.countyZone.covers(new GeoPoint(sample.lat[i], sample.lon[i])));
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
