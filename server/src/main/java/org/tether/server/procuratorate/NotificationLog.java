package org.tether.server.procuratorate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The notification log as staff and procurators read it: each notification of the caller's offices with
 * what was sent, its delivery state and its latest attempts.
 */
public final class NotificationLog {

    /**
     * The stored status to filter by. The state shown is finer: PENDING (being tried), REFUSED (the endpoint
     * refused the last attempt), DELIVERED, or OFF (delivery not configured).
     */
    public enum Filter { PENDING, DELIVERED }

    private static final String LIST = """
            SELECT n.id, n.idempotency_key, n.kind, n.article, n.person_id, n.office_id, n.alert_id, n.event_id, n.summary,
                   n.occurred_at, n.created_at, n.status, n.attempts, n.next_attempt_at, n.delivered_at, n.last_status,
                   n.last_error, n.rejected, n.payload,
                   (SELECT coalesce(jsonb_agg(jsonb_build_object('attempt', t.attempt, 'startedAt', tether_utc_text(t.started_at),
                                                                 'durationMs', t.duration_ms, 'statusCode', t.status_code,
                                                                 'error', t.error, 'outcome', t.outcome) ORDER BY t.id),
                                    '[]'::jsonb)
                      FROM (SELECT * FROM procuratorate_delivery_attempts d WHERE d.notification_id = n.id
                             ORDER BY d.id DESC LIMIT 50) t) AS attempt_log
              FROM procuratorate_notifications n
             WHERE n.office_id = ANY($1) AND ($2::text IS NULL OR n.status = $2) AND ($3::uuid IS NULL OR n.person_id = $3)
             ORDER BY n.id DESC LIMIT $4""";

    private final Pool pool;
    private final boolean deliveryOn;

    public NotificationLog(Pool pool, boolean deliveryOn) {
        this.pool = pool;
        this.deliveryOn = deliveryOn;
    }

    public Future<List<JsonObject>> list(UUID[] offices, Optional<Filter> status, Optional<UUID> personId, int limit) {
        return pool.preparedQuery(LIST)
                .execute(Tuple.tuple().addValue(offices).addValue(status.map(Enum::name).orElse(null))
                        .addValue(personId.orElse(null)).addValue(limit))
                .map(rows -> {
                    List<JsonObject> out = new ArrayList<>(rows.size());
                    rows.forEach(r -> out.add(view(r)));
                    return out;
                });
    }

    private JsonObject view(Row r) {
        boolean delivered = "DELIVERED".equals(r.getString("status"));
        String state = delivered ? "DELIVERED" : !deliveryOn ? "OFF" : r.getBoolean("rejected") ? "REFUSED" : "PENDING";
        JsonObject delivery = new JsonObject().put("state", state).put("attempts", r.getInteger("attempts"))
                .put("deliveredAt", time(r.getOffsetDateTime("delivered_at")))
                .put("nextAttemptAt", delivered ? null : time(r.getOffsetDateTime("next_attempt_at")))
                .put("lastStatusCode", r.getInteger("last_status")).put("lastError", r.getString("last_error"))
                .put("attemptLog", r.getValue("attempt_log") instanceof JsonArray a ? a : new JsonArray());
        return new JsonObject().put("id", r.getLong("id")).put("idempotencyKey", r.getUUID("idempotency_key").toString())
                .put("kind", r.getString("kind")).put("article", r.getString("article"))
                .put("personId", r.getUUID("person_id").toString()).put("officeId", str(r.getUUID("office_id")))
                .put("alertId", r.getLong("alert_id")).put("eventId", r.getLong("event_id"))
                .put("summary", r.getString("summary")).put("occurredAt", time(r.getOffsetDateTime("occurred_at")))
                .put("recordedAt", time(r.getOffsetDateTime("created_at")))
                .put("payload", r.getValue("payload")).put("delivery", delivery);
    }

    private static String time(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
