package org.tether.server.phone;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tether.mobile.CheckInReceipt;
import org.tether.mobile.PhoneFix;
import org.tether.mobile.PhonePrincipal;
import org.tether.mobile.Photo;
import org.tether.mobile.PhoneProblem;

/**
 * Scheduled check-ins (定期报到): each is recorded with the window it fell in (the database's
 * {@code check_in_windows}, the same the MISSED_CHECK_IN watch reads) and where its fix lies against
 * the inclusion area. Photos are stored with the check-in and served to staff only.
 */
public final class CheckIns {

    private final Pool pool;
    private final PhoneFixes fixes;
    private final Clock clock;

    CheckIns(Pool pool, PhoneFixes fixes, Clock clock) {
        this.pool = pool;
        this.fixes = fixes;
        this.clock = clock;
    }

    public Future<CheckInReceipt> checkIn(PhonePrincipal phone, PhoneFix raw) {
        Instant now = clock.instant();
        ValidFix fix = fixes.validate(raw, now);
        UUID id = UUID.randomUUID();
        return pool.withTransaction(tx -> currentWindow(tx, phone.personId(), now)
                .compose(window -> AreaCheck.of(tx, phone.personId(), fix).compose(area -> tx.preparedQuery("""
                                INSERT INTO check_ins (id, person_id, device_id, received_at, fix_time, geom, reported_lat,
                                                       reported_lon, crs, accuracy_m, source, window_opens_at,
                                                       window_closes_at, area)
                                VALUES ($1, $2, $3, $4, $5, ST_SetSRID(ST_MakePoint($6, $7), 4326), $8, $9, $10, $11, $12,
                                        $13, $14, $15)""")
                        .execute(Tuple.tuple().addValue(id).addValue(phone.personId()).addValue(phone.deviceId())
                                .addValue(utc(now)).addValue(utc(fix.time())).addValue(fix.wgs84().lon())
                                .addValue(fix.wgs84().lat()).addValue(fix.reported().lat()).addValue(fix.reported().lon())
                                .addValue(fix.crs().name()).addValue(fix.accuracyMeters()).addValue(fix.source().name())
                                .addValue(window.map(w -> utc(w[0])).orElse(null))
                                .addValue(window.map(w -> utc(w[1])).orElse(null)).addValue(area))
                        .map(v -> new CheckInReceipt(id, now, window.map(w -> w[0]).orElse(null),
                                window.map(w -> w[1]).orElse(null), area)))));
    }

    /** The window open at {@code at}: [opens, closes). */
    private static Future<Optional<Instant[]>> currentWindow(SqlClient tx, UUID personId, Instant at) {
        return tx.preparedQuery("SELECT opens_at, closes_at FROM check_in_windows($1, $2, $2)"
                        + " WHERE opens_at <= $2 AND closes_at > $2 ORDER BY opens_at LIMIT 1")
                .execute(Tuple.of(personId, utc(at)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(new Instant[] {
                        rows.iterator().next().getOffsetDateTime("opens_at").toInstant(),
                        rows.iterator().next().getOffsetDateTime("closes_at").toInstant()}));
    }

    public Future<Void> attachPhoto(PhonePrincipal phone, UUID checkInId, Photo photo) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT person_id FROM check_ins WHERE id = $1")
                .execute(Tuple.of(checkInId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(PhoneProblem.notFound("checkInId", "no check-in " + checkInId));
                    }
                    if (!phone.personId().equals(rows.iterator().next().getUUID("person_id"))) {
                        return Future.failedFuture(PhoneProblem.forbidden("checkInId", "the check-in is not yours"));
                    }
                    return tx.preparedQuery("INSERT INTO check_in_photos (check_in_id, content_type, bytes)"
                                    + " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                            .execute(Tuple.of(checkInId, photo.contentType(), Buffer.buffer(photo.bytes())))
                            .compose(r -> r.rowCount() == 1 ? Future.<Void>succeededFuture()
                                    : Future.failedFuture(PhoneProblem.conflict("checkInId",
                                    "the check-in has a photo already")));
                }));
    }

    /** The person's check-ins, newest first (staff view; the caller has checked the person is visible). */
    public static Future<List<JsonObject>> list(SqlClient client, UUID personId, int limit) {
        return client.preparedQuery("""
                        SELECT c.id, c.received_at, c.fix_time, ST_Y(c.geom) AS lat, ST_X(c.geom) AS lon, c.reported_lat,
                               c.reported_lon, c.crs, c.accuracy_m, c.source, c.window_opens_at, c.window_closes_at, c.area,
                               c.device_id, ph.content_type AS photo_type
                          FROM check_ins c LEFT JOIN check_in_photos ph ON ph.check_in_id = c.id
                         WHERE c.person_id = $1 ORDER BY c.received_at DESC LIMIT $2""")
                .execute(Tuple.of(personId, limit))
                .map(rows -> {
                    List<JsonObject> out = new ArrayList<>();
                    for (Row r : rows) {
                        boolean inWindow = r.getOffsetDateTime("window_opens_at") != null;
                        String id = r.getUUID("id").toString();
                        out.add(new JsonObject().put("id", id).put("deviceId", r.getString("device_id"))
                                .put("receivedAt", str(r.getOffsetDateTime("received_at")))
                                .put("inWindow", inWindow)
                                .put("window", inWindow ? new JsonObject()
                                        .put("opensAt", str(r.getOffsetDateTime("window_opens_at")))
                                        .put("closesAt", str(r.getOffsetDateTime("window_closes_at"))) : null)
                                .put("area", r.getString("area"))
                                .put("fix", new JsonObject().put("time", str(r.getOffsetDateTime("fix_time")))
                                        .put("lat", r.getDouble("lat")).put("lon", r.getDouble("lon"))
                                        .put("reportedLat", r.getDouble("reported_lat"))
                                        .put("reportedLon", r.getDouble("reported_lon")).put("crs", r.getString("crs"))
                                        .put("accuracy", r.getDouble("accuracy_m")).put("source", r.getString("source")))
                                .put("photo", r.getString("photo_type") == null ? null
                                        : "/api/check-ins/" + id + "/photo"));
                    }
                    return out;
                });
    }

    /** A check-in's owner and photo, for the staff photo read. */
    public record StoredPhoto(UUID personId, String contentType, byte[] bytes) {
    }

    public static Future<Optional<StoredPhoto>> photo(SqlClient client, UUID checkInId) {
        return client.preparedQuery("SELECT c.person_id, ph.content_type, ph.bytes FROM check_ins c"
                        + " JOIN check_in_photos ph ON ph.check_in_id = c.id WHERE c.id = $1")
                .execute(Tuple.of(checkInId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(new StoredPhoto(
                        rows.iterator().next().getUUID("person_id"), rows.iterator().next().getString("content_type"),
                        rows.iterator().next().getBuffer("bytes").getBytes())));
    }

    static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    static String str(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
