package org.tether.benchmarks.gateway;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.UUID;
import picocli.CommandLine.Option;

/**
 * A throw-away database {@code tether_bench_<random>} on the local PostgreSQL, created with the {@code tether}
 * role (the server's Flyway migrations then create the schema) and dropped again by {@link #close()}; plus the
 * bulk provisioning a load test needs. Provisioning writes the registry tables directly — a benchmark harness
 * may; an operator registers persons and devices through the staff API, which hashes one secret per device —
 * and then sends the {@code NOTIFY tether_registry} that makes every server instance reload its registry.
 */
final class BenchDatabase implements AutoCloseable {

    /** Connection options; defaults as the server's (and the environment variables it reads). */
    static final class Options {
        @Option(names = "--db-host", description = "PostgreSQL host (default ${DEFAULT-VALUE})")
        String host = env("TETHER_DATABASE_HOST", "127.0.0.1");
        @Option(names = "--db-port", description = "PostgreSQL port (default ${DEFAULT-VALUE})")
        int port = Integer.parseInt(env("TETHER_DATABASE_PORT", "5432"));
        @Option(names = "--db-user", description = "role that creates the database (default ${DEFAULT-VALUE})")
        String user = env("TETHER_DATABASE_USER", "tether");
        @Option(names = "--db-password", description = "its password (default: tether)")
        String password = env("TETHER_DATABASE_PASSWORD", "tether");

        String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        private static String env(String name, String fallback) {
            String v = System.getenv(name);
            return v == null || v.isBlank() ? fallback : v;
        }
    }

    /** Device ids of the load tests: {@code prefix} + six digits. */
    static String deviceId(String prefix, int i) {
        return prefix + String.format("%06d", i);
    }

    /** Vendor ids of the gateway load test. */
    static String vendorId(int v) {
        return String.format("bv%04d", v);
    }

    /** The deterministic person id of device {@code i} (as the SQL below computes it). */
    static UUID personId(String prefix, int i) {
        return UUID.fromString(md5Uuid("bench-person-" + prefix + i));
    }

    private static String md5Uuid(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String h = HexFormat.of().formatHex(d);
            return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                    + "-" + h.substring(20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    final Options options;
    final String name;
    private boolean dropped;

    private BenchDatabase(Options options, String name) {
        this.options = options;
        this.name = name;
    }

    static BenchDatabase create(Options options) throws SQLException {
        byte[] r = new byte[4];
        new SecureRandom().nextBytes(r);
        String name = "tether_bench_" + HexFormat.of().formatHex(r);
        try (Connection c = DriverManager.getConnection(options.url("postgres"), options.user, options.password);
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " OWNER " + options.user);
        }
        return new BenchDatabase(options, name);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(options.url(name), options.user, options.password);
    }

    /**
     * {@code persons} persons {@code prefix000000…}, each with one BRACELET device of the same id, assigned to
     * {@code zone} (none if null). Device {@code i} belongs to vendor {@code i / devicesPerVendor} when
     * {@code vendors > 0}; every vendor gets {@code vendorSecretHash}, every device {@code deviceSecretHash}
     * (null: none). All set-based, a few seconds for 100,000.
     */
    void provision(String prefix, int persons, UUID zone, int vendors, String vendorSecretHash,
                   String deviceSecretHash) throws SQLException {
        int perVendor = vendors > 0 ? (persons + vendors - 1) / vendors : 0;
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                String person = "md5('bench-person-" + prefix + "' || i)::uuid";
                st.execute("INSERT INTO persons (id, display_name) SELECT " + person + ", 'Bench person ' || i"
                        + " FROM generate_series(0, " + (persons - 1) + ") i");
                if (zone != null) {
                    st.execute("INSERT INTO person_zones (person_id, zone_id) SELECT " + person + ", '" + zone + "'::uuid"
                            + " FROM generate_series(0, " + (persons - 1) + ") i");
                }
                if (vendors > 0) {
                    try (var ps = c.prepareStatement("INSERT INTO vendors (id, name, secret_hash)"
                            + " SELECT 'bv' || lpad(v::text, 4, '0'), 'Bench vendor ' || v, ?"
                            + " FROM generate_series(0, " + (vendors - 1) + ") v")) {
                        ps.setString(1, vendorSecretHash);
                        ps.execute();
                    }
                }
                try (var ps = c.prepareStatement("INSERT INTO devices (id, kind, person_id, vendor_id, secret_hash)"
                        + " SELECT '" + prefix + "' || lpad(i::text, 6, '0'), 'BRACELET', " + person + ", "
                        + (vendors > 0 ? "'bv' || lpad((i / " + perVendor + ")::text, 4, '0')" : "NULL") + ", ?"
                        + " FROM generate_series(0, " + (persons - 1) + ") i")) {
                    ps.setString(1, deviceSecretHash);
                    ps.execute();
                }
                // delivered when the transaction commits: every server instance reloads its registry
                st.execute("NOTIFY tether_registry");
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                // Only the tables just filled. ANALYZE on the still-empty positions and geofence_states would record
                // them as known-empty (reltuples 0): the server's first statements then plan sequential scans, its
                // pooled connections cache those generic plans, and every later row-by-key statement scans the
                // whole growing table until autovacuum's next ANALYZE (measured: ~100 instead of ~2,000 fixes/s).
                st.execute("ANALYZE persons, person_zones, devices, vendors");
            }
        }
    }

    private Connection monitor;

    /**
     * Process ids of the PostgreSQL backends connected to this database (the server's pool and listener), for
     * their CPU time; other databases' sessions and the shared background processes (WAL writer,
     * checkpointer, autovacuum) are not counted.
     */
    synchronized java.util.List<Long> backendPids() {
        java.util.List<Long> out = new java.util.ArrayList<>();
        try {
            if (monitor == null || monitor.isClosed()) {
                monitor = connect();
            }
            try (Statement st = monitor.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                         + " AND pid <> pg_backend_pid()")) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            // none
        }
        return out;
    }

    /** Drops the database (terminating leftover sessions). Idempotent. */
    @Override
    public synchronized void close() {
        if (dropped) {
            return;
        }
        try {
            if (monitor != null) {
                monitor.close();
            }
        } catch (SQLException e) {
            // dropping terminates it anyway
        }
        try (Connection c = DriverManager.getConnection(options.url("postgres"), options.user, options.password);
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            dropped = true;
        } catch (SQLException e) {
            System.err.println("could not drop database " + name + ": " + e.getMessage());
        }
    }
}
