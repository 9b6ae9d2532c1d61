package org.tether.server.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.tether.server.support.RunningTether.Session;
import org.tether.server.support.TestDatabase;
import org.tether.server.support.Teardown;
import org.tether.server.support.TestOrg;

/**
 * Officers' messages and the phone's "my status" against the real server, database and Firebase Admin
 * SDK (talking to the local FCM stand-in): a message is stored, pushed as a notification and listed on the
 * phone; failed pushes (UNREGISTERED, 5xx until given up, no token, no phone) show as not delivered while
 * the phone still reads the message; the read receipt reaches staff; a phone reads only its own messages;
 * staff scoping by role and office; and the status page's tier, period, check-in window (computed here
 * independently from the schedule), done flag, leave, open checks and unread count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficerMessagesAndStatusIntegrationTest {

    private static final double LAT = 30.27;
    private static final double LON = 120.15;
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String ID_CARD = "11010519491231002X";
    private static final Map<String, String> FAST = Map.of(
            "TETHER_ALERTS_WATCHINTERVALSECONDS", "1",
            "TETHER_PUSH_POLLMILLIS", "200",
            "TETHER_PUSH_RETRYBASESECONDS", "1",
            "TETHER_PUSH_MAXATTEMPTS", "2");

    private TestDatabase db;
    private FakeFcm fcm;
    private RunningTether tether;
    private String zoneId;
    private Session otherOfficer;
    private Session procurator;

    @BeforeAll
    void start() {
        db = TestDatabase.create();
        fcm = new FakeFcm();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, FAST, Optional.of(fcm.options()));
        zoneId = tether.inclusionCircle("县", LON, LAT, 3000);
        Session admin = tether.admin();
        String otherOffice = admin.post("/api/offices", new JsonObject().put("kind", "JUSTICE_OFFICE").put("name", "另一司法所")
                .put("parentId", tether.org().agencyId())).bodyAsJsonObject().getString("id");
        assertEquals(201, admin.post("/api/staff", TestOrg.staff("other-officer", "OFFICER", otherOffice)).statusCode());
        assertEquals(201, admin.post("/api/staff", TestOrg.staff("procurator", "PROCURATOR", tether.org().agencyId()))
                .statusCode());
        otherOfficer = tether.session("other-officer", TestOrg.PASSWORD);
        procurator = tether.session("procurator", TestOrg.PASSWORD);
    }

    @AfterAll
    void stop() {
        Teardown.all(tether, fcm, db::drop);
    }

    @Test
    void aMessageIsStoredPushedAsANotificationListedOnThePhoneAndItsReadReceiptReachesStaff() {
        String person = person(new JsonObject());
        Enrolled e = PhoneClient.enrolled(tether.httpPort(), code(person));
        String token = "ok-msg-" + person;
        assertEquals(204, e.phone().send("PUT", "/push-token", new JsonObject().put("token", token)).statusCode());

        String text = "请于本周五上午九点到司法所参加集中教育。";
        var sent = tether.post("/api/persons/" + person + "/messages",
                new JsonObject().put("text", text).put("needsAcknowledgement", true));
        assertEquals(201, sent.statusCode(), sent.bodyAsString());
        JsonObject message = sent.bodyAsJsonObject();
        String id = message.getString("id");
        assertEquals(text, message.getString("text"));
        assertTrue(message.getBoolean("needsAcknowledgement"));
        assertFalse(message.getBoolean("read"));
        assertEquals("PENDING", message.getJsonObject("delivery").getString("state"));
        assertEquals(1, db.count("SELECT count(*) FROM audit_log WHERE action = 'message.send' AND target_id = ?"
                + " AND detail->>'messageId' = ?", person, id));

        // The push: an FCM notification with the zh-CN title, to this phone's token, naming the message.
        JsonObject pushed = awaitPush(id);
        assertEquals(token, pushed.getString("token"));
        assertEquals("工作人员消息（请确认）", pushed.getJsonObject("notification").getString("title"));
        assertEquals(text, pushed.getJsonObject("notification").getString("body"));
        assertEquals("MESSAGE", pushed.getJsonObject("data").getString("type"));
        assertEquals("true", pushed.getJsonObject("data").getString("needsAcknowledgement"));
        Await.until("staff sees DELIVERED", Duration.ofSeconds(20),
                () -> "DELIVERED".equals(staffMessage(person, id).getJsonObject("delivery").getString("state")));

        // The phone lists it, unread.
        JsonObject listed = phoneMessages(e.phone(), "").getJsonObject(0);
        assertEquals(id, listed.getString("id"));
        assertEquals(text, listed.getString("text"));
        assertFalse(listed.getBoolean("read"));
        assertNull(listed.getValue("readAt"));

        // Read receipt: idempotent (the first time is kept), visible to staff as the acknowledgement.
        var read = e.phone().send("POST", "/messages/" + id + "/read", null);
        assertEquals(200, read.statusCode(), read.body());
        String readAt = new JsonObject(read.body()).getString("readAt");
        assertNotNull(readAt);
        var again = e.phone().send("POST", "/messages/" + id + "/read", null);
        assertEquals(200, again.statusCode());
        assertEquals(readAt, new JsonObject(again.body()).getString("readAt"));
        JsonObject staffView = staffMessage(person, id);
        assertTrue(staffView.getBoolean("read"));
        assertEquals(readAt, staffView.getString("readAt"));
        assertTrue(staffView.getBoolean("acknowledged"));
        assertEquals(e.answer().getString("deviceId"), staffView.getString("readByDevice"));

        // Newest first; a plain message is titled without the request to confirm; limit bounds the list.
        String second = tether.post("/api/persons/" + person + "/messages", new JsonObject().put("text", "收到请回复。"))
                .bodyAsJsonObject().getString("id");
        JsonArray both = phoneMessages(e.phone(), "");
        assertEquals(2, both.size());
        assertEquals(second, both.getJsonObject(0).getString("id"));
        assertEquals(id, both.getJsonObject(1).getString("id"));
        assertEquals(1, phoneMessages(e.phone(), "?limit=1").size());
        assertEquals("工作人员消息", awaitPush(second)
                .getJsonObject("notification").getString("title"));
        JsonObject plain = staffMessage(person, second);
        assertFalse(plain.getBoolean("needsAcknowledgement"));
        assertFalse(plain.getBoolean("acknowledged"));
        var badLimit = e.phone().send("GET", "/messages?limit=0", null);
        assertEquals(400, badLimit.statusCode());
        assertEquals("limit", new JsonObject(badLimit.body()).getString("field"));
        assertEquals("application/problem+json", badLimit.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void aFailedPushShowsNotDeliveredToStaffWhileThePhoneStillReadsTheMessage() {
        // FCM says UNREGISTERED: given up at once, the token dropped.
        String gone = person(new JsonObject());
        Enrolled g = PhoneClient.enrolled(tether.httpPort(), code(gone));
        g.phone().send("PUT", "/push-token", new JsonObject().put("token", "gone-" + gone));
        String goneId = send(gone, "请注意查收。");
        // FCM answers 500 every time: retried, then given up (TETHER_PUSH_MAXATTEMPTS = 2).
        String failing = person(new JsonObject());
        Enrolled f = PhoneClient.enrolled(tether.httpPort(), code(failing));
        String failingToken = "flaky99-" + failing;
        f.phone().send("PUT", "/push-token", new JsonObject().put("token", failingToken));
        String failingId = send(failing, "请注意查收。");
        // An enrolled phone without a push token.
        String silent = person(new JsonObject());
        Enrolled s = PhoneClient.enrolled(tether.httpPort(), code(silent));
        String silentId = send(silent, "请注意查收。");

        assertNotDelivered(gone, goneId, "UNREGISTERED");
        assertNotDelivered(failing, failingId, "GAVE_UP");
        // Two attempts, no more (counted by message: a check-in reminder may go to the same token).
        assertEquals(2, fcm.messages().stream().filter(m -> failingToken.equals(m.getString("token"))
                && failingId.equals(m.getJsonObject("data").getString("messageId"))).count());
        assertNotDelivered(silent, silentId, "NO_PUSH_TOKEN");
        for (var pair : Map.of(g, goneId, f, failingId, s, silentId).entrySet()) {
            JsonArray items = phoneMessages(pair.getKey().phone(), "");
            assertEquals(pair.getValue(), items.getJsonObject(0).getString("id"));
            assertEquals(200, pair.getKey().phone().send("POST", "/messages/" + pair.getValue() + "/read", null)
                    .statusCode());
        }

        // No phone at all yet: not delivered, and the message waits for the phone enrolled later.
        String later = person(new JsonObject());
        String laterId = send(later, "请尽快安装应用并报到。");
        assertNotDelivered(later, laterId, "NO_PHONE");
        Enrolled l = PhoneClient.enrolled(tether.httpPort(), code(later));
        assertEquals(laterId, phoneMessages(l.phone(), "").getJsonObject(0).getString("id"));
    }

    @Test
    void aPhoneReadsOnlyItsOwnMessagesAndARevokedTokenIsRefused() {
        String alice = person(new JsonObject());
        String bob = person(new JsonObject());
        Enrolled a = PhoneClient.enrolled(tether.httpPort(), code(alice));
        Enrolled b = PhoneClient.enrolled(tether.httpPort(), code(bob));
        String aliceMessage = send(alice, "只给张三的消息");

        var foreign = b.phone().send("POST", "/messages/" + aliceMessage + "/read", null);
        assertEquals(403, foreign.statusCode());
        assertEquals("messageId", new JsonObject(foreign.body()).getString("field"));
        assertEquals("application/problem+json", foreign.headers().firstValue("Content-Type").orElse(""));
        assertFalse(staffMessage(alice, aliceMessage).getBoolean("read"), "bob's attempt marked nothing read");
        assertEquals(0, phoneMessages(b.phone(), "").size());
        JsonObject bobStatus = status(b.phone());
        assertEquals(0, bobStatus.getJsonObject("messages").getInteger("unread"));
        assertEquals(0, bobStatus.getJsonObject("messages").getJsonArray("latest").size());
        assertEquals(404, b.phone().send("POST", "/messages/" + UUID.randomUUID() + "/read", null).statusCode());
        var malformed = b.phone().send("POST", "/messages/not-an-id/read", null);
        assertEquals(400, malformed.statusCode());
        assertEquals("messageId", new JsonObject(malformed.body()).getString("field"));

        // A new phone for alice revokes the old token: 401 on every reading route.
        PhoneClient.enrolled(tether.httpPort(), code(alice));
        for (String path : new String[] {"/messages", "/status"}) {
            var refused = a.phone().send("GET", path, null);
            assertEquals(401, refused.statusCode(), path);
            assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
        }
        assertEquals(401, a.phone().send("POST", "/messages/" + aliceMessage + "/read", null).statusCode());
        assertEquals(401, new PhoneClient(tether.httpPort(), null).send("GET", "/status", null).statusCode());
    }

    @Test
    void staffInputIsCheckedFieldByFieldAndScopedByRoleAndOffice() {
        String person = person(new JsonObject());
        String path = "/api/persons/" + person + "/messages";
        assertProblem(tether.post(path, new JsonObject()), 400, "text");
        assertProblem(tether.post(path, new JsonObject().put("text", "  ")), 400, "text");
        assertProblem(tether.post(path, new JsonObject().put("text", "长".repeat(1001))), 400, "text");
        assertProblem(tether.post(path, new JsonObject().put("text", "好").put("needsAcknowledgement", "yes")), 400,
                "needsAcknowledgement");
        assertEquals(400, tether.postRaw(path, "application/json", "[1, 2]").statusCode());
        assertProblem(tether.post("/api/persons/not-an-id/messages", new JsonObject().put("text", "好")), 400, "personId");
        assertEquals(201, tether.post(path, new JsonObject().put("text", "长".repeat(1000))).statusCode());

        // Another office's officer: the person does not exist for them.
        assertProblem(otherOfficer.post(path, new JsonObject().put("text", "越权")), 404, "personId");
        assertEquals(404, otherOfficer.get(path).statusCode());
        // The procurator reads but does not send; the administrator does neither.
        var procuratorRead = procurator.get(path);
        assertEquals(200, procuratorRead.statusCode(), procuratorRead.bodyAsString());
        assertEquals(1, procuratorRead.bodyAsJsonObject().getJsonArray("items").size());
        assertEquals(403, procurator.post(path, new JsonObject().put("text", "检察")).statusCode());
        Session admin = tether.admin();
        assertEquals(403, admin.get(path).statusCode());
        assertEquals(403, admin.post(path, new JsonObject().put("text", "管理员")).statusCode());
        // The county supervisor sees the office and may send.
        assertEquals(201, tether.supervisor().post(path, new JsonObject().put("text", "县局通知")).statusCode());
        assertEquals(401, tether.anonymous().get(path).statusCode());
        assertEquals(2, db.count("SELECT count(*) FROM audit_log WHERE action = 'message.send' AND target_id = ?", person));
        assertEquals(2, db.count("SELECT count(*) FROM officer_messages WHERE person_id = ?::uuid", person));

        // Supervision ended: nothing more is sent.
        assertEquals(200, tether.officer().patch("/api/persons/" + person, new JsonObject().put("status", "ENDED"))
                .statusCode());
        assertProblem(tether.post(path, new JsonObject().put("text", "解矫后")), 422, "personId");
        assertEquals(2, db.count("SELECT count(*) FROM officer_messages WHERE person_id = ?::uuid", person));
    }

    @Test
    void myStatusShowsTierPeriodCheckInWindowLeaveChecksAndUnreadMessages() {
        String person = person(new JsonObject().put("tier", "NORMAL").put("caseType", "PROBATION")
                .put("correctionStartsOn", "2026-01-01").put("correctionEndsOn", "2027-06-30").put("idCardNumber", ID_CARD));
        Enrolled e = PhoneClient.enrolled(tether.httpPort(), code(person));

        // Tier, case type and period; the default NORMAL schedule (Mon, Thu 08:00–20:00) gives the next window.
        String raw = e.phone().send("GET", "/status", null).body();
        assertFalse(raw.contains(ID_CARD), "no ID-card number in the status");
        assertFalse(raw.contains("idCard"));
        JsonObject status = new JsonObject(raw);
        assertEquals(new JsonObject().put("code", "NORMAL").put("label", "普管"), status.getJsonObject("tier"));
        assertEquals(new JsonObject().put("code", "PROBATION").put("label", "缓刑"), status.getJsonObject("caseType"));
        assertEquals("2026-01-01", status.getJsonObject("correctionPeriod").getString("startsOn"));
        assertEquals("2027-06-30", status.getJsonObject("correctionPeriod").getString("endsOn"));
        assertWindow(status, Set.of(1, 4), LocalTime.of(8, 0), LocalTime.of(20, 0));
        assertNull(status.getValue("leave"));
        assertEquals(0, status.getJsonArray("openLocationChecks").size());
        assertEquals(0, status.getJsonObject("messages").getInteger("unread"));

        // A person's own schedule for two other days: the next window moves there.
        int today = LocalDate.now(SHANGHAI).getDayOfWeek().getValue();
        Set<Integer> days = Set.of(today % 7 + 1, (today + 2) % 7 + 1);
        JsonArray dayArray = new JsonArray();
        days.forEach(dayArray::add);
        assertEquals(200, tether.put("/api/persons/" + person + "/check-in-schedule", new JsonObject()
                .put("days", dayArray).put("windowStart", "09:30").put("windowEnd", "11:00")).statusCode());
        JsonObject next = assertWindow(status(e.phone()), days, LocalTime.of(9, 30), LocalTime.of(11, 0));
        assertFalse(next.getBoolean("open"));
        assertFalse(next.getBoolean("done"));

        // A window open now: not done until the check-in, done after it.
        LocalTime now = LocalTime.now(SHANGHAI);
        LocalTime start = (now.isBefore(LocalTime.of(1, 0)) ? LocalTime.MIN : now.minusHours(1)).truncatedTo(ChronoUnit.SECONDS);
        LocalTime end = (now.isAfter(LocalTime.of(22, 58)) ? LocalTime.of(23, 59, 59) : now.plusHours(1))
                .truncatedTo(ChronoUnit.SECONDS);
        assertEquals(200, tether.put("/api/persons/" + person + "/check-in-schedule", new JsonObject()
                .put("days", new JsonArray().add(1).add(2).add(3).add(4).add(5).add(6).add(7))
                .put("windowStart", start.toString()).put("windowEnd", end.toString())).statusCode());
        JsonObject current = assertWindow(status(e.phone()), Set.of(1, 2, 3, 4, 5, 6, 7), start, end);
        assertTrue(current.getBoolean("open"));
        assertFalse(current.getBoolean("done"));
        assertEquals(201, e.phone().send("POST", "/check-ins", PhoneClient.fix(LAT, LON, 10)).statusCode());
        JsonObject done = status(e.phone()).getJsonObject("checkIn");
        assertTrue(done.getBoolean("done"), done.encode());
        assertEquals(current.getString("opensAt"), done.getString("opensAt"));

        // Approved leave: the next one, then the one in progress takes precedence; destinations by name.
        var destination = tether.post("/api/zones", new JsonObject().put("name", "杭州市").put("kind", "INCLUSION")
                .put("circle", new JsonObject().put("center", new JsonArray().add(120.2).add(30.3)).put("radiusMeters", 5000)));
        assertEquals(201, destination.statusCode(), destination.bodyAsString());
        Instant upcomingFrom = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        leave(person, upcomingFrom, upcomingFrom.plus(Duration.ofDays(2)), destination.bodyAsJsonObject().getString("id"));
        JsonObject upcoming = status(e.phone()).getJsonObject("leave");
        assertEquals("UPCOMING", upcoming.getString("state"));
        assertEquals(upcomingFrom.toString(), upcoming.getString("startsAt"));
        assertEquals(new JsonArray().add("杭州市"), upcoming.getJsonArray("destinations"));
        Instant onLeaveFrom = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        leave(person, onLeaveFrom, onLeaveFrom.plus(Duration.ofHours(20)), destination.bodyAsJsonObject().getString("id"));
        JsonObject onLeave = status(e.phone()).getJsonObject("leave");
        assertEquals("ON_LEAVE", onLeave.getString("state"));
        assertEquals(onLeaveFrom.toString(), onLeave.getString("startsAt"));
        assertEquals("外出中", onLeave.getString("label"));

        // An open location check and unread messages; reading one lowers the count.
        String checkId = tether.post("/api/persons/" + person + "/location-checks", new JsonObject())
                .bodyAsJsonObject().getString("id");
        String first = send(person, "第一条");
        String second = send(person, "第二条");
        JsonObject withMessages = status(e.phone());
        assertEquals(checkId, withMessages.getJsonArray("openLocationChecks").getJsonObject(0).getString("id"));
        assertEquals(2, withMessages.getJsonObject("messages").getInteger("unread"));
        JsonArray latest = withMessages.getJsonObject("messages").getJsonArray("latest");
        assertEquals(second, latest.getJsonObject(0).getString("id"));
        assertEquals(first, latest.getJsonObject(1).getString("id"));
        assertEquals(200, e.phone().send("POST", "/messages/" + first + "/read", null).statusCode());
        JsonObject afterRead = status(e.phone());
        assertEquals(1, afterRead.getJsonObject("messages").getInteger("unread"));
        assertTrue(afterRead.getJsonObject("messages").getJsonArray("latest").getJsonObject(1).getBoolean("read"));
        assertEquals(200, e.phone().send("POST", "/location-checks/" + checkId + "/answer",
                PhoneClient.fix(LAT, LON, 10)).statusCode());
        assertEquals(0, status(e.phone()).getJsonArray("openLocationChecks").size());
    }

    @Test
    void aLeaveThatEndedWithoutReportingBackStaysOnTheStatusUntilReportedBack() {
        String person = person(new JsonObject());
        Enrolled e = PhoneClient.enrolled(tether.httpPort(), code(person));
        Instant from = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        String ended = leave(person, from, from.plus(Duration.ofDays(1)), zoneId);
        Instant nextFrom = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
        String next = leave(person, nextFrom, nextFrom.plus(Duration.ofDays(1)), zoneId);
        JsonObject due = status(e.phone()).getJsonObject("leave");
        assertEquals(ended, due.getString("id"));
        assertEquals("REPORT_BACK_DUE", due.getString("state"));
        assertEquals("请按时销假", due.getString("label"));
        assertEquals(200, tether.post("/api/leaves/" + ended + "/report-back", new JsonObject()).statusCode());
        JsonObject upcoming = status(e.phone()).getJsonObject("leave");
        assertEquals(next, upcoming.getString("id"));
        assertEquals("UPCOMING", upcoming.getString("state"));
    }

    /**
     * The status's window against the one computed here from the schedule: the first window (days in
     * Asia/Shanghai, [start, end)) that has not closed yet.
     */
    private static JsonObject assertWindow(JsonObject status, Set<Integer> days, LocalTime start, LocalTime end) {
        Instant at = Instant.parse(status.getString("at"));
        LocalDate day = at.atZone(SHANGHAI).toLocalDate();
        Instant opens = null;
        Instant closes = null;
        for (int i = 0; i <= 8 && opens == null; i++) {
            LocalDate d = day.plusDays(i);
            Instant c = d.atTime(end).atZone(SHANGHAI).toInstant();
            if (days.contains(d.getDayOfWeek().getValue()) && c.isAfter(at)) {
                opens = d.atTime(start).atZone(SHANGHAI).toInstant();
                closes = c;
            }
        }
        JsonObject window = status.getJsonObject("checkIn");
        assertNotNull(window, status.encode());
        assertEquals(opens, Instant.parse(window.getString("opensAt")), window.encode());
        assertEquals(closes, Instant.parse(window.getString("closesAt")), window.encode());
        assertEquals(!at.isBefore(opens), window.getBoolean("open"));
        return window;
    }

    private void assertNotDelivered(String person, String messageId, String reason) {
        Await.until(reason + " shown as not delivered", Duration.ofSeconds(30),
                () -> "NOT_DELIVERED".equals(staffMessage(person, messageId).getJsonObject("delivery").getString("state")));
        JsonObject delivery = staffMessage(person, messageId).getJsonObject("delivery");
        assertTrue(delivery.getString("failure").startsWith(reason), delivery.encode());
    }

    private static void assertProblem(HttpResponse<Buffer> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertEquals("application/problem+json", r.getHeader("Content-Type"));
        assertEquals(field, r.bodyAsJsonObject().getString("field"), r.bodyAsString());
    }

    private JsonObject awaitPush(String messageId) {
        Await.until("push of message " + messageId, Duration.ofSeconds(20), () -> pushOf(messageId) != null);
        return pushOf(messageId);
    }

    private JsonObject pushOf(String messageId) {
        return fcm.messages().stream().filter(m -> m.getJsonObject("data") != null
                        && messageId.equals(m.getJsonObject("data").getString("messageId")))
                .findFirst().orElse(null);
    }

    private JsonObject staffMessage(String person, String id) {
        var r = tether.get("/api/persons/" + person + "/messages");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(m -> id.equals(m.getString("id"))).findFirst().orElseThrow();
    }

    private static JsonArray phoneMessages(PhoneClient phone, String query) {
        var r = phone.send("GET", "/messages" + query, null);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body()).getJsonArray("items");
    }

    private static JsonObject status(PhoneClient phone) {
        var r = phone.send("GET", "/status", null);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private String send(String person, String text) {
        var r = tether.post("/api/persons/" + person + "/messages", new JsonObject().put("text", text));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getString("id");
    }

    private String leave(String person, Instant from, Instant to, String zone) {
        var r = tether.post("/api/persons/" + person + "/leaves", new JsonObject()
                .put("from", from.toString().replace("Z", "+00:00")).put("to", to.toString().replace("Z", "+00:00"))
                .put("zoneIds", new JsonArray().add(zone)));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getString("id");
    }

    private String person(JsonObject extra) {
        var r = tether.post("/api/persons", extra.copy().put("displayName", "对象").put("zoneIds", new JsonArray().add(zoneId)));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getString("id");
    }

    private String code(String person) {
        var r = tether.post("/api/persons/" + person + "/enrolment-codes", new JsonObject());
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getString("code");
    }
}
