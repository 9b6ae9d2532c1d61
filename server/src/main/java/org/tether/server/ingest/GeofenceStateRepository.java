package org.tether.server.ingest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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

    /** Writes the states back (the rows exist and are locked: see {@link #lockAndLoad}). */
    public Future<Void> saveAll(SqlClient tx, Map<UUID, PersonGeofenceState> states) {
        if (states.isEmpty()) {
            return Future.succeededFuture();
        }
        return tx.preparedQuery("UPDATE geofence_states SET state = $2, updated_at = now() WHERE person_id = $1")
                .executeBatch(states.entrySet().stream()
                        .map(e -> Tuple.of(e.getKey(), Buffer.buffer(PersonStateCodec.encode(e.getValue()))))
                        .toList())
                .mapEmpty();
    }

    /**
     * Loads and row-locks the states of these persons for the rest of the transaction, so that two
     * gateway instances handling the same person evaluate one after the other. Persons without a row
     * get one (INITIAL) first, so there is always a row to lock. Locks are taken in person order, so
     * two transactions never deadlock on each other.
     */
    public Future<Map<UUID, PersonGeofenceState>> lockAndLoad(SqlClient tx, Collection<UUID> personIds) {
        UUID[] ids = personIds.stream().sorted().toArray(UUID[]::new);
        if (ids.length == 0) {
            return Future.succeededFuture(Map.of());
        }
        return tx.preparedQuery("INSERT INTO geofence_states (person_id, state) SELECT p, $2 FROM unnest($1::uuid[]) p"
                        + " ON CONFLICT (person_id) DO NOTHING")
                .execute(Tuple.tuple().addValue(ids).addValue(Buffer.buffer(PersonStateCodec.encode(PersonGeofenceState.INITIAL))))
                .compose(v -> tx.preparedQuery("SELECT person_id, state FROM geofence_states WHERE person_id = ANY($1)"
                        + " ORDER BY person_id FOR UPDATE").execute(Tuple.tuple().addValue(ids)))
                .map(GeofenceStateRepository::decodeAll);
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
