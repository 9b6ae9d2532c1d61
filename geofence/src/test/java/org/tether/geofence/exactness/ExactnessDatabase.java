package org.tether.geofence.exactness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh PostgreSQL database with PostGIS for one test class, on the server bin/ensure-infra
 * prepared (TETHER_DATABASE_HOST/PORT/USER/PASSWORD, same defaults as the server). Dropped with
 * {@link #drop()}.
 */
record ExactnessDatabase(String host, int port, String name, String user, String password) {

    static ExactnessDatabase create() {
        Map<String, String> env = System.getenv();
        String host = env.getOrDefault("TETHER_DATABASE_HOST", "127.0.0.1");
        int port = Integer.parseInt(env.getOrDefault("TETHER_DATABASE_PORT", "5432"));
        String user = env.getOrDefault("TETHER_DATABASE_USER", "tether");
        String password = env.getOrDefault("TETHER_DATABASE_PASSWORD", "tether");
        String name = "tether_exact_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        ExactnessDatabase db = new ExactnessDatabase(host, port, name, user, password);
        db.admin("CREATE DATABASE " + name);
        return db;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + name, user, password);
    }

    void drop() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
                user, password);
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + host + ":" + port + " as " + user
                    + " — is PostgreSQL/PostGIS up? Run bin/ensure-infra", e);
        }
    }
}
