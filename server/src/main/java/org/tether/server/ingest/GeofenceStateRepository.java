package org.tether.server.ingest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tether.geofence.eval.PersonGeofenceState;
import org.tether.geofence.eval.PersonStateCodec;

/**
 * Each person's geofence hysteresis state, read and row-locked at the start of every ingest
 * transaction and written back in it: the database, not a process, holds the state, so any number
 * of gateway instances (and restarts) see one consistent state per person.
 */
public final class GeofenceStateRepository {

    private static final Logger LOG = LoggerFactory.getLogger(GeofenceStateRepository.class);

    private static final String LOCK = "SELECT person_id, state FROM geofence_states WHERE person_id = ANY($1)"
            + " ORDER BY person_id FOR UPDATE";
    private static final String CREATE = "INSERT INTO geofence_states (person_id, state)"
            + " SELECT p, $2 FROM unnest($1::uuid[]) p ORDER BY p ON CONFLICT (person_id) DO NOTHING";
    private static final String SAVE = "UPDATE geofence_states g SET state = u.state, updated_at = now()"
            + " FROM unnest($1::uuid[], $2::bytea[]) AS u(person_id, state) WHERE g.person_id = u.person_id";

    /**
     * Writes the states back in one statement (the rows exist and are locked: see {@link #lockAndLoad}):
     * one execution however many persons, where a batch of single-row UPDATEs costs the database one
     * execution per person.
     */
    public Future<Void> saveAll(SqlClient tx, Map<UUID, PersonGeofenceState> states) {
        if (states.isEmpty()) {
            return Future.succeededFuture();
        }
        UUID[] ids = new UUID[states.size()];
        Buffer[] encoded = new Buffer[states.size()];
        int i = 0;
        for (Map.Entry<UUID, PersonGeofenceState> e : states.entrySet()) {
            ids[i] = e.getKey();
            encoded[i++] = Buffer.buffer(PersonStateCodec.encode(e.getValue()));
        }
        return tx.preparedQuery(SAVE).execute(Tuple.tuple().addValue(ids).addValue(encoded)).mapEmpty();
    }

    /**
     * Loads and row-locks the states of these persons for the rest of the transaction, so that two
     * gateway instances handling the same person evaluate one after the other. Persons without a row
     * get one (INITIAL), then locked. Locks are taken in person order, so two transactions that find
     * their rows do not deadlock on each other.
     */
    public Future<Map<UUID, PersonGeofenceState>> lockAndLoad(SqlClient tx, Collection<UUID> personIds) {
        UUID[] ids = personIds.stream().sorted().toArray(UUID[]::new);
        if (ids.length == 0) {
            return Future.succeededFuture(Map.of());
        }
        // Every person but a new one already has a row: lock first (one round trip), create rows only
        // for those that had none. A deadlock between two such creations is possible in theory (a row
        // committed between two instances' first reads); PostgreSQL then aborts one, and Retry repeats it.
        return lock(tx, ids).compose(rows -> {
            if (rows.size() == ids.length) {
                return Future.succeededFuture(decodeAll(rows));
            }
            Set<UUID> found = new HashSet<>();
            rows.forEach(r -> found.add(r.getUUID("person_id")));
            UUID[] missing = Arrays.stream(ids).filter(id -> !found.contains(id)).toArray(UUID[]::new);
            return tx.preparedQuery(CREATE).execute(Tuple.tuple().addValue(missing)
                            .addValue(Buffer.buffer(PersonStateCodec.encode(PersonGeofenceState.INITIAL))))
                    .compose(v -> lock(tx, missing))
                    .map(created -> {
                        Map<UUID, PersonGeofenceState> all = decodeAll(rows);
                        all.putAll(decodeAll(created));
                        return all;
                    });
        });
    }

    private static Future<RowSet<Row>> lock(SqlClient tx, UUID[] sortedIds) {
        return tx.preparedQuery(LOCK).execute(Tuple.tuple().addValue(sortedIds));
    }

    /** An unreadable state is skipped (that person starts from UNKNOWN) and logged. */
    private static Map<UUID, PersonGeofenceState> decodeAll(RowSet<Row> rows) {
        Map<UUID, PersonGeofenceState> out = new HashMap<>();
        for (Row r : rows) {
            try {
                out.put(r.getUUID("person_id"), PersonStateCodec.decode(r.getBuffer("state").getBytes()));
            } catch (IllegalArgumentException e) {
                LOG.warn("geofence state of person {} is unreadable; starting it afresh", r.getUUID("person_id"));
            }
        }
        return out;
    }
}
