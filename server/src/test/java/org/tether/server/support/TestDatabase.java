package org.tether.server.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL database for one test class, on the server that bin/ensure-infra
 * prepared (same TETHER_DATABASE_* variables and defaults as the server). Dropped afterwards.
 */
public record TestDatabase(String host, int port, String name, String user, String password) {

    public static TestDatabase create() {
        Map<String, String> env = System.getenv();
        String host = env.getOrDefault("TETHER_DATABASE_HOST", "127.0.0.1");
        int port = Integer.parseInt(env.getOrDefault("TETHER_DATABASE_PORT", "5432"));
        String user = env.getOrDefault("TETHER_DATABASE_USER", "tether");
        String password = env.getOrDefault("TETHER_DATABASE_PASSWORD", "tether");
        String name = "tether_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        TestDatabase db = new TestDatabase(host, port, name, user, password);
        db.admin("CREATE DATABASE " + name);
        return db;
    }

    public void drop() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /** Environment-style overrides that point the server's configuration at this database. */
    public Map<String, String> configOverrides() {
        return Map.of("TETHER_DATABASE_HOST", host, "TETHER_DATABASE_PORT", Integer.toString(port),
                "TETHER_DATABASE_NAME", name, "TETHER_DATABASE_USER", user, "TETHER_DATABASE_PASSWORD", password);
    }

    /** Runs a query returning one number: for assertions on what was stored. */
    public long count(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), user, password);
             var st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public String text(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), user, password);
             var st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", user, password);
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + host + ":" + port
                    + " as " + user + " — did bin/ensure-infra run?", e);
        }
    }
}
