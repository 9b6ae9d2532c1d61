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
import java.util.UUID;
import org.tether.geofence.eval.GeofencePolicy;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.zone.BoundaryProximity;
import org.tether.geofence.zone.Zone;
import org.tether.geofence.zone.ZoneKind;
import org.tether.geofence.zone.PreparedZone;

/**
 * The alternative the engine replaces: one PostGIS query per fix. Per op, one execution of the prepared
 * statement {@code SELECT ST_Covers(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326)) FROM bench_zones WHERE id = 1}
 * over JDBC to PostgreSQL on this machine, for the next point of a 100,000-fix sample (every n-th fix) of the
 * same stream as {@link GeofenceEvaluationBenchmark}, against the same county polygon.
 *
 * <p>{@link #postgisCovers} is generous to PostGIS: it checks only the county inclusion polygon, not the three
 * exclusion zones, the home circle, the curfew, accuracy margins or hysteresis that one engine evaluation covers.
 *
 * <p>{@link #postgisFullEvaluation} is the like-for-like baseline: per op one execution of
 * {@link #FULL_QUERY}, which answers, in one round trip, every geometric question the engine answers for the
 * fix's person: point in the person's county ({@code ST_Covers} on geometry), each of their three exclusion
 * zones located with the fix's accuracy margin exactly as the engine does (boundary within the margin by
 * {@code ST_DWithin} on geography, else {@code ST_Covers}), and, while the curfew is on, the distance to their
 * home centre on the ellipsoid ({@code ST_Distance} on geography; the client compares it with radius ± margin).
 * Every person's exclusion polygons (300,000) and home circle (100,000) are loaded, with GiST indexes. Still
 * generous: the county's accuracy margin, the path-crossing test and the hysteresis update are left out, and
 * the curfew window is looked up by the client.
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
    static final double EXCLUSION_BUFFER_METERS = GeofencePolicy.defaults().exclusion().bufferMeters();

    /**
     * One fix of one person against all their rules. Parameters: lon, lat, whether the curfew is on, the
     * exclusion margin in metres (accuracy + buffer), the person. Columns: in the county; distance to the
     * home centre in metres (null outside curfew); home radius; one character per exclusion zone in order,
     * {@code 0} outside, {@code 1} boundary within the margin, {@code 2} inside.
     */
    public static final String FULL_QUERY = """
            WITH q AS (SELECT g, g::geography AS geog FROM (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326) AS g) s)
            SELECT ST_Covers(c.geom, q.g),
                   CASE WHEN ? THEN ST_Distance(p.home, q.geog) END,
                   p.home_radius,
                   (SELECT string_agg(CASE WHEN ST_DWithin(e.edge, q.geog, ?) THEN '1'
                                           WHEN ST_Covers(e.geom, q.g) THEN '2' ELSE '0' END, '' ORDER BY e.ord)
                      FROM bench_exclusions e WHERE e.person = p.id)
              FROM q, bench_persons p JOIN bench_zones c ON c.id = p.county
             WHERE p.id = ?""";

    /** The county and a sample of the fix stream's positions. */
    @State(Scope.Benchmark)
    public static class Sample {
        CountyDataset.Config config = CountyDataset.Config.defaults();
        org.locationtech.jts.geom.Polygon county;
        PreparedZone countyZone;
        CountyDataset dataset;
        double[] lat;
        double[] lon;
        int[] person;
        double[] accuracy;
        boolean[] curfewOn;
        int cursor;

        @Setup(Level.Trial)
        public void setUp() {
            dataset = CountyDataset.generate(config);
            org.tether.geofence.rule.CurfewSchedule curfew = new org.tether.geofence.rule.CurfewSchedule(
                    CountyDataset.CURFEW);
            county = dataset.county();
            countyZone = new PreparedZone(dataset.countyZone());
            CountyDataset.Fixes fixes = dataset.fixes();
            int n = Math.min(SAMPLE, fixes.size());
            int stride = fixes.size() / n;
            lat = new double[n];
            lon = new double[n];
            person = new int[n];
            accuracy = new double[n];
            curfewOn = new boolean[n];
            for (int k = 0; k < n; k++) {
                lat[k] = fixes.lat[k * stride];
                lon[k] = fixes.lon[k * stride];
                person[k] = fixes.person[k * stride];
                accuracy[k] = fixes.accuracy[k * stride];
                curfewOn[k] = curfew.isActiveAt(java.time.Instant.ofEpochSecond(fixes.epochSecond(k * stride, 0)));
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
        PreparedStatement full;
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
            loadPersons(sample.dataset);
            try (Statement st = connection.createStatement()) {
                st.execute("ANALYZE bench_zones");
                st.execute("ANALYZE bench_persons");
                st.execute("ANALYZE bench_exclusions");
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
            full = connection.prepareStatement(FULL_QUERY);
            checkFullAgreement(sample, checked);
        }

        /** Every person's home circle and exclusion polygons, as the engine's snapshot holds them. */
        private void loadPersons(CountyDataset dataset) throws SQLException {
            long t0 = System.nanoTime();
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE TABLE bench_persons (id int PRIMARY KEY, county int NOT NULL,"
                        + " home geography(Point, 4326) NOT NULL, home_radius float8 NOT NULL)");
                st.execute("CREATE TABLE bench_exclusions (person int NOT NULL, ord int NOT NULL,"
                        + " geom geometry(Polygon, 4326) NOT NULL, edge geography NOT NULL, PRIMARY KEY (person, ord))");
            }
            WKBWriter wkb = new WKBWriter();
            connection.setAutoCommit(false);
            try (PreparedStatement person = connection.prepareStatement(
                    "INSERT INTO bench_persons VALUES (?, 1, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)");
                 PreparedStatement exclusion = connection.prepareStatement("INSERT INTO bench_exclusions"
                         + " SELECT ?, ?, g, ST_Boundary(g)::geography FROM (SELECT ST_GeomFromWKB(?, 4326) AS g) s")) {
                for (int p = 0; p < dataset.personCount(); p++) {
                    GeoPoint home = dataset.home(p);
                    person.setInt(1, p);
                    person.setDouble(2, home.lon());
                    person.setDouble(3, home.lat());
                    person.setDouble(4, CountyDataset.HOME_RADIUS_METERS);
                    person.addBatch();
                    for (int j = 0; j < CountyDataset.EXCLUSIONS_PER_PERSON; j++) {
                        exclusion.setInt(1, p);
                        exclusion.setInt(2, j);
                        exclusion.setBytes(3, wkb.write(dataset.exclusion(p, j)));
                        exclusion.addBatch();
                    }
                    if (p % 2_000 == 1_999) {
                        person.executeBatch();
                        exclusion.executeBatch();
                    }
                }
                person.executeBatch();
                exclusion.executeBatch();
            }
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE INDEX ON bench_exclusions USING gist (geom)");
                st.execute("CREATE INDEX ON bench_exclusions USING gist (edge)");
                st.execute("CREATE INDEX ON bench_persons USING gist (home)");
            }
            System.out.printf(Locale.ROOT, "[setup] loaded %,d persons (home circle, %d exclusion polygons each)"
                    + " with GiST indexes in %.1f s%n", dataset.personCount(), CountyDataset.EXCLUSIONS_PER_PERSON,
                    (System.nanoTime() - t0) / 1e9);
        }

        /**
         * The full query's verdicts against the engine's {@link PreparedZone#locate} for the same zones and
         * margins: county, each exclusion zone, and the home circle while the curfew is on.
         */
        private void checkFullAgreement(Sample sample, int checked) throws SQLException {
            GeofencePolicy policy = GeofencePolicy.defaults();
            int disagree = 0;
            for (int i = 0; i < checked; i++) {
                int p = sample.person[i];
                GeoPoint at = new GeoPoint(sample.lat[i], sample.lon[i]);
                double exMargin = sample.accuracy[i] + policy.exclusion().bufferMeters();
                double homeMargin = sample.accuracy[i] + policy.home().bufferMeters();
                FullVerdict pg = fullQuery(p, sample.lon[i], sample.lat[i], sample.accuracy[i], sample.curfewOn[i]);
                StringBuilder ours = new StringBuilder();
                for (int j = 0; j < CountyDataset.EXCLUSIONS_PER_PERSON; j++) {
                    PreparedZone z = new PreparedZone(new Zone(new UUID(p, j), "x", ZoneKind.EXCLUSION,
                            sample.dataset.exclusion(p, j)));
                    ours.append(code(z.locate(at, exMargin)));
                }
                boolean same = pg.inCounty == sample.countyZone.covers(at) && pg.exclusions.contentEquals(ours);
                if (sample.curfewOn[i]) {
                    GeoPoint home = sample.dataset.home(p);
                    PreparedZone h = new PreparedZone(new Zone(new UUID(p, -1), "home", ZoneKind.HOME,
                            new org.locationtech.jts.geom.GeometryFactory(new org.locationtech.jts.geom.PrecisionModel(),
                                    4326).createPoint(new org.locationtech.jts.geom.Coordinate(home.lon(), home.lat())),
                            CountyDataset.HOME_RADIUS_METERS));
                    double d = pg.homeDistance;
                    char pgHome = Math.abs(d - pg.homeRadius) <= homeMargin ? '1' : d <= pg.homeRadius ? '2' : '0';
                    same &= pgHome == code(h.locate(at, homeMargin));
                }
                disagree += same ? 0 : 1;
            }
            System.out.printf(Locale.ROOT, "[setup] full evaluation: PostGIS and the engine disagree on %d of %d"
                    + " sample fixes (county, 3 exclusion zones with margins, home circle under curfew)%n",
                    disagree, checked);
        }

        private static char code(BoundaryProximity p) {
            return switch (p) {
                case OUTSIDE -> '0';
                case NEAR_BOUNDARY -> '1';
                case INSIDE -> '2';
            };
        }

        /** The full query's answer for one fix. */
        record FullVerdict(boolean inCounty, double homeDistance, double homeRadius, String exclusions) {
        }

        FullVerdict fullQuery(int person, double lon, double lat, double accuracy, boolean curfewOn)
                throws SQLException {
            queries++;
            full.setDouble(1, lon);
            full.setDouble(2, lat);
            full.setBoolean(3, curfewOn);
            full.setDouble(4, accuracy + EXCLUSION_BUFFER_METERS);
            full.setInt(5, person);
            try (ResultSet rs = full.executeQuery()) {
                rs.next();
                double d = rs.getDouble(2);
                return new FullVerdict(rs.getBoolean(1), rs.wasNull() ? Double.NaN : d, rs.getDouble(3),
                        rs.getString(4));
            }
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
                if (full != null) {
                    full.close();
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

    /** One fix, all of the person's rules, one SQL statement (see {@link #FULL_QUERY}). */
    @Benchmark
    public Object postgisFullEvaluation(Sample sample, Database db) throws SQLException {
        int i = sample.next();
        return db.fullQuery(sample.person[i], sample.lon[i], sample.lat[i], sample.accuracy[i], sample.curfewOn[i]);
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
