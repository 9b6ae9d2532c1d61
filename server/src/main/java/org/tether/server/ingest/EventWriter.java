package org.tether.server.ingest;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tether.gateway.decode.DeviceEvent;

/**
 * Inserts device events in one statement and reports which were new: a redelivered event (same
 * device, type and time) is skipped, and only new events may open or clear alerts.
 */
public final class EventWriter {

    private static final String INSERT = """
            INSERT INTO device_events (device_id, person_id, seq, event_time, received_at, type, battery_pct, detail)
            SELECT * FROM unnest($1::text[], $2::uuid[], $3::int8[], $4::timestamptz[], $5::timestamptz[], $6::text[],
                                 $7::int4[], $8::text[])
            ON CONFLICT DO NOTHING
            RETURNING id, device_id, type, event_time""";

    /** A stored event's identity, to find its new id; times compared at the database's microsecond precision. */
    public record Key(String deviceId, String type, Instant time) {

        public Key {
            time = time.truncatedTo(ChronoUnit.MICROS);
        }
    }

    /** @return ids of the newly stored events */
    public Future<Map<Key, Long>> insert(SqlClient tx, List<IngestBatch> batches) {
        List<String> dev = new ArrayList<>();
        List<UUID> person = new ArrayList<>();
        List<Long> seq = new ArrayList<>();
        List<OffsetDateTime> time = new ArrayList<>();
        List<OffsetDateTime> recv = new ArrayList<>();
        List<String> type = new ArrayList<>();
        List<Integer> batt = new ArrayList<>();
        List<String> detail = new ArrayList<>();
        for (IngestBatch b : batches) {
            for (DeviceEvent e : b.events()) {
                dev.add(b.deviceId());
                person.add(b.personId());
                seq.add(e.seq());
                time.add(e.time().atOffset(ZoneOffset.UTC));
                recv.add(b.receivedAt().atOffset(ZoneOffset.UTC));
                type.add(e.type().name());
                batt.add(e.battery());
                detail.add(e.detail());
            }
        }
        if (dev.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        Tuple params = Tuple.tuple().addValue(dev.toArray(String[]::new)).addValue(person.toArray(UUID[]::new))
                .addValue(seq.toArray(Long[]::new)).addValue(time.toArray(OffsetDateTime[]::new))
                .addValue(recv.toArray(OffsetDateTime[]::new)).addValue(type.toArray(String[]::new))
                .addValue(batt.toArray(Integer[]::new)).addValue(detail.toArray(String[]::new));
        return tx.preparedQuery(INSERT).execute(params).map(rows -> {
            Map<Key, Long> ids = new HashMap<>();
            rows.forEach(r -> ids.put(new Key(r.getString("device_id"), r.getString("type"),
                    r.getOffsetDateTime("event_time").toInstant()), r.getLong("id")));
            return ids;
        });
    }
}
