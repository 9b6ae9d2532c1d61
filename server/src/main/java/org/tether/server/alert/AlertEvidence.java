package org.tether.server.alert;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Reads what an alert cites — its fixes (as WGS-84 and as reported) and device events — so an officer
 * sees why it fired. Fixes are location data: callers must check access and record the read.
 */
public final class AlertEvidence {

    private static final String POSITIONS = """
            SELECT id, device_id, fix_time, ST_Y(geom) AS lat, ST_X(geom) AS lon, accuracy_m, source, crs, fix_class
              FROM positions WHERE id = ANY($1) ORDER BY fix_time, id""";
    private static final String EVENTS = """
            SELECT id, device_id, event_time, type, battery_pct, detail
              FROM device_events WHERE id = ANY($1) ORDER BY event_time, id""";

    /** Reads on {@code client} (one connection runs one query at a time, so the two reads are chained). */
    public Future<JsonObject> of(SqlClient client, Alert alert) {
        Future<JsonArray> fixes = client.preparedQuery(POSITIONS)
                .execute(Tuple.of(alert.evidencePositionIds().toArray(Long[]::new)))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    for (Row r : rows) {
                        out.add(new JsonObject().put("id", r.getLong("id")).put("deviceId", r.getString("device_id"))
                                .put("fixTime", r.getOffsetDateTime("fix_time").toInstant().toString())
                                .put("lat", r.getDouble("lat")).put("lon", r.getDouble("lon"))
                                .put("accuracyMeters", r.getDouble("accuracy_m")).put("source", r.getString("source"))
                                .put("reportedCrs", r.getString("crs")).put("fixClass", r.getString("fix_class")));
                    }
                    return out;
                });
        Future<JsonArray> events = fixes.compose(f -> client.preparedQuery(EVENTS)
                .execute(Tuple.of(alert.evidenceEventIds().toArray(Long[]::new))))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    for (Row r : rows) {
                        out.add(new JsonObject().put("id", r.getLong("id")).put("deviceId", r.getString("device_id"))
                                .put("eventTime", r.getOffsetDateTime("event_time").toInstant().toString())
                                .put("type", r.getString("type")).put("batteryPercent", r.getShort("battery_pct"))
                                .put("detail", r.getString("detail")));
                    }
                    return out;
                });
        return Future.all(fixes, events).map(v -> new JsonObject().put("rule", alert.rule())
                .put("fixes", fixes.result()).put("events", events.result()));
    }
}
