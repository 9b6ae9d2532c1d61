package org.tether.server.leave;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.format.DateTimeFormatter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tether.server.push.PushOutbox;
import org.tether.server.push.PushTexts;
import org.tether.server.staff.StaffRole;

/**
 * Staff decide on leave requests. Approval, in the caller's transaction (which also writes the audit row
 * and holds the person's row lock): the limits ({@link LeaveLimits}), the destination zone (and the
 * corridor's) as the person's own zones, the permit with the request's id, the decision, and the push to
 * the phone. Rejection records the reason and pushes it. The caller reloads the registry after an
 * approval so the geofence honours the leave at once.
 */
public final class LeaveDecisions {

    /** A request the caller may not see, or none: the same answer. */
    public static final class NotFound extends RuntimeException {
        NotFound(UUID id) {
            super("no leave request " + id + " in your offices", null, false, false);
        }
    }

    /** The request is no longer pending, or its period is over. */
    public static final class NotDecidable extends RuntimeException {
        NotDecidable(String detail) {
            super(detail, null, false, false);
        }
    }

    private static final String SELECT = """
            SELECT r.id, r.person_id, p.office_id, p.display_name, r.destination, r.reason, r.starts_at, r.ends_at,
                   ST_AsGeoJSON(r.area_geom) AS area, r.area_radius_m, ST_AsGeoJSON(r.corridor_geom) AS corridor,
                   r.submitted, r.requested_at, r.status, r.decided_at, r.decided_by, r.decision_note,
                   l.reported_back_at, l.reported_back_area
              FROM leave_requests r JOIN persons p ON p.id = r.person_id LEFT JOIN leave_permits l ON l.id = r.id
            """;

    private final LeaveLimits limits;
    private final PushOutbox outbox;
    private final Clock clock;

    public LeaveDecisions(LeaveLimits limits, PushOutbox outbox, Clock clock) {
        this.limits = limits;
        this.outbox = outbox;
        this.clock = clock;
    }

    public LeaveLimits limits() {
        return limits;
    }

    /** The person a request is for, when it exists (the caller then checks the office and locks the person). */
    public Future<Optional<UUID>> personOf(SqlClient client, UUID requestId) {
        return client.preparedQuery("SELECT person_id FROM leave_requests WHERE id = $1").execute(Tuple.of(requestId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("person_id")));
    }

    /**
     * Requests of persons in {@code offices}, newest first; each optional filter narrows.
     *
     * @param status PENDING, APPROVED, REJECTED or CANCELLED; null = all
     */
    public Future<List<JsonObject>> list(SqlClient client, UUID[] offices, String status, UUID personId, UUID requestId,
                                         int limit) {
        return client.preparedQuery(SELECT + """
                         WHERE p.office_id = ANY($1) AND ($2::text IS NULL OR r.status = $2)
                           AND ($3::uuid IS NULL OR r.person_id = $3) AND ($4::uuid IS NULL OR r.id = $4)
                         ORDER BY r.requested_at DESC, r.id LIMIT $5""")
                .execute(Tuple.of(offices, status, personId, requestId, limit))
                .map(rows -> {
                    List<JsonObject> out = new ArrayList<>();
                    rows.forEach(r -> out.add(view(r)));
                    return out;
                });
    }

    /** Approves a pending request; fails with {@link LeaveLimits.Violation}, {@link NotDecidable}. */
    public Future<JsonObject> approve(SqlClient tx, UUID requestId, UUID staffId, StaffRole role, String note) {
        Instant now = clock.instant();
        return pending(tx, requestId).compose(r -> {
            UUID personId = r.getUUID("person_id");
            UUID office = r.getUUID("office_id");
            Instant from = r.getOffsetDateTime("starts_at").toInstant();
            Instant to = r.getOffsetDateTime("ends_at").toInstant();
            if (!to.isAfter(now)) {
                return Future.failedFuture(new NotDecidable("the requested period ended at " + to
                        + "; it can only be rejected"));
            }
            UUID areaZone = UUID.randomUUID();
            UUID corridorZone = r.getString("corridor") == null ? null : UUID.randomUUID();
            String destination = r.getString("destination");
            return limits.checkApproval(tx, personId, role, from, to, "endsAt")
                    .compose(v -> tx.preparedQuery("""
                                    INSERT INTO zones (id, name, kind, geom, radius_m, office_id, person_id)
                                    SELECT $2::uuid, '请假目的地：' || destination, 'INCLUSION', area_geom, area_radius_m, $3::uuid, person_id
                                      FROM leave_requests WHERE id = $1
                                    UNION ALL
                                    SELECT $4::uuid, '请假路线：' || destination, 'INCLUSION', corridor_geom, NULL, $3::uuid, person_id
                                      FROM leave_requests WHERE id = $1 AND $4::uuid IS NOT NULL""")
                            .execute(Tuple.of(requestId, areaZone, office, corridorZone)))
                    .compose(v -> tx.preparedQuery("INSERT INTO leave_permits (id, person_id, starts_at, ends_at, approved_by)"
                                    + " SELECT id, person_id, starts_at, ends_at, $2 FROM leave_requests WHERE id = $1")
                            .execute(Tuple.of(requestId, staffId)))
                    .compose(v -> tx.preparedQuery("INSERT INTO leave_permit_zones (leave_id, zone_id)"
                                    + " SELECT $1, unnest($2::uuid[])")
                            .execute(Tuple.tuple().addValue(requestId).addValue(corridorZone == null
                                    ? new UUID[] {areaZone} : new UUID[] {areaZone, corridorZone})))
                    .compose(v -> decide(tx, requestId, "APPROVED", staffId, note, now))
                    .compose(v -> outbox.enqueue(tx, PushTexts.leaveApproved(personId, requestId, destination, from, to,
                            staffId)))
                    .compose(push -> one(tx, requestId).map(json -> json.put("zoneIds", corridorZone == null
                                    ? List.of(areaZone.toString()) : List.of(areaZone.toString(), corridorZone.toString()))
                            .put("pushId", push.orElse(null))));
        });
    }

    /** Rejects a pending request with the reason, which the person receives. */
    public Future<JsonObject> reject(SqlClient tx, UUID requestId, UUID staffId, String reason) {
        Instant now = clock.instant();
        return pending(tx, requestId).compose(r -> decide(tx, requestId, "REJECTED", staffId, reason, now)
                .compose(v -> outbox.enqueue(tx, PushTexts.leaveRejected(r.getUUID("person_id"), requestId,
                        r.getString("destination"), reason, staffId)))
                .compose(push -> one(tx, requestId).map(json -> json.put("pushId", push.orElse(null)))));
    }

    private Future<Row> pending(SqlClient tx, UUID requestId) {
        return tx.preparedQuery("SELECT r.person_id, p.office_id, r.destination, r.starts_at, r.ends_at, r.status,"
                        + " ST_AsGeoJSON(r.corridor_geom) AS corridor FROM leave_requests r JOIN persons p"
                        + " ON p.id = r.person_id WHERE r.id = $1 FOR UPDATE OF r")
                .execute(Tuple.of(requestId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(new NotFound(requestId));
                    }
                    Row r = rows.iterator().next();
                    return "PENDING".equals(r.getString("status")) ? Future.succeededFuture(r)
                            : Future.failedFuture(new NotDecidable("the request is " + r.getString("status")
                            + ", not pending"));
                });
    }

    private static Future<Void> decide(SqlClient tx, UUID requestId, String status, UUID staffId, String note,
                                       Instant now) {
        return tx.preparedQuery("UPDATE leave_requests SET status = $2, decided_at = $3, decided_by = $4,"
                        + " decision_note = $5 WHERE id = $1")
                .execute(Tuple.of(requestId, status, LeaveRequests.utc(now), staffId, note)).mapEmpty();
    }

    private Future<JsonObject> one(SqlClient tx, UUID requestId) {
        return tx.preparedQuery(SELECT + " WHERE r.id = $1").execute(Tuple.of(requestId))
                .map(rows -> view(rows.iterator().next()));
    }

    private JsonObject view(Row r) {
        Instant from = r.getOffsetDateTime("starts_at").toInstant();
        Instant to = r.getOffsetDateTime("ends_at").toInstant();
        Double radius = r.getDouble("area_radius_m");
        return new JsonObject().put("id", r.getUUID("id").toString()).put("personId", r.getUUID("person_id").toString())
                .put("personName", r.getString("display_name")).put("officeId", r.getUUID("office_id").toString())
                .put("destination", r.getString("destination")).put("reason", r.getString("reason"))
                .put("startsAt", from.atZone(LeaveLimits.CALENDAR).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .put("endsAt", to.atZone(LeaveLimits.CALENDAR).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .put("days", Double.parseDouble(LeaveLimits.days(java.time.Duration.between(from, to).toSeconds())))
                .put("approver", limits.approverFor(from, to).name())
                .put("area", new JsonObject().put("geometry", new JsonObject(r.getString("area")))
                        .put("radiusMeters", radius))
                .put("corridor", r.getString("corridor") == null ? null : new JsonObject(r.getString("corridor")))
                .put("submitted", r.getValue("submitted"))
                .put("requestedAt", r.getOffsetDateTime("requested_at").toInstant().toString())
                .put("status", r.getString("status"))
                .put("decidedAt", r.getOffsetDateTime("decided_at") == null ? null
                        : r.getOffsetDateTime("decided_at").toInstant().toString())
                .put("decidedBy", r.getUUID("decided_by") == null ? null : r.getUUID("decided_by").toString())
                .put("decisionNote", r.getString("decision_note"))
                .put("reportedBackAt", r.getOffsetDateTime("reported_back_at") == null ? null
                        : r.getOffsetDateTime("reported_back_at").toInstant().toString())
                .put("reportedBackArea", r.getString("reported_back_area"));
    }
}
