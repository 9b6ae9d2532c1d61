package org.tether.server.ingest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tether.geofence.eval.PersonGeofenceState;
import org.tether.geofence.eval.PersonStateCodec;

/** Persists each person's geofence hysteresis state beside the fixes that produced it. */
public final class GeofenceStateRepository {

    private static final Logger LOG = LoggerFactory.getLogger(GeofenceStateRepository.class);

    private final Pool pool;

    public GeofenceStateRepository(Pool pool) {
        this.pool = pool;
    }

    public Future<Void> save(SqlClient tx, UUID personId, PersonGeofenceState state) {
        return tx.preparedQuery("INSERT INTO geofence_states (person_id, state, updated_at) VALUES ($1, $2, now())"
                        + " ON CONFLICT (person_id) DO UPDATE SET state = EXCLUDED.state, updated_at = now()")
                .execute(Tuple.of(personId, Buffer.buffer(PersonStateCodec.encode(state))))
                .mapEmpty();
    }

    /** Every stored state; an unreadable one is skipped (that person starts from UNKNOWN) and logged. */
    public Future<Map<UUID, PersonGeofenceState>> loadAll() {
        return pool.query("SELECT person_id, state FROM geofence_states").execute().map(rows -> {
            Map<UUID, PersonGeofenceState> out = new HashMap<>();
            for (Row r : rows) {
                try {
                    out.put(r.getUUID("person_id"), PersonStateCodec.decode(r.getBuffer("state").getBytes()));
                } catch (IllegalArgumentException e) {
                    LOG.warn("geofence state of person {} is unreadable; starting it afresh", r.getUUID("person_id"));
                }
            }
            return out;
        });
    }
}
