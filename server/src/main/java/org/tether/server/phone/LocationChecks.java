package org.tether.server.phone;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tether.mobile.LocationCheckView;
import org.tether.mobile.PhoneFix;
import org.tether.mobile.PhonePrincipal;
import org.tether.mobile.PhoneProblem;
import org.tether.server.alert.AlertRepository;
import org.tether.server.alert.AlertType;
import org.tether.server.push.PushOutbox;
import org.tether.server.push.PushTexts;

/**
 * Location checks (信息化核查): an officer asks, a high-priority push goes out through the outbox in the
 * same transaction, the phone answers with a fresh fix. Unanswered by the due time: LOCATION_CHECK_UNANSWERED
 * ({@code watch.LocationCheckWatch}); a late answer is kept and clears that alert's condition.
 */
public final class LocationChecks {

    private static final String COLUMNS = "id, person_id, requested_at, due_at, answered_at, area";

    private final Pool pool;
    private final PhoneFixes fixes;
    private final AlertRepository alerts;
    private final PushOutbox outbox;
    private final Clock clock;

    LocationChecks(Pool pool, PhoneFixes fixes, AlertRepository alerts, PushOutbox outbox, Clock clock) {
        this.pool = pool;
        this.fixes = fixes;
        this.alerts = alerts;
        this.outbox = outbox;
        this.clock = clock;
    }

    public static String alertKey(UUID checkId) {
        return AlertType.LOCATION_CHECK_UNANSWERED.name() + ":" + checkId;
    }

    /** A new check for a person with an enrolled phone (the caller holds the person's lock), and its push. */
    public Future<JsonObject> request(SqlClient tx, UUID personId, UUID officer, long answerWithinSeconds) {
        Instant now = clock.instant();
        Instant due = now.plusSeconds(answerWithinSeconds);
        UUID id = UUID.randomUUID();
        return tx.preparedQuery("SELECT 1 FROM phone_enrolments WHERE person_id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(personId))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(new IllegalStateException("no enrolled phone"))
                        : outbox.enqueue(tx, PushTexts.locationCheck(personId, id, due, officer)))
                .compose(pushId -> tx.preparedQuery("INSERT INTO location_checks (id, person_id, requested_by,"
                                + " requested_at, due_at, push_id) VALUES ($1, $2, $3, $4, $5, $6)")
                        .execute(Tuple.of(id, personId, officer, CheckIns.utc(now), CheckIns.utc(due), pushId.orElse(null)))
                        .map(v -> new JsonObject().put("id", id.toString()).put("personId", personId.toString())
                                .put("requestedAt", now.toString()).put("dueAt", due.toString())
                                .put("pushId", pushId.orElse(null))));
    }

    public Future<List<LocationCheckView>> open(PhonePrincipal phone) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM location_checks WHERE person_id = $1 AND answered_at IS NULL"
                        + " ORDER BY requested_at")
                .execute(Tuple.of(phone.personId()))
                .map(rows -> {
                    List<LocationCheckView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(view(r)));
                    return out;
                });
    }

    public Future<LocationCheckView> answer(PhonePrincipal phone, UUID checkId, PhoneFix raw) {
        Instant now = clock.instant();
        ValidFix fix = fixes.validate(raw, now);
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT " + COLUMNS + " FROM location_checks WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(checkId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(PhoneProblem.notFound("checkId", "no location check " + checkId));
                    }
                    LocationCheckView check = view(rows.iterator().next());
                    if (!phone.personId().equals(rows.iterator().next().getUUID("person_id"))) {
                        return Future.failedFuture(PhoneProblem.forbidden("checkId", "the location check is not yours"));
                    }
                    if (check.answeredAt() != null) {
                        return Future.failedFuture(PhoneProblem.conflict("checkId", "the location check has been answered"));
                    }
                    return AreaCheck.of(tx, phone.personId(), fix)
                            .compose(area -> tx.preparedQuery("""
                                            UPDATE location_checks SET answered_at = $2, device_id = $3, fix_time = $4,
                                                   geom = ST_SetSRID(ST_MakePoint($5, $6), 4326), reported_lat = $7,
                                                   reported_lon = $8, crs = $9, accuracy_m = $10, source = $11, area = $12
                                             WHERE id = $1""")
                                    .execute(Tuple.tuple().addValue(checkId).addValue(CheckIns.utc(now))
                                            .addValue(phone.deviceId()).addValue(CheckIns.utc(fix.time()))
                                            .addValue(fix.wgs84().lon()).addValue(fix.wgs84().lat())
                                            .addValue(fix.reported().lat()).addValue(fix.reported().lon())
                                            .addValue(fix.crs().name()).addValue(fix.accuracyMeters())
                                            .addValue(fix.source().name()).addValue(area))
                                    .map(v -> new LocationCheckView(check.id(), check.requestedAt(), check.dueAt(), now, area)))
                            .compose(answered -> answered.late()
                                    ? alerts.clearCondition(tx, phone.personId(), alertKey(checkId), now).map(answered)
                                    : Future.succeededFuture(answered));
                }));
    }

    /** The person's checks with their push delivery state, newest first (staff view). */
    public static Future<List<JsonObject>> list(SqlClient client, UUID personId, int limit) {
        return client.preparedQuery("""
                        SELECT l.id, l.requested_at, l.requested_by, l.due_at, l.answered_at, l.area, l.fix_time,
                               ST_Y(l.geom) AS lat, ST_X(l.geom) AS lon, l.accuracy_m, l.device_id,
                               m.id AS push_id, m.state AS push_state, m.failure AS push_failure, m.attempts AS push_attempts
                          FROM location_checks l LEFT JOIN push_messages m ON m.id = l.push_id
                         WHERE l.person_id = $1 ORDER BY l.requested_at DESC LIMIT $2""")
                .execute(Tuple.of(personId, limit))
                .map(rows -> {
                    List<JsonObject> out = new ArrayList<>();
                    for (Row r : rows) {
                        Instant due = r.getOffsetDateTime("due_at").toInstant();
                        Instant answered = r.getOffsetDateTime("answered_at") == null ? null
                                : r.getOffsetDateTime("answered_at").toInstant();
                        String pushState = r.getString("push_state");
                        out.add(new JsonObject().put("id", r.getUUID("id").toString())
                                .put("requestedAt", CheckIns.str(r.getOffsetDateTime("requested_at")))
                                .put("requestedBy", r.getUUID("requested_by").toString())
                                .put("dueAt", due.toString())
                                .put("answeredAt", answered == null ? null : answered.toString())
                                .put("state", answered == null ? "OPEN" : answered.isAfter(due) ? "ANSWERED_LATE" : "ANSWERED")
                                .put("area", r.getString("area"))
                                .put("fix", answered == null ? null : new JsonObject()
                                        .put("time", CheckIns.str(r.getOffsetDateTime("fix_time")))
                                        .put("lat", r.getDouble("lat")).put("lon", r.getDouble("lon"))
                                        .put("accuracy", r.getDouble("accuracy_m")).put("deviceId", r.getString("device_id")))
                                .put("push", pushState == null ? null : new JsonObject().put("id", r.getLong("push_id"))
                                        .put("delivery", switch (pushState) {
                                            case "SENT" -> "DELIVERED";
                                            case "FAILED" -> "NOT_DELIVERED";
                                            default -> "PENDING";
                                        })
                                        .put("attempts", r.getInteger("push_attempts"))
                                        .put("failure", r.getString("push_failure"))));
                    }
                    return out;
                });
    }

    private static LocationCheckView view(Row r) {
        return new LocationCheckView(r.getUUID("id"), r.getOffsetDateTime("requested_at").toInstant(),
                r.getOffsetDateTime("due_at").toInstant(),
                r.getOffsetDateTime("answered_at") == null ? null : r.getOffsetDateTime("answered_at").toInstant(),
                r.getString("area"));
    }
}
