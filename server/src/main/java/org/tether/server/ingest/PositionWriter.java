package org.tether.server.ingest;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.tether.gateway.decode.DeviceFix;
import org.tether.server.geofence.EvaluatedFix;

/**
 * Inserts a message's fixes in one statement (arrays unnested server-side: one round trip however
 * many fixes). A fix already stored — same device and time, as after a redelivery — is skipped.
 */
public final class PositionWriter {

    private static final String INSERT = """
            INSERT INTO positions (device_id, person_id, received_at, seq, fix_time, geom, reported_lat, reported_lon,
                                   crs, accuracy_m, source, speed_mps, heading_deg, altitude_m, battery_pct, charging,
                                   fix_class)
            SELECT $1, $2, $3, u.seq, u.fix_time, ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326), u.rlat, u.rlon,
                   u.crs, u.acc, u.src, u.spd, u.hdg, u.alt, u.batt, u.chg, u.cls
              FROM unnest($4::int8[], $5::timestamptz[], $6::float8[], $7::float8[], $8::float8[], $9::float8[],
                          $10::text[], $11::float8[], $12::text[], $13::float8[], $14::float8[], $15::float8[],
                          $16::int4[], $17::bool[], $18::text[])
                   AS u(seq, fix_time, lat, lon, rlat, rlon, crs, acc, src, spd, hdg, alt, batt, chg, cls)
            ON CONFLICT (device_id, fix_time) DO NOTHING""";

    /** @return how many rows were new */
    public Future<Integer> insert(SqlClient tx, String deviceId, UUID personId, OffsetDateTime receivedAt,
                                  List<EvaluatedFix> fixes) {
        int n = fixes.size();
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
            DeviceFix f = fixes.get(i).fix();
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
            cls[i] = fixes.get(i).fixClass().name();
        }
        Tuple params = Tuple.tuple()
                .addValue(deviceId).addValue(personId).addValue(receivedAt)
                .addValue(seq).addValue(time).addValue(lat).addValue(lon).addValue(rlat).addValue(rlon)
                .addValue(crs).addValue(acc).addValue(src).addValue(spd).addValue(hdg).addValue(alt)
                .addValue(batt).addValue(chg).addValue(cls);
        return tx.preparedQuery(INSERT).execute(params).map(rows -> rows.rowCount());
    }
}
