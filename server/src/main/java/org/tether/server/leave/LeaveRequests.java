package org.tether.server.leave;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
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
import java.util.UUID;
import org.tether.geofence.zone.ZoneValidator;
import org.tether.mobile.LeaveRequestInput;
import org.tether.mobile.LeaveView;
import org.tether.mobile.PhoneFix;
import org.tether.mobile.PhoneLeaves;
import org.tether.mobile.PhonePrincipal;
import org.tether.mobile.PhoneProblem;
import org.tether.server.alert.AlertRepository;
import org.tether.server.phone.PhoneFixes;
import org.tether.server.phone.AreaCheck;
import org.tether.server.phone.ValidFix;

/**
 * Leave from the phone: a request (PENDING until staff decide, {@link LeaveDecisions}), the person's list,
 * withdrawing a pending request, and reporting back (销假) with a fresh fix.
 *
 * <p>Report-back: the fix is checked against the person's own inclusion area ({@link AreaCheck#home}) and
 * recorded in {@code leave_report_backs} whatever the verdict. INSIDE is accepted; UNCERTAIN (a coarse fix
 * near the boundary) and NO_AREA are accepted and flagged on the leave ({@code reportedBackArea}) for the
 * officer; OUTSIDE is refused (422, field {@code fix}): the person is not back, and the leave stays open
 * — LEAVE_OVERDUE follows if they stay away. Accepting ends the leave's LEAVE_OVERDUE condition.
 */
public final class LeaveRequests implements PhoneLeaves {

    /** The person's requests (with their permit, once approved) and permits granted directly by staff. */
    private static final String VIEWS = """
            SELECT * FROM (
                SELECT r.id, r.person_id, r.status, r.destination, r.reason,
                       coalesce(p.starts_at, r.starts_at) AS starts_at, coalesce(p.ends_at, r.ends_at) AS ends_at,
                       r.requested_at, r.decided_at, r.decision_note, p.reported_back_at, p.reported_back_area
                  FROM leave_requests r LEFT JOIN leave_permits p ON p.id = r.id
                 WHERE r.person_id = $1
                UNION ALL
                SELECT p.id, p.person_id, 'APPROVED', NULL, NULL, p.starts_at, p.ends_at, NULL, p.created_at, NULL,
                       p.reported_back_at, p.reported_back_area
                  FROM leave_permits p
                 WHERE p.person_id = $1 AND NOT EXISTS (SELECT 1 FROM leave_requests r WHERE r.id = p.id)) v
             WHERE $2::uuid IS NULL OR v.id = $2
             ORDER BY coalesce(v.requested_at, v.decided_at) DESC, v.id
             LIMIT 200""";

    private final Pool pool;
    private final PhoneFixes fixes;
    private final LeaveLimits limits;
    private final ZoneValidator validator;
    private final double maxSegmentMeters;
    private final AlertRepository alerts;
    private final Clock clock;

    public LeaveRequests(Pool pool, PhoneFixes fixes, LeaveLimits limits, ZoneValidator validator,
                         double maxSegmentMeters, AlertRepository alerts, Clock clock) {
        this.pool = pool;
        this.fixes = fixes;
        this.limits = limits;
        this.validator = validator;
        this.maxSegmentMeters = maxSegmentMeters;
        this.alerts = alerts;
        this.clock = clock;
    }

    @Override
    public Future<LeaveView> request(PhonePrincipal phone, LeaveRequestInput input) {
        Instant now = clock.instant();
        if (!input.endsAt().isAfter(now)) {
            return Future.failedFuture(PhoneProblem.unprocessable("endsAt", "'endsAt' is in the past: a leave must end"
                    + " in the future"));
        }
        DestinationArea area;
        try {
            area = DestinationArea.of(input, validator, maxSegmentMeters);
            limits.checkLength(input.startsAt(), input.endsAt(), "endsAt");
        } catch (PhoneProblem p) {
            return Future.failedFuture(p);
        } catch (LeaveLimits.Violation v) {
            return Future.failedFuture(problem(v));
        }
        UUID id = UUID.randomUUID();
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT 1 FROM persons WHERE id = $1 FOR NO KEY UPDATE")
                        .execute(Tuple.of(phone.personId()))
                        // Against leave already approved: no point asking for what cannot be granted.
                        .compose(v -> limits.checkYear(tx, phone.personId(), input.startsAt(), input.endsAt(), "endsAt"))
                        .compose(v -> tx.preparedQuery("""
                                        INSERT INTO leave_requests (id, person_id, destination, reason, starts_at, ends_at,
                                               area_geom, area_radius_m, corridor_geom, submitted, device_id, requested_at)
                                        VALUES ($1, $2, $3, $4, $5, $6, ST_GeomFromWKB($7, 4326), $8,
                                                ST_GeomFromWKB($9, 4326), $10, $11, $12)""")
                                .execute(Tuple.tuple().addValue(id).addValue(phone.personId())
                                        .addValue(input.destination()).addValue(input.reason())
                                        .addValue(utc(input.startsAt())).addValue(utc(input.endsAt()))
                                        .addValue(Buffer.buffer(area.areaWkb()))
                                        .addValue(area.radiusMeters() > 0 ? area.radiusMeters() : null)
                                        .addValue(area.corridorWkb() == null ? null : Buffer.buffer(area.corridorWkb()))
                                        .addValue(DestinationArea.submitted(input)).addValue(phone.deviceId())
                                        .addValue(utc(now))))
                        .compose(v -> view(tx, phone.personId(), id, now)))
                .recover(e -> Future.failedFuture(e instanceof LeaveLimits.Violation v ? problem(v) : e));
    }

    @Override
    public Future<List<LeaveView>> list(PhonePrincipal phone) {
        Instant now = clock.instant();
        return pool.preparedQuery(VIEWS).execute(Tuple.tuple().addValue(phone.personId()).addValue(null)).map(rows -> {
            List<LeaveView> out = new ArrayList<>();
            rows.forEach(r -> out.add(view(r, now)));
            return out;
        });
    }

    @Override
    public Future<LeaveView> cancel(PhonePrincipal phone, UUID leaveId) {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT person_id, status FROM leave_requests WHERE id = $1"
                        + " FOR UPDATE").execute(Tuple.of(leaveId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return permitOwner(tx, leaveId).compose(owner -> Future.failedFuture(owner == null
                                ? PhoneProblem.notFound("leaveId", "no leave " + leaveId)
                                : !owner.equals(phone.personId()) ? PhoneProblem.forbidden("leaveId", "the leave is not yours")
                                : PhoneProblem.conflict("leaveId", "the leave was granted by your officer; ask them to"
                                        + " change it")));
                    }
                    Row r = rows.iterator().next();
                    if (!phone.personId().equals(r.getUUID("person_id"))) {
                        return Future.failedFuture(PhoneProblem.forbidden("leaveId", "the leave is not yours"));
                    }
                    if (!"PENDING".equals(r.getString("status"))) {
                        return Future.failedFuture(PhoneProblem.conflict("leaveId", "only a pending request can be"
                                + " cancelled; this one is " + r.getString("status")));
                    }
                    return tx.preparedQuery("UPDATE leave_requests SET status = 'CANCELLED', decided_at = $2 WHERE id = $1")
                            .execute(Tuple.of(leaveId, utc(now)))
                            .compose(v -> view(tx, phone.personId(), leaveId, now));
                }));
    }

    /** What a report-back attempt came to: committed either way, answered afterwards. */
    private record Attempt(LeaveView view, String area, boolean accepted) {
    }

    @Override
    public Future<LeaveView> reportBack(PhonePrincipal phone, UUID leaveId, PhoneFix raw) {
        Instant now = clock.instant();
        ValidFix fix;
        try {
            fix = fixes.validate(raw, now);
        } catch (PhoneProblem p) {
            return Future.failedFuture(p);
        }
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT person_id, starts_at, reported_back_at FROM leave_permits"
                        + " WHERE id = $1 FOR UPDATE").execute(Tuple.of(leaveId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return tx.preparedQuery("SELECT person_id, status FROM leave_requests WHERE id = $1")
                                .execute(Tuple.of(leaveId))
                                .compose(req -> Future.failedFuture(req.size() == 0
                                        ? PhoneProblem.notFound("leaveId", "no leave " + leaveId)
                                        : !phone.personId().equals(req.iterator().next().getUUID("person_id"))
                                        ? PhoneProblem.forbidden("leaveId", "the leave is not yours")
                                        : PhoneProblem.conflict("leaveId", "the leave is " + req.iterator().next()
                                                .getString("status") + ", not approved: there is nothing to report back from")));
                    }
                    Row r = rows.iterator().next();
                    if (!phone.personId().equals(r.getUUID("person_id"))) {
                        return Future.failedFuture(PhoneProblem.forbidden("leaveId", "the leave is not yours"));
                    }
                    if (r.getOffsetDateTime("reported_back_at") != null) {
                        // A retry after a lost answer: the first report-back stands.
                        return view(tx, phone.personId(), leaveId, now).map(v -> new Attempt(v, v.reportedBackArea(), true));
                    }
                    if (r.getOffsetDateTime("starts_at").toInstant().isAfter(now)) {
                        return Future.failedFuture(PhoneProblem.conflict("leaveId", "the leave has not started yet"));
                    }
                    return AreaCheck.home(tx, phone.personId(), fix).compose(area -> record(tx, phone, leaveId, fix,
                            area, now));
                }))
                .compose(a -> a.accepted() ? Future.succeededFuture(a.view())
                        : Future.failedFuture(PhoneProblem.unprocessable("fix", "you are not back in your area: the fix"
                                + " lies outside your inclusion area (beyond its accuracy of " + (long) fix.accuracyMeters()
                                + " m). The attempt was recorded; report back once you have returned.")));
    }

    private Future<Attempt> record(SqlClient tx, PhonePrincipal phone, UUID leaveId, ValidFix fix, String area,
                                   Instant now) {
        boolean accepted = !"OUTSIDE".equals(area);
        Future<Void> stored = tx.preparedQuery("""
                        INSERT INTO leave_report_backs (leave_id, person_id, received_at, device_id, fix_time, geom,
                               reported_lat, reported_lon, crs, accuracy_m, source, area, accepted)
                        VALUES ($1, $2, $3, $4, $5, ST_SetSRID(ST_MakePoint($6, $7), 4326), $8, $9, $10, $11, $12, $13, $14)""")
                .execute(Tuple.tuple().addValue(leaveId).addValue(phone.personId()).addValue(utc(now))
                        .addValue(phone.deviceId()).addValue(utc(fix.time())).addValue(fix.wgs84().lon())
                        .addValue(fix.wgs84().lat()).addValue(fix.reported().lat()).addValue(fix.reported().lon())
                        .addValue(fix.crs().name()).addValue((float) fix.accuracyMeters()).addValue(fix.source().name())
                        .addValue(area).addValue(accepted))
                .mapEmpty();
        if (!accepted) {
            return stored.compose(v -> view(tx, phone.personId(), leaveId, now)).map(v -> new Attempt(v, area, false));
        }
        return stored.compose(v -> tx.preparedQuery("UPDATE leave_permits SET reported_back_at = $2, reported_back_area = $3"
                        + " WHERE id = $1").execute(Tuple.of(leaveId, utc(now), area)))
                .compose(v -> alerts.clearCondition(tx, phone.personId(), AlertRepository.leaveKey(leaveId), now))
                .compose(v -> view(tx, phone.personId(), leaveId, now))
                .map(v -> new Attempt(v, area, true));
    }

    private static Future<UUID> permitOwner(SqlClient tx, UUID leaveId) {
        return tx.preparedQuery("SELECT person_id FROM leave_permits WHERE id = $1").execute(Tuple.of(leaveId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("person_id"));
    }

    private static Future<LeaveView> view(SqlClient client, UUID personId, UUID leaveId, Instant now) {
        return client.preparedQuery(VIEWS).execute(Tuple.of(personId, leaveId))
                .map(rows -> view(rows.iterator().next(), now));
    }

    private static LeaveView view(Row r, Instant now) {
        Instant starts = r.getOffsetDateTime("starts_at").toInstant();
        Instant ends = r.getOffsetDateTime("ends_at").toInstant();
        Instant back = instant(r.getOffsetDateTime("reported_back_at"));
        String status = r.getString("status");
        if ("APPROVED".equals(status)) {
            status = back != null ? "REPORTED_BACK" : now.isBefore(starts) ? "APPROVED" : now.isBefore(ends) ? "ACTIVE"
                    : "ENDED";
        }
        return new LeaveView(r.getUUID("id"), status, r.getString("destination"), r.getString("reason"), starts, ends,
                instant(r.getOffsetDateTime("requested_at")), instant(r.getOffsetDateTime("decided_at")),
                r.getString("decision_note"), back, r.getString("reported_back_area"));
    }

    static PhoneProblem problem(LeaveLimits.Violation v) {
        return new PhoneProblem(v.rule().status(), "Leave limit: " + v.rule().name(), v.getMessage(), v.field(), null);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
