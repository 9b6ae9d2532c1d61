package org.tether.benchmarks.gateway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Evidence for a suggestion from the gateway load test: the ingest transaction writes each person's geofence
 * state back with one {@code UPDATE … WHERE person_id = $1} per person ({@code GeofenceStateRepository.saveAll},
 * a pipelined batch), which pg_stat_activity shows as the largest share of the database's busy time. This
 * compares, on a throw-away database with a table shaped like {@code geofence_states} ({@code --rows} persons),
 * writing {@code --group} persons' states per transaction as that per-row batch versus one set-based
 * {@code UPDATE … FROM unnest($1::uuid[], $2::bytea[])}, both over JDBC with the extended protocol. Each after
 * the same row lock the ingest takes ({@code SELECT … FOR UPDATE}).
 */
@Command(name = "StateWriteProbe", mixinStandardHelpOptions = true,
        description = "Per-row UPDATE batch vs one set-based UPDATE for geofence_states-like writes.")
public final class StateWriteProbe implements Callable<Integer> {

    @Mixin
    BenchDatabase.Options db = new BenchDatabase.Options();
    @Option(names = "--rows", description = "persons in the table (default ${DEFAULT-VALUE})")
    int rows = 100_000;
    @Option(names = "--group", description = "persons written per transaction (default ${DEFAULT-VALUE})")
    int group = 1_000;
    @Option(names = "--fillfactor", description = "the table's fillfactor; below 100 leaves room for HOT updates (default ${DEFAULT-VALUE})")
    int fillfactor = 100;
    @Option(names = "--rounds", description = "transactions per method, after 5 warm-up ones (default ${DEFAULT-VALUE})")
    int rounds = 30;

    public static void main(String[] args) {
        System.exit(new CommandLine(new StateWriteProbe()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        try (BenchDatabase database = BenchDatabase.create(db); Connection c = database.connect()) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE geofence_states (person_id uuid PRIMARY KEY, state bytea NOT NULL,"
                        + " updated_at timestamptz NOT NULL DEFAULT now()) WITH (fillfactor = " + fillfactor + ")");
                st.execute("INSERT INTO geofence_states (person_id, state) SELECT md5(i::text)::uuid,"
                        + " decode(repeat('ab', 40), 'hex') FROM generate_series(1, " + rows + ") i");
                st.execute("VACUUM ANALYZE geofence_states");
            }
            List<UUID> ids = new ArrayList<>();
            try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT person_id FROM geofence_states")) {
                while (rs.next()) {
                    ids.add((UUID) rs.getObject(1));
                }
            }
            c.setAutoCommit(false);
            byte[] state = new byte[40];
            java.util.Random rnd = new java.util.Random(1);
            double perRow = 0;
            double setBased = 0;
            for (int round = 0; round < rounds + 5; round++) {
                UUID[] batch = new UUID[group];
                for (int i = 0; i < group; i++) {
                    batch[i] = ids.get(rnd.nextInt(ids.size()));
                }
                batch = Arrays.stream(batch).distinct().sorted().toArray(UUID[]::new);
                rnd.nextBytes(state);
                // per-row batch, as GeofenceStateRepository.saveAll
                lock(c, batch);
                long t0 = System.nanoTime();
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE geofence_states SET state = ?, updated_at = now() WHERE person_id = ?")) {
                    for (UUID id : batch) {
                        ps.setBytes(1, state);
                        ps.setObject(2, id);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                long t1 = System.nanoTime();
                c.commit();
                // set-based
                lock(c, batch);
                long t2 = System.nanoTime();
                try (PreparedStatement ps = c.prepareStatement("UPDATE geofence_states g SET state = u.state,"
                        + " updated_at = now() FROM unnest(?::uuid[], ?::bytea[]) AS u(person_id, state)"
                        + " WHERE g.person_id = u.person_id")) {
                    byte[][] states = new byte[batch.length][];
                    Arrays.fill(states, state);
                    ps.setArray(1, c.createArrayOf("uuid", batch));
                    ps.setArray(2, c.createArrayOf("bytea", states));
                    ps.executeUpdate();
                }
                long t3 = System.nanoTime();
                c.commit();
                if (round >= 5) {
                    perRow += (t1 - t0) / 1e6;
                    setBased += (t3 - t2) / 1e6;
                }
            }
            long hot = 0;
            long upd = 0;
            try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT pg_stat_get_tuples_hot_updated(oid),"
                    + " pg_stat_get_tuples_updated(oid) FROM pg_class WHERE relname = 'geofence_states'")) {
                if (rs.next()) {
                    hot = rs.getLong(1);
                    upd = rs.getLong(2);
                }
            }
            System.out.printf(Locale.ROOT, "%d-row table (fillfactor %d), %d persons per transaction, mean of %d: per-row UPDATE"
                            + " batch %.1f ms, one UPDATE FROM unnest %.1f ms (%.1fx); HOT updates %d of %d (stats may lag)%n",
                    rows, fillfactor, group, rounds, perRow / rounds, setBased / rounds, perRow / setBased, hot, upd);
            System.out.printf(Locale.ROOT, "STATE_WRITE_MS_PER_ROW_BATCH=%.2f%nSTATE_WRITE_MS_SET_BASED=%.2f%n",
                    perRow / rounds, setBased / rounds);
        }
        return 0;
    }

    private static void lock(Connection c, UUID[] batch) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT person_id, state FROM geofence_states WHERE person_id = ANY(?) ORDER BY person_id FOR UPDATE")) {
            ps.setArray(1, c.createArrayOf("uuid", batch));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getBytes(2);
                }
            }
        }
    }
}
