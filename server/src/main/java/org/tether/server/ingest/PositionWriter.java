package org.tether.server.ingest;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tether.gateway.decode.DeviceFix;
import org.tether.server.geofence.EvaluatedFix;

/**
 * Inserts the fixes of many messages in one statement (arrays unnested server-side: one round trip
 * however many fixes). A fix already stored is skipped: same device and time (a redelivery), or same
 * device, sequence number and reported position within an hour (a device re-sending the fix with a new
 * time stamp). The position is part of the second rule because devices restart their counters: after a
 * reboot a bracelet sends new fixes under sequence numbers it used minutes before, and those must be kept.
 */
public final class PositionWriter {

    private static final String INSERT = """
            INSERT INTO positions (device_id, person_id, received_at, seq, fix_time, geom, reported_lat, reported_lon,
                                   crs, accuracy_m, source, speed_mps, heading_deg, altitude_m, battery_pct, charging,
                                   fix_class)
            SELECT u.dev, u.person, u.recv, u.seq, u.fix_time, ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326), u.rlat,
                   u.rlon, u.crs, u.acc, u.src, u.spd, u.hdg, u.alt, u.batt, u.chg, u.cls
              FROM unnest($1::text[], $2::uuid[], $3::timestamptz[], $4::int8[], $5::timestamptz[], $6::float8[],
                          $7::float8[], $8::float8[], $9::float8[], $10::text[], $11::float8[], $12::text[],
                          $13::float8[], $14::float8[], $15::float8[], $16::int4[], $17::bool[], $18::text[])
                   AS u(dev, person, recv, seq, fix_time, lat, lon, rlat, rlon, crs, acc, src, spd, hdg, alt, batt, chg, cls)
             WHERE u.seq IS NULL OR NOT EXISTS (
                   SELECT 1 FROM positions p
                    WHERE p.device_id = u.dev AND p.seq = u.seq
                      AND p.reported_lat = u.rlat AND p.reported_lon = u.rlon
                      AND p.fix_time BETWEEN u.fix_time - interval '1 hour' AND u.fix_time + interval '1 hour')
            ON CONFLICT DO NOTHING""";
    /** The same, telling which rows were new: the unique key (device, time) identifies each. */
    private static final String INSERT_RETURNING = INSERT + " RETURNING device_id, fix_time";

    /** A stored row's unique key. */
    public record Key(String deviceId, Instant fixTime) {
    }

    /** @return how many rows were new */
    public Future<Integer> insert(SqlClient tx, List<IngestBatch> batches, List<List<EvaluatedFix>> evaluated) {
        Tuple params = params(batches, evaluated);
        return params == null ? Future.succeededFuture(0)
                : tx.preparedQuery(INSERT).execute(params).map(result -> result.rowCount());
    }

    /**
     * Like {@link #insert}, and returns the keys of the rows that were new; a fix whose key is missing was a
     * duplicate. Of equal keys within one statement the first row (batch order, then {@code evaluated} order)
     * is the one inserted.
     */
    public Future<List<Key>> insertReporting(SqlClient tx, List<IngestBatch> batches,
                                             List<List<EvaluatedFix>> evaluated) {
        Tuple params = params(batches, evaluated);
        if (params == null) {
            return Future.succeededFuture(List.of());
        }
        return tx.preparedQuery(INSERT_RETURNING).execute(params).map(rows -> {
            List<Key> keys = new ArrayList<>(rows.rowCount());
            rows.forEach(r -> keys.add(new Key(r.getString("device_id"), r.getOffsetDateTime("fix_time").toInstant())));
            return keys;
        });
    }

    /** The statement's arrays; null when there is no fix at all. */
    private static Tuple params(List<IngestBatch> batches, List<List<EvaluatedFix>> evaluated) {
        List<Row> rows = new ArrayList<>();
        for (int b = 0; b < batches.size(); b++) {
            IngestBatch batch = batches.get(b);
            OffsetDateTime received = batch.receivedAt().atOffset(ZoneOffset.UTC);
            for (EvaluatedFix f : evaluated.get(b)) {
                rows.add(new Row(batch.deviceId(), batch.personId(), received, f));
            }
        }
        if (rows.isEmpty()) {
            return null;
        }
        int n = rows.size();
        String[] dev = new String[n];
        UUID[] person = new UUID[n];
        OffsetDateTime[] recv = new OffsetDateTime[n];
        Long[] seq = new Long[n];
        OffsetDateTime[] time = new OffsetDateTime[n];
        Double[] lat = new Double[n];
        Double[] lon = new Double[n];
        Double[] rlat = new Double[n];
        Double[] rlon = new Double[n];
        String[] crs = new String[n];
        Double[] acc = new Double[n];
        String[] src = new String[n];
        Double[] spd = new Double[n];
        Double[] hdg = new Double[n];
        Double[] alt = new Double[n];
        Integer[] batt = new Integer[n];
        Boolean[] chg = new Boolean[n];
        String[] cls = new String[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            DeviceFix f = r.fix.fix();
            dev[i] = r.deviceId;
            person[i] = r.personId;
            recv[i] = r.receivedAt;
            seq[i] = f.seq();
            time[i] = f.fix().time().atOffset(ZoneOffset.UTC);
            lat[i] = f.fix().position().lat();
            lon[i] = f.fix().position().lon();
            rlat[i] = f.reported().lat();
            rlon[i] = f.reported().lon();
            crs[i] = f.reportedCrs().name();
            acc[i] = f.fix().accuracyMeters();
            src[i] = f.fix().source().name();
            spd[i] = f.speed();
            hdg[i] = f.heading();
            alt[i] = f.altitude();
            batt[i] = f.battery();
            chg[i] = f.charging();
            cls[i] = r.fix.fixClass().name();
        }
        return Tuple.tuple()
                .addValue(dev).addValue(person).addValue(recv).addValue(seq).addValue(time).addValue(lat).addValue(lon)
                .addValue(rlat).addValue(rlon).addValue(crs).addValue(acc).addValue(src).addValue(spd).addValue(hdg)
                .addValue(alt).addValue(batt).addValue(chg).addValue(cls);
    }

    private record Row(String deviceId, UUID personId, OffsetDateTime receivedAt, EvaluatedFix fix) {
    }
}
