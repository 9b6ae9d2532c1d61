package org.tether.server.leave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tether.server.support.Await;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.FakeFcm;
import org.tether.server.support.PhoneClient;
import org.tether.server.support.PhoneClient.Enrolled;
import org.tether.server.support.RunningTether;
import org.tether.server.support.TestDatabase;
import org.tether.server.support.Teardown;
import org.tether.server.support.TestDevice;
import org.tether.server.support.TestOrg;

/**
 * Leave from the phone against the real server, database, broker and Firebase Admin SDK (talking to a
 * local FCM stand-in): request → approval → the destination counts as allowed for the geofence; rejection
 * with a reason; the approval limits (officer 7 days, 30 days a leave, 60 days a year) on approval and on
 * the staff's direct grant; cancelling; reporting back (销假) inside, outside and uncertain, which ends
 * LEAVE_OVERDUE; the decision pushes; the phone token's limits and the staff's office scoping.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhoneLeaveTest {

    private static final double LAT = 30.27;
    private static final double LON = 120.15;
    /** About 11 km north: well outside the 3 km home area. */
    private static final double DEST_LAT = 30.37;
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Map<String, String> FAST = Map.of(
            "TETHER_ALERTS_WATCHINTERVALSECONDS", "1",
            "TETHER_ALERTS_LEAVERETURNGRACESECONDS", "1",
            "TETHER_PUSH_POLLMILLIS", "200",
            "TETHER_GEOFENCE_INCLUSION_DWELLFIXES", "2",
            "TETHER_GEOFENCE_INCLUSION_DWELLSECONDS", "0");

    private TestDatabase db;
    private FakeFcm fcm;
    private RunningTether tether;
    private String homeZone;

    @BeforeAll
    void start() {
        db = TestDatabase.create();
        fcm = new FakeFcm();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, FAST, Optional.of(fcm.options()));
        homeZone = tether.inclusionCircle("县", LON, LAT, 3000);
    }

    @AfterAll
    void stop() {
        Teardown.all(tether, fcm, db::drop);
    }

    @Test
    void anApprovedLeaveMakesTheDestinationAllowedWhileAPendingOneDoesNot() throws Exception {
        Person a = person();
        Person b = person();
        Instant from = Instant.now().minus(Duration.ofMinutes(5));
        Instant to = Instant.now().plus(Duration.ofDays(2));
        // Local time in Asia/Shanghai without an offset, as a date picker gives it.
        JsonObject body = leave("杭州市余杭区", from, to).put("startsAt", LocalDateTime.ofInstant(from, SHANGHAI)
                .truncatedTo(ChronoUnit.SECONDS).toString());
        JsonObject requested = created(a.phone().send("POST", "/leaves", body));
        assertEquals("PENDING", requested.getString("status"));
        assertEquals(from.truncatedTo(ChronoUnit.SECONDS), java.time.OffsetDateTime.parse(requested.getString("startsAt"))
                .toInstant());
        assertTrue(requested.getString("startsAt").endsWith("+08:00"), requested.encode());
        String pendingOfB = created(b.phone().send("POST", "/leaves", leave("杭州市余杭区", from, to))).getString("id");
        String leaveId = requested.getString("id");

        // The officer sees both pending requests, with who may approve them.
        JsonArray pending = tether.get("/api/leave-requests?status=PENDING").bodyAsJsonObject().getJsonArray("items");
        JsonObject listed = find(pending, leaveId);
        assertEquals("OFFICER", listed.getString("approver"));
        assertEquals(a.id(), listed.getString("personId"));
        assertEquals(2000.0, listed.getJsonObject("area").getDouble("radiusMeters"), 0.001);
        assertNotNull(find(pending, pendingOfB));
        assertEquals(1, tether.get("/api/persons/" + a.id() + "/leave-requests").bodyAsJsonObject()
                .getJsonArray("items").size());
        // Destinations are location data: both reads are in the audit trail.
        assertEquals(1, db.count("SELECT count(*) FROM audit_log WHERE action = 'leave_request.read'"
                + " AND target_type = 'person' AND target_id = ?", a.id()));
        assertTrue(db.count("SELECT count(*) FROM audit_log WHERE action = 'leave_request.read'"
                + " AND target_type = 'office' AND detail->>'status' = 'PENDING'") >= 1);

        var approved = tether.post("/api/leave-requests/" + leaveId + "/approve", new JsonObject().put("note", "同意"));
        assertEquals(200, approved.statusCode(), approved.bodyAsString());
        assertEquals("APPROVED", approved.bodyAsJsonObject().getString("status"));
        assertEquals(1, db.count("SELECT count(*) FROM leave_permits WHERE id = ?::uuid AND approved_by IS NOT NULL", leaveId));
        assertEquals(1, db.count("SELECT count(*) FROM audit_log WHERE action = 'leave.approve' AND target_id = ?", leaveId));
        assertEquals("ACTIVE", find(list(a), leaveId).getString("status"));
        assertEquals(409, tether.post("/api/leave-requests/" + leaveId + "/approve", new JsonObject()).statusCode());

        // The approval reached the phone, in Chinese.
        Await.until("approval push", Duration.ofSeconds(20), () -> fcm.requests(a.token()) == 1);
        JsonObject push = pushTo(a.token());
        assertEquals("请假已批准", push.getJsonObject("notification").getString("title"));
        assertTrue(push.getJsonObject("notification").getString("body").contains("杭州市余杭区"), push.encode());
        assertEquals(leaveId, push.getJsonObject("data").getString("leaveId"));
        assertEquals("APPROVED", push.getJsonObject("data").getString("status"));

        // The same fixes at the destination: allowed for A (approved), OUT_OF_AREA for B (still pending).
        for (Person p : List.of(a, b)) {
            try (TestDevice d = new TestDevice(p.deviceId(), p.mqttUser(), p.mqttPassword(), tether.mqttPort())) {
                Instant t = Instant.now().minusSeconds(10);
                for (int i = 0; i < 3; i++) {
                    d.sendFix(t.plusSeconds(i * 3L), DEST_LAT, LON, 10);
                }
            }
        }
        Await.until("B out of area", Duration.ofSeconds(30), () -> alerts(b.id(), "OUT_OF_AREA") == 1);
        Await.until("A's fixes evaluated", Duration.ofSeconds(30), () -> db.count(
                "SELECT count(*) FROM positions WHERE person_id = ?::uuid", a.id()) == 3);
        assertEquals(0, alerts(a.id(), "OUT_OF_AREA"), "the approved destination raised OUT_OF_AREA");
    }

    @Test
    void aRejectionNeedsAReasonAndThePersonIsToldIt() {
        Person p = person();
        String id = created(p.phone().send("POST", "/leaves", leave("上海", Instant.now().plus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(3))))).getString("id");
        problem(tether.post("/api/leave-requests/" + id + "/reject", new JsonObject()), 400, "reason");
        var rejected = tether.post("/api/leave-requests/" + id + "/reject", new JsonObject().put("reason", "事由不充分"));
        assertEquals(200, rejected.statusCode(), rejected.bodyAsString());
        assertEquals("REJECTED", rejected.bodyAsJsonObject().getString("status"));
        JsonObject mine = find(list(p), id);
        assertEquals("REJECTED", mine.getString("status"));
        assertEquals("事由不充分", mine.getString("decisionNote"));
        Await.until("rejection push", Duration.ofSeconds(20), () -> fcm.requests(p.token()) == 1);
        JsonObject push = pushTo(p.token());
        assertEquals("请假未获批准", push.getJsonObject("notification").getString("title"));
        assertTrue(push.getJsonObject("notification").getString("body").contains("事由不充分"), push.encode());
        problem(tether.post("/api/leave-requests/" + id + "/approve", new JsonObject()), 409, "requestId");
        assertEquals(0, db.count("SELECT count(*) FROM leave_permits WHERE id = ?::uuid", id));
        assertEquals(1, db.count("SELECT count(*) FROM audit_log WHERE action = 'leave.reject' AND target_id = ?", id));
    }

    @Test
    void anOfficerApprovesUpToSevenDaysAndLongerNeedsTheCountySupervisor() {
        Person p = person();
        Instant from = Instant.now().plus(Duration.ofDays(1));
        String id = created(p.phone().send("POST", "/leaves", leave("北京", from, from.plus(Duration.ofDays(10)))))
                .getString("id");
        assertEquals("COUNTY_SUPERVISOR", tether.get("/api/leave-requests/" + id).bodyAsJsonObject().getString("approver"));
        JsonObject refused = problem(tether.post("/api/leave-requests/" + id + "/approve", new JsonObject()), 403, "endsAt");
        assertEquals("Leave limit: OFFICER_MAX_DAYS", refused.getString("title"));
        assertTrue(refused.getString("detail").contains("7 days"), refused.encode());
        assertEquals("PENDING", tether.get("/api/leave-requests/" + id).bodyAsJsonObject().getString("status"));
        assertEquals(0, db.count("SELECT count(*) FROM audit_log WHERE action = 'leave.approve' AND target_id = ?", id));
        var bySupervisor = tether.supervisor().post("/api/leave-requests/" + id + "/approve", new JsonObject());
        assertEquals(200, bySupervisor.statusCode(), bySupervisor.bodyAsString());

        // Exactly seven days is the officer's to approve; the direct grant obeys the same limit.
        String seven = created(p.phone().send("POST", "/leaves", leave("北京", from.plus(Duration.ofDays(20)),
                from.plus(Duration.ofDays(27))))).getString("id");
        assertEquals(200, tether.post("/api/leave-requests/" + seven + "/approve", new JsonObject()).statusCode());
        JsonObject direct = problem(tether.post("/api/persons/" + p.id() + "/leaves", grant(from.plus(Duration.ofDays(30)),
                from.plus(Duration.ofDays(38)))), 403, "to");
        assertEquals("Leave limit: OFFICER_MAX_DAYS", direct.getString("title"));
        assertEquals(201, tether.supervisor().post("/api/persons/" + p.id() + "/leaves", grant(from.plus(Duration.ofDays(30)),
                from.plus(Duration.ofDays(38)))).statusCode());
    }

    @Test
    void noLeaveIsLongerThanThirtyDays() {
        Person p = person();
        Instant from = Instant.now().plus(Duration.ofDays(1));
        HttpResponse<String> asked = p.phone().send("POST", "/leaves", leave("广州", from, from.plus(Duration.ofDays(31))));
        JsonObject refused = phoneProblem(asked, 422, "endsAt");
        assertEquals("Leave limit: MAX_DAYS", refused.getString("title"));
        JsonObject direct = problem(tether.supervisor().post("/api/persons/" + p.id() + "/leaves",
                grant(from, from.plus(Duration.ofDays(30)).plusSeconds(1))), 422, "to");
        assertEquals("Leave limit: MAX_DAYS", direct.getString("title"));
        assertEquals(0, db.count("SELECT count(*) FROM leave_requests WHERE person_id = ?::uuid", p.id()));
        assertEquals(201, tether.supervisor().post("/api/persons/" + p.id() + "/leaves",
                grant(from, from.plus(Duration.ofDays(30)))).statusCode());
    }

    @Test
    void approvedLeaveIsAtMostSixtyDaysACalendarYear() {
        Person p = person();
        // All in 2027 (Asia/Shanghai): 30 days granted directly, then two requests of 20 days.
        Instant march = LocalDateTime.parse("2027-03-01T08:00").atZone(SHANGHAI).toInstant();
        assertEquals(201, tether.supervisor().post("/api/persons/" + p.id() + "/leaves",
                grant(march, march.plus(Duration.ofDays(30)))).statusCode());
        Instant may = LocalDateTime.parse("2027-05-01T08:00").atZone(SHANGHAI).toInstant();
        String first = created(p.phone().send("POST", "/leaves", leave("成都", may, may.plus(Duration.ofDays(20)))))
                .getString("id");
        Instant july = LocalDateTime.parse("2027-07-01T08:00").atZone(SHANGHAI).toInstant();
        String second = created(p.phone().send("POST", "/leaves", leave("成都", july, july.plus(Duration.ofDays(20)))))
                .getString("id");
        assertEquals(200, tether.supervisor().post("/api/leave-requests/" + first + "/approve", new JsonObject())
                .statusCode());
        JsonObject refused = problem(tether.supervisor().post("/api/leave-requests/" + second + "/approve",
                new JsonObject()), 422, "endsAt");
        assertEquals("Leave limit: MAX_DAYS_PER_YEAR", refused.getString("title"));
        assertTrue(refused.getString("detail").contains("2027"), refused.encode());
        assertTrue(refused.getString("detail").contains("50 days approved"), refused.encode());
        // Asking for more than is left is refused at once; another year is a fresh allowance.
        Instant sept = LocalDateTime.parse("2027-09-01T08:00").atZone(SHANGHAI).toInstant();
        phoneProblem(p.phone().send("POST", "/leaves", leave("成都", sept, sept.plus(Duration.ofDays(11)))), 422, "endsAt");
        Instant next = LocalDateTime.parse("2028-01-02T08:00").atZone(SHANGHAI).toInstant();
        created(p.phone().send("POST", "/leaves", leave("成都", next, next.plus(Duration.ofDays(20)))));
        // A leave across New Year counts in each year for its part: 2027 has 10 days left.
        Instant dec = LocalDateTime.parse("2027-12-25T00:00").atZone(SHANGHAI).toInstant();
        String straddle = created(p.phone().send("POST", "/leaves", leave("成都", dec, dec.plus(Duration.ofDays(14)))))
                .getString("id");
        assertEquals(200, tether.supervisor().post("/api/leave-requests/" + straddle + "/approve", new JsonObject())
                .statusCode(), "7 days in 2027 and 7 in 2028 fit");
    }

    @Test
    void aPendingRequestCanBeCancelledOnlyByItsPerson() {
        Person p = person();
        Person other = person();
        String id = created(p.phone().send("POST", "/leaves", leave("南京", Instant.now().plus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(2))))).getString("id");
        phoneProblem(other.phone().send("POST", "/leaves/" + id + "/cancel", null), 403, "leaveId");
        HttpResponse<String> cancelled = p.phone().send("POST", "/leaves/" + id + "/cancel", null);
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("CANCELLED", new JsonObject(cancelled.body()).getString("status"));
        phoneProblem(p.phone().send("POST", "/leaves/" + id + "/cancel", null), 409, "leaveId");
        problem(tether.post("/api/leave-requests/" + id + "/approve", new JsonObject()), 409, "requestId");
        assertEquals(0, tether.get("/api/leave-requests?status=PENDING&personId=" + p.id()).bodyAsJsonObject()
                .getJsonArray("items").size());
        phoneProblem(p.phone().send("POST", "/leaves/" + UUID.randomUUID() + "/cancel", null), 404, "leaveId");
    }

    @Test
    void reportingBackNeedsAFixBackInTheAreaAndEndsAnOverdueLeave() throws Exception {
        Person p = person();
        // Not approved yet: nothing to report back from.
        String pendingId = created(p.phone().send("POST", "/leaves", leave("苏州", Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(1))))).getString("id");
        phoneProblem(p.phone().send("POST", "/leaves/" + pendingId + "/report-back", PhoneClient.fix(LAT, LON, 10)),
                409, "leaveId");
        // A leave that ends in a few seconds and is not reported back: LEAVE_OVERDUE after the grace second.
        String id = created(p.phone().send("POST", "/leaves", leave("苏州", Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(8)))).getString("id");
        assertEquals(200, tether.post("/api/leave-requests/" + id + "/approve", new JsonObject()).statusCode());
        Await.until("LEAVE_OVERDUE", Duration.ofSeconds(30), () -> alerts(p.id(), "LEAVE_OVERDUE") == 1);
        assertEquals("ENDED", find(list(p), id).getString("status"));

        // Still at the destination: recorded, refused, the leave stays open.
        JsonObject outside = phoneProblem(p.phone().send("POST", "/leaves/" + id + "/report-back",
                PhoneClient.fix(DEST_LAT, LON, 10)), 422, "fix");
        assertTrue(outside.getString("detail").contains("not back"), outside.encode());
        assertEquals(1, db.count("SELECT count(*) FROM leave_report_backs WHERE leave_id = ?::uuid AND NOT accepted"
                + " AND area = 'OUTSIDE'", id));
        assertEquals("ENDED", find(list(p), id).getString("status"));
        // A stale fix proves nothing.
        phoneProblem(p.phone().send("POST", "/leaves/" + id + "/report-back",
                PhoneClient.fix(Instant.now().minus(Duration.ofMinutes(10)), LAT, LON, 10)), 422, "fix.time");

        // Home: accepted, and the overdue condition ends.
        HttpResponse<String> back = p.phone().send("POST", "/leaves/" + id + "/report-back", PhoneClient.fix(LAT, LON, 10));
        assertEquals(200, back.statusCode(), back.body());
        JsonObject leave = new JsonObject(back.body());
        assertEquals("REPORTED_BACK", leave.getString("status"));
        assertEquals("INSIDE", leave.getString("reportedBackArea"));
        assertEquals(1, db.count("SELECT count(*) FROM alerts WHERE person_id = ?::uuid AND type = 'LEAVE_OVERDUE'"
                + " AND condition_cleared_at IS NOT NULL", p.id()));
        // A retry (the answer was lost) keeps the first report-back.
        String firstAt = leave.getString("reportedBackAt");
        HttpResponse<String> again = p.phone().send("POST", "/leaves/" + id + "/report-back", PhoneClient.fix(LAT, LON, 10));
        assertEquals(200, again.statusCode());
        assertEquals(firstAt, new JsonObject(again.body()).getString("reportedBackAt"));
        assertEquals(2, db.count("SELECT count(*) FROM leave_report_backs WHERE leave_id = ?::uuid", id));
        assertEquals("INSIDE", tether.get("/api/leave-requests/" + id).bodyAsJsonObject().getString("reportedBackArea"));
    }

    @Test
    void aCoarseFixNearTheBoundaryIsAcceptedButFlagged() {
        Person p = person();
        String id = created(p.phone().send("POST", "/leaves", leave("无锡", Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(1))))).getString("id");
        assertEquals(200, tether.post("/api/leave-requests/" + id + "/approve", new JsonObject()).statusCode());
        // 3.3 km from the centre of a 3 km circle, with 5 km accuracy: cannot tell.
        HttpResponse<String> back = p.phone().send("POST", "/leaves/" + id + "/report-back",
                PhoneClient.fix(LAT + 0.03, LON, 5_000));
        assertEquals(200, back.statusCode(), back.body());
        assertEquals("UNCERTAIN", new JsonObject(back.body()).getString("reportedBackArea"));
        assertEquals("REPORTED_BACK", new JsonObject(back.body()).getString("status"));
    }

    @Test
    void everyInvalidFieldIsNamed() {
        Person p = person();
        Instant from = Instant.now().plus(Duration.ofDays(1));
        Instant to = from.plus(Duration.ofDays(2));
        phoneProblem(p.phone().send("POST", "/leaves", leave("x", from, to).put("destination", " ")), 400, "destination");
        JsonObject noReason = leave("x", from, to);
        noReason.remove("reason");
        phoneProblem(p.phone().send("POST", "/leaves", noReason), 400, "reason");
        phoneProblem(p.phone().send("POST", "/leaves", leave("x", from, to).put("startsAt", "tomorrow")), 400, "startsAt");
        phoneProblem(p.phone().send("POST", "/leaves", leave("x", to, from)), 400, "endsAt");
        phoneProblem(p.phone().send("POST", "/leaves", leave("x", Instant.now().minus(Duration.ofDays(2)),
                Instant.now().minus(Duration.ofDays(1)))), 422, "endsAt");
        JsonObject noArea = leave("x", from, to);
        noArea.remove("area");
        phoneProblem(p.phone().send("POST", "/leaves", noArea), 400, "area");
        phoneProblem(p.phone().send("POST", "/leaves", leave("x", from, to).put("crs", "OSGB36")), 400, "crs");
        phoneProblem(p.phone().send("POST", "/leaves", leave("x", from, to).put("area", new JsonObject().put("circle",
                new JsonObject().put("center", new JsonArray().add(LON).add(DEST_LAT)).put("radiusMeters", 0)))),
                422, "area.circle.radiusMeters");
        phoneProblem(p.phone().send("POST", "/leaves", leave("x", from, to).put("area", new JsonObject().put("circle",
                new JsonObject().put("center", new JsonArray().add(LON).add(95)).put("radiusMeters", 100)))),
                400, "area.circle.center");
        // A bow-tie: refused with what and where, never repaired.
        JsonObject bowTie = new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(new JsonArray()
                .add(new JsonArray().add(120.0).add(30.0)).add(new JsonArray().add(120.1).add(30.1))
                .add(new JsonArray().add(120.1).add(30.0)).add(new JsonArray().add(120.0).add(30.1))
                .add(new JsonArray().add(120.0).add(30.0))));
        JsonObject selfCrossing = phoneProblem(p.phone().send("POST", "/leaves", leave("x", from, to)
                .put("area", new JsonObject().put("geometry", bowTie))), 422, "area.geometry");
        assertTrue(selfCrossing.getString("detail").contains("self_intersection"), selfCrossing.encode());
        assertTrue(selfCrossing.getString("detail").contains("at lon 120.0"), selfCrossing.encode());
        phoneProblem(p.phone().send("POST", "/leaves", leave("x", from, to).put("corridor", new JsonObject()
                .put("route", new JsonArray().add(new JsonArray().add(LON).add(LAT)).add(new JsonArray().add(LON).add(DEST_LAT)))
                .put("widthMeters", 0))), 422, "corridor");
        phoneProblem(p.phone().send("POST", "/leaves", leave("x", from, to).put("corridor", new JsonObject()
                .put("route", new JsonArray().add("here")).put("widthMeters", 500))), 400, "corridor.route[0]");
        assertEquals(0, db.count("SELECT count(*) FROM leave_requests WHERE person_id = ?::uuid", p.id()));
    }

    @Test
    void aGcj02PolygonWithACorridorIsStoredInWgs84AndBothCountOnceApproved() {
        Person p = person();
        Instant from = Instant.now().minusSeconds(60);
        JsonArray ring = new JsonArray();
        for (double[] c : new double[][] {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}}) {
            ring.add(new JsonArray().add(LON + 0.01 * c[0]).add(DEST_LAT + 0.01 * c[1]));
        }
        JsonObject body = leave("德清", from, from.plus(Duration.ofDays(1))).put("crs", "GCJ02")
                .put("area", new JsonObject().put("geometry", new JsonObject().put("type", "Polygon")
                        .put("coordinates", new JsonArray().add(ring))))
                .put("corridor", new JsonObject().put("route", new JsonArray().add(new JsonArray().add(LON).add(LAT))
                        .add(new JsonArray().add(LON).add(DEST_LAT))).put("widthMeters", 1000));
        String id = created(p.phone().send("POST", "/leaves", body)).getString("id");
        JsonObject staffView = tether.get("/api/leave-requests/" + id).bodyAsJsonObject();
        assertEquals("GCJ02", staffView.getJsonObject("submitted").getString("crs"));
        double storedLon = staffView.getJsonObject("area").getJsonObject("geometry").getJsonArray("coordinates")
                .getJsonArray(0).getJsonArray(0).getDouble(0);
        // GCJ-02 is offset by hundreds of metres here: the stored WGS-84 vertex moved west.
        assertTrue(storedLon < LON - 0.01 - 0.002, "not converted: " + storedLon);
        assertNotNull(staffView.getJsonObject("corridor"));
        var approved = tether.post("/api/leave-requests/" + id + "/approve", new JsonObject());
        assertEquals(200, approved.statusCode(), approved.bodyAsString());
        assertEquals(2, approved.bodyAsJsonObject().getJsonArray("zoneIds").size());
        assertEquals(2, db.count("SELECT count(*) FROM leave_permit_zones WHERE leave_id = ?::uuid", id));
    }

    @Test
    void aPhoneSeesOnlyItsOwnLeavesAndARevokedTokenNothing() {
        Person p = person();
        Person other = person();
        String id = created(p.phone().send("POST", "/leaves", leave("宁波", Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(1))))).getString("id");
        assertEquals(200, tether.post("/api/leave-requests/" + id + "/approve", new JsonObject()).statusCode());
        phoneProblem(other.phone().send("POST", "/leaves/" + id + "/report-back", PhoneClient.fix(LAT, LON, 10)),
                403, "leaveId");
        assertEquals(0, list(other).size());
        assertEquals(1, list(p).size());
        // A new enrolment revokes the old token.
        Enrolled again = PhoneClient.enrolled(tether.httpPort(), code(p.id()));
        HttpResponse<String> revoked = p.phone().send("GET", "/leaves", null);
        assertEquals(401, revoked.statusCode());
        assertEquals("application/problem+json", revoked.headers().firstValue("Content-Type").orElse(""));
        assertEquals(401, p.phone().send("POST", "/leaves", leave("宁波", Instant.now(), Instant.now().plusSeconds(99)))
                .statusCode());
        assertEquals(1, new JsonObject(again.phone().send("GET", "/leaves", null).body()).getJsonArray("items").size());
    }

    @Test
    void staffDecideOnlyWithinTheirOfficesAndRoles() {
        Person p = person();
        String id = created(p.phone().send("POST", "/leaves", leave("温州", Instant.now().plus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(2))))).getString("id");
        var admin = tether.admin();
        String otherOffice = admin.post("/api/offices", new JsonObject().put("kind", "JUSTICE_OFFICE").put("name", "另一司法所")
                .put("parentId", tether.org().agencyId())).bodyAsJsonObject().getString("id");
        String user = "leave-officer-" + UUID.randomUUID().toString().substring(0, 6);
        assertEquals(201, admin.post("/api/staff", TestOrg.staff(user, "OFFICER", otherOffice)).statusCode());
        var stranger = tether.session(user, TestOrg.PASSWORD);
        assertTrue(stranger.get("/api/leave-requests?status=PENDING").bodyAsJsonObject().getJsonArray("items").isEmpty());
        problem(stranger.get("/api/leave-requests/" + id), 404, "requestId");
        problem(stranger.post("/api/leave-requests/" + id + "/approve", new JsonObject()), 404, "requestId");
        problem(stranger.get("/api/persons/" + p.id() + "/leave-requests"), 404, "personId");
        String procurator = "leave-procurator-" + UUID.randomUUID().toString().substring(0, 6);
        assertEquals(201, admin.post("/api/staff", TestOrg.staff(procurator, "PROCURATOR", tether.org().agencyId()))
                .statusCode());
        var proc = tether.session(procurator, TestOrg.PASSWORD);
        assertEquals(1, proc.get("/api/persons/" + p.id() + "/leave-requests").bodyAsJsonObject().getJsonArray("items").size());
        assertEquals(403, proc.post("/api/leave-requests/" + id + "/reject", new JsonObject().put("reason", "x")).statusCode());
        assertEquals(401, tether.anonymous().get("/api/leave-requests").statusCode());
        problem(tether.get("/api/leave-requests?status=MAYBE"), 400, "status");
        assertEquals("PENDING", tether.get("/api/leave-requests/" + id).bodyAsJsonObject().getString("status"));
    }

    // ---- helpers ----

    private record Person(String id, PhoneClient phone, String token, String deviceId, String mqttUser,
                          String mqttPassword) {
    }

    /** A person in the home area with an enrolled phone that has registered a push token. */
    private Person person() {
        var r = tether.post("/api/persons", new JsonObject().put("displayName", "对象")
                .put("zoneIds", new JsonArray().add(homeZone)));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        String id = r.bodyAsJsonObject().getString("id");
        Enrolled e = PhoneClient.enrolled(tether.httpPort(), code(id));
        String token = "ok-leave-" + id;
        assertEquals(204, e.phone().send("PUT", "/push-token", new JsonObject().put("token", token)).statusCode());
        JsonObject mqtt = e.answer().getJsonObject("mqtt");
        return new Person(id, e.phone(), token, e.answer().getString("deviceId"), mqtt.getString("username"),
                mqtt.getString("password"));
    }

    private String code(String person) {
        var r = tether.post("/api/persons/" + person + "/enrolment-codes", new JsonObject());
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getString("code");
    }

    /** A request body: a 2 km circle at the destination, times with their offset. */
    private static JsonObject leave(String destination, Instant from, Instant to) {
        return new JsonObject().put("destination", destination).put("reason", "探亲")
                .put("startsAt", from.atZone(SHANGHAI).toOffsetDateTime().toString())
                .put("endsAt", to.atZone(SHANGHAI).toOffsetDateTime().toString())
                .put("area", new JsonObject().put("circle", new JsonObject()
                        .put("center", new JsonArray().add(LON).add(DEST_LAT)).put("radiusMeters", 2000)));
    }

    /** A direct grant's body (staff API), to the home zone for simplicity. */
    private JsonObject grant(Instant from, Instant to) {
        return new JsonObject().put("from", from.toString()).put("to", to.toString())
                .put("zoneIds", new JsonArray().add(homeZone));
    }

    private JsonArray list(Person p) {
        HttpResponse<String> r = p.phone().send("GET", "/leaves", null);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body()).getJsonArray("items");
    }

    private static JsonObject find(JsonArray items, String id) {
        return items.stream().map(JsonObject.class::cast).filter(o -> id.equals(o.getString("id"))).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + items.encode()));
    }

    private JsonObject pushTo(String token) {
        return fcm.messages().stream().filter(m -> token.equals(m.getString("token"))).findFirst().orElseThrow();
    }

    private static JsonObject created(HttpResponse<String> r) {
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static JsonObject phoneProblem(HttpResponse<String> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        JsonObject problem = new JsonObject(r.body());
        assertEquals(field, problem.getString("field"), r.body());
        return problem;
    }

    private static JsonObject problem(io.vertx.ext.web.client.HttpResponse<Buffer> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        JsonObject problem = r.bodyAsJsonObject();
        assertEquals(field, problem.getString("field"), r.bodyAsString());
        return problem;
    }

    private long alerts(String person, String type) {
        return db.count("SELECT count(*) FROM alerts WHERE person_id = ?::uuid AND type = ?", person, type);
    }
}
