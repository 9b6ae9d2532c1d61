package org.tether.server.phone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
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

/**
 * The phone app against the real server, database, broker and Firebase Admin SDK (talking to a local FCM
 * stand-in): enrolment and its failures, check-ins (in and out of the window and area, with a photo),
 * MISSED_CHECK_IN once across a restart, location checks answered and unanswered, push delivery with
 * UNREGISTERED, 5xx and timeouts, and the phone token's limits (other person 403, revoked/expired 401).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhoneAppIntegrationTest {

    private static final double LAT = 30.27;
    private static final double LON = 120.15;
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0};
    private static final Map<String, String> FAST = Map.of(
            "TETHER_ALERTS_WATCHINTERVALSECONDS", "1",
            "TETHER_PHONE_ENROLFAILURESALLOWED", "5",
            "TETHER_PUSH_POLLMILLIS", "200",
            "TETHER_PUSH_RETRYBASESECONDS", "1");

    private TestDatabase db;
    private FakeFcm fcm;
    private RunningTether tether;
    private String zoneId;

    @BeforeAll
    void start() {
        db = TestDatabase.create();
        fcm = new FakeFcm();
        tether = startServer();
        zoneId = tether.inclusionCircle("县", LON, LAT, 3000);
    }

    private RunningTether startServer() {
        return RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, FAST, Optional.of(fcm.options()));
    }

    @AfterAll
    void stop() {
        Teardown.all(tether, fcm, db::drop);
    }

    @Test
    void aPhoneEnrolsPublishesOverMqttChecksInWithAPhotoAndAnswersALocationCheck() throws Exception {
        String person = person();
        Enrolled e = PhoneClient.enrolled(tether.httpPort(), code(person));
        JsonObject mqtt = e.answer().getJsonObject("mqtt");
        assertEquals(e.answer().getString("deviceId"), mqtt.getString("username"));
        assertEquals(person, e.answer().getString("personId"));
        // Its own MQTT login: the phone's fixes are accepted and stored for the person.
        try (TestDevice phone = new TestDevice(e.answer().getString("deviceId"), mqtt.getString("username"),
                mqtt.getString("password"), tether.mqttPort())) {
            phone.sendFix(Instant.now(), LAT, LON, 15);
            Await.until("phone fix stored", Duration.ofSeconds(20), () -> db.count(
                    "SELECT count(*) FROM positions WHERE person_id = ?::uuid", person) == 1);
        }
        var device = tether.get("/api/devices/" + e.answer().getString("deviceId"));
        assertEquals("PHONE", device.bodyAsJsonObject().getString("kind"));
        assertEquals(person, device.bodyAsJsonObject().getString("personId"));

        scheduleOpenNow(person);
        HttpResponse<String> in = e.phone().send("POST", "/check-ins", PhoneClient.fix(LAT, LON, 10));
        assertEquals(201, in.statusCode(), in.body());
        JsonObject receipt = new JsonObject(in.body());
        assertTrue(receipt.getBoolean("inWindow"), in.body());
        assertEquals("INSIDE", receipt.getString("area"));
        String checkIn = receipt.getString("id");

        assertEquals(415, e.phone().putBytes("/check-ins/" + checkIn + "/photo", "image/jpeg",
                "not an image".getBytes()).statusCode());
        assertEquals(204, e.phone().putBytes("/check-ins/" + checkIn + "/photo", "image/jpeg", JPEG).statusCode());
        assertEquals(409, e.phone().putBytes("/check-ins/" + checkIn + "/photo", "image/jpeg", JPEG).statusCode());
        var list = tether.get("/api/persons/" + person + "/check-ins");
        JsonObject listed = list.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
        assertEquals("/api/check-ins/" + checkIn + "/photo", listed.getString("photo"));
        var photo = tether.get(listed.getString("photo"));
        assertEquals(200, photo.statusCode());
        assertEquals("image/jpeg", photo.getHeader("Content-Type"));
        assertArrayEquals(JPEG, photo.body().getBytes());
        assertEquals(401, tether.anonymous().get(listed.getString("photo")).statusCode());
        assertEquals(1, db.count("SELECT count(*) FROM audit_log WHERE action = 'check-in.photo.read' AND target_id = ?",
                checkIn));

        // A location check: a high-priority data message, answered in time — no alert, ever.
        String token = "ok-" + person;
        assertEquals(204, e.phone().send("PUT", "/push-token", new JsonObject().put("token", token)).statusCode());
        var check = tether.post("/api/persons/" + person + "/location-checks",
                new JsonObject().put("answerWithinSeconds", 5));
        assertEquals(201, check.statusCode(), check.bodyAsString());
        String checkId = check.bodyAsJsonObject().getString("id");
        Await.until("location-check push", Duration.ofSeconds(20), () -> fcm.requests(token, "LOCATION_CHECK") == 1);
        JsonObject pushed = fcm.messages().stream().filter(m -> token.equals(m.getString("token"))
                && "LOCATION_CHECK".equals(m.getJsonObject("data").getString("type"))).findFirst().orElseThrow();
        assertEquals("LOCATION_CHECK", pushed.getJsonObject("data").getString("type"));
        assertEquals(checkId, pushed.getJsonObject("data").getString("checkId"));
        assertEquals("high", pushed.getJsonObject("android").getString("priority"));
        assertTrue(pushed.getJsonObject("data").getString("body").contains("核查"), pushed.encode());
        var open = new JsonObject(e.phone().send("GET", "/location-checks", null).body());
        assertEquals(checkId, open.getJsonArray("items").getJsonObject(0).getString("id"));
        HttpResponse<String> answer = e.phone().send("POST", "/location-checks/" + checkId + "/answer",
                PhoneClient.fix(LAT, LON, 12));
        assertEquals(200, answer.statusCode(), answer.body());
        assertFalse(new JsonObject(answer.body()).getBoolean("late"));
        assertEquals(409, e.phone().send("POST", "/location-checks/" + checkId + "/answer",
                PhoneClient.fix(LAT, LON, 12)).statusCode());
        Thread.sleep(7_000); // past the due time and several watch rounds
        assertEquals(0, alerts(person, "LOCATION_CHECK_UNANSWERED"));
        JsonObject staffView = tether.get("/api/persons/" + person + "/location-checks").bodyAsJsonObject()
                .getJsonArray("items").getJsonObject(0);
        assertEquals("ANSWERED", staffView.getString("state"));
        assertEquals("DELIVERED", staffView.getJsonObject("push").getString("delivery"));
    }

    @Test
    void codesAreSingleUseExpireAndAreCheckedField() {
        String person = person();
        String code = code(person);
        assertEquals(404, status(PhoneClient.enrol(tether.httpPort(), "ZZZZ-ZZZZ")));
        HttpResponse<String> bad = new PhoneClient(tether.httpPort(), null).send("POST", "/enrolment", new JsonObject());
        assertEquals(400, bad.statusCode());
        assertEquals("code", new JsonObject(bad.body()).getString("field"));
        assertEquals("application/problem+json", bad.headers().firstValue("Content-Type").orElse(""));
        PhoneClient.enrolled(tether.httpPort(), code.toLowerCase().replace("-", " "));
        HttpResponse<String> again = PhoneClient.enrol(tether.httpPort(), code);
        assertEquals(410, again.statusCode());
        assertEquals("code", new JsonObject(again.body()).getString("field"));
        String expiring = code(person);
        db.count("WITH u AS (UPDATE enrolment_codes SET expires_at = now() - interval '1 second'"
                + " WHERE person_id = ?::uuid AND used_at IS NULL AND withdrawn_at IS NULL RETURNING 1) SELECT count(*) FROM u",
                person);
        assertEquals(410, status(PhoneClient.enrol(tether.httpPort(), expiring)));
        db.count("WITH d AS (DELETE FROM enrolment_attempts RETURNING 1) SELECT count(*) FROM d");
    }

    @Test
    void guessingCodesIsRateLimitedPerAddress() {
        db.count("WITH d AS (DELETE FROM enrolment_attempts RETURNING 1) SELECT count(*) FROM d");
        String person = person();
        String good = code(person);
        for (int i = 0; i < 5; i++) {
            assertEquals(404, status(PhoneClient.enrol(tether.httpPort(), "2222-222" + (i + 2))));
        }
        HttpResponse<String> limited = PhoneClient.enrol(tether.httpPort(), good);
        assertEquals(429, limited.statusCode(), limited.body());
        assertTrue(limited.headers().firstValue("Retry-After").isPresent());
        assertEquals("code", new JsonObject(limited.body()).getString("field"));
        db.count("WITH d AS (DELETE FROM enrolment_attempts RETURNING 1) SELECT count(*) FROM d");
        assertEquals(201, status(PhoneClient.enrol(tether.httpPort(), good)));
    }

    @Test
    void aNewPhoneRevokesTheOldOneAndAnExpiredTokenIsRefused() {
        String person = person();
        Enrolled first = PhoneClient.enrolled(tether.httpPort(), code(person));
        Enrolled second = PhoneClient.enrolled(tether.httpPort(), code(person));
        assertNotEquals(first.answer().getString("deviceId"), second.answer().getString("deviceId"));
        HttpResponse<String> revoked = first.phone().send("POST", "/check-ins", PhoneClient.fix(LAT, LON, 10));
        assertEquals(401, revoked.statusCode());
        assertEquals("application/problem+json", revoked.headers().firstValue("Content-Type").orElse(""));
        assertEquals(201, second.phone().send("POST", "/check-ins", PhoneClient.fix(LAT, LON, 10)).statusCode());
        // The old phone's MQTT login is gone too; the new one works.
        JsonObject oldMqtt = first.answer().getJsonObject("mqtt");
        assertThrows(RuntimeException.class, () -> new TestDevice(first.answer().getString("deviceId"),
                oldMqtt.getString("username"), oldMqtt.getString("password"), tether.mqttPort()).close());
        JsonObject newMqtt = second.answer().getJsonObject("mqtt");
        new TestDevice(second.answer().getString("deviceId"), newMqtt.getString("username"), newMqtt.getString("password"),
                tether.mqttPort()).close();
        assertEquals(null, tether.get("/api/devices/" + first.answer().getString("deviceId")).bodyAsJsonObject()
                .getString("personId"));

        db.count("WITH u AS (UPDATE phone_enrolments SET expires_at = now() - interval '1 second'"
                + " WHERE person_id = ?::uuid AND revoked_at IS NULL RETURNING 1) SELECT count(*) FROM u", person);
        assertEquals(401, second.phone().send("GET", "/location-checks", null).statusCode());
        assertEquals(401, new PhoneClient(tether.httpPort(), null).send("GET", "/location-checks", null).statusCode());
    }

    @Test
    void aPhoneUnboundByStaffLosesItsAppLogin() {
        String person = person();
        Enrolled phone = PhoneClient.enrolled(tether.httpPort(), code(person));
        assertEquals(201, phone.phone().send("POST", "/check-ins", PhoneClient.fix(LAT, LON, 10)).statusCode());
        assertEquals(204, tether.officer().delete("/api/devices/" + phone.answer().getString("deviceId")
                + "/binding?reason=lost").statusCode());
        assertEquals(401, phone.phone().send("GET", "/location-checks", null).statusCode());
        assertEquals(0, db.count("SELECT count(*) FROM phone_enrolments WHERE person_id = ?::uuid AND revoked_at IS NULL",
                person));
    }

    @Test
    void aPhoneActsOnlyForItsOwnPerson() {
        String alice = person();
        String bob = person();
        Enrolled a = PhoneClient.enrolled(tether.httpPort(), code(alice));
        Enrolled b = PhoneClient.enrolled(tether.httpPort(), code(bob));
        String aliceCheckIn = new JsonObject(a.phone().send("POST", "/check-ins", PhoneClient.fix(LAT, LON, 10)).body())
                .getString("id");
        HttpResponse<String> photo = b.phone().putBytes("/check-ins/" + aliceCheckIn + "/photo", "image/jpeg", JPEG);
        assertEquals(403, photo.statusCode());
        assertEquals("checkInId", new JsonObject(photo.body()).getString("field"));
        String aliceCheck = tether.post("/api/persons/" + alice + "/location-checks", new JsonObject())
                .bodyAsJsonObject().getString("id");
        HttpResponse<String> answer = b.phone().send("POST", "/location-checks/" + aliceCheck + "/answer",
                PhoneClient.fix(LAT, LON, 10));
        assertEquals(403, answer.statusCode());
        assertEquals(0, new JsonObject(b.phone().send("GET", "/location-checks", null).body()).getJsonArray("items").size());
        assertEquals(404, b.phone().send("POST", "/location-checks/" + java.util.UUID.randomUUID() + "/answer",
                PhoneClient.fix(LAT, LON, 10)).statusCode());
    }

    @Test
    void checkInsOutsideTheWindowOrTheAreaAreRecordedAsSuchAndStaleFixesAreRefused() {
        String person = person();
        Enrolled e = PhoneClient.enrolled(tether.httpPort(), code(person));
        // Only tomorrow's window: now is outside every window (a late or early check-in).
        int tomorrow = Instant.now().atZone(SHANGHAI).plusDays(1).getDayOfWeek().getValue();
        assertEquals(200, tether.put("/api/persons/" + person + "/check-in-schedule", new JsonObject()
                .put("days", new JsonArray().add(tomorrow)).put("windowStart", "08:00").put("windowEnd", "20:00"))
                .statusCode());
        JsonObject late = new JsonObject(e.phone().send("POST", "/check-ins", PhoneClient.fix(LAT, LON, 10)).body());
        assertFalse(late.getBoolean("inWindow"));
        assertEquals(null, late.getValue("window"));
        JsonObject outside = new JsonObject(e.phone().send("POST", "/check-ins", PhoneClient.fix(LAT + 0.05, LON, 10)).body());
        assertEquals("OUTSIDE", outside.getString("area"));
        JsonObject coarse = new JsonObject(e.phone().send("POST", "/check-ins",
                PhoneClient.fix(LAT + 0.03, LON, 5_000)).body());
        assertEquals("UNCERTAIN", coarse.getString("area"));
        HttpResponse<String> stale = e.phone().send("POST", "/check-ins",
                PhoneClient.fix(Instant.now().minus(Duration.ofMinutes(10)), LAT, LON, 10));
        assertEquals(422, stale.statusCode());
        assertEquals("fix.time", new JsonObject(stale.body()).getString("field"));
        HttpResponse<String> placeholder = e.phone().send("POST", "/check-ins", PhoneClient.fix(0, 0, 10));
        assertEquals(400, placeholder.statusCode());
        assertEquals("fix.lat", new JsonObject(placeholder.body()).getString("field"));
        HttpResponse<String> missing = e.phone().send("POST", "/check-ins", new JsonObject().put("fix",
                new JsonObject().put("lat", LAT).put("lon", LON).put("accuracy", 10)));
        assertEquals("fix.time", new JsonObject(missing.body()).getString("field"));
        assertEquals(3, db.count("SELECT count(*) FROM check_ins WHERE person_id = ?::uuid AND window_opens_at IS NULL",
                person));
    }

    @Test
    void aClosedWindowWithoutACheckInRaisesMissedCheckInOnceEvenAcrossARestartAfterAReminder() throws Exception {
        String person = person();
        Enrolled e = PhoneClient.enrolled(tether.httpPort(), code(person));
        String token = "ok-reminder-" + person;
        assertEquals(204, e.phone().send("PUT", "/push-token", new JsonObject().put("token", token)).statusCode());
        LocalTime now = LocalTime.now(SHANGHAI).truncatedTo(ChronoUnit.SECONDS);
        int today = Instant.now().atZone(SHANGHAI).getDayOfWeek().getValue();
        assertEquals(200, tether.put("/api/persons/" + person + "/check-in-schedule", new JsonObject()
                .put("days", new JsonArray().add(today)).put("windowStart", now.minusSeconds(30).toString())
                .put("windowEnd", now.plusSeconds(4).toString())).statusCode());
        // The reminder goes out before the window closes (zh-CN).
        Await.until("reminder push", Duration.ofSeconds(20), () -> fcm.requests(token) == 1);
        JsonObject reminder = fcm.messages().stream().filter(m -> token.equals(m.getString("token"))).findFirst().orElseThrow();
        assertEquals("报到提醒", reminder.getJsonObject("notification").getString("title"));
        Await.until("MISSED_CHECK_IN", Duration.ofSeconds(30), () -> alerts(person, "MISSED_CHECK_IN") == 1);

        tether.close();
        tether = startServer();
        Thread.sleep(4_000); // several watch rounds on the restarted server
        assertEquals(1, alerts(person, "MISSED_CHECK_IN"));
        assertEquals(1, db.count("SELECT occurrences FROM alerts WHERE person_id = ?::uuid AND type = 'MISSED_CHECK_IN'",
                person));
        assertEquals(1, fcm.requests(token), "one reminder per window");
        JsonArray pushes = tether.get("/api/persons/" + person + "/push-messages").bodyAsJsonObject().getJsonArray("items");
        assertEquals("DELIVERED", pushes.getJsonObject(0).getString("delivery"));
    }

    @Test
    void anUnansweredLocationCheckRaisesAnAlertAndALateAnswerClearsItsCondition() {
        String person = person();
        Enrolled e = PhoneClient.enrolled(tether.httpPort(), code(person));
        String checkId = tether.post("/api/persons/" + person + "/location-checks",
                new JsonObject().put("answerWithinSeconds", 5)).bodyAsJsonObject().getString("id");
        Await.until("LOCATION_CHECK_UNANSWERED", Duration.ofSeconds(30),
                () -> alerts(person, "LOCATION_CHECK_UNANSWERED") == 1);
        // No push token was registered: the push is "not delivered", which the officer sees.
        JsonObject view = tether.get("/api/persons/" + person + "/location-checks").bodyAsJsonObject()
                .getJsonArray("items").getJsonObject(0);
        assertEquals("OPEN", view.getString("state"));
        assertEquals("NOT_DELIVERED", view.getJsonObject("push").getString("delivery"));
        assertTrue(view.getJsonObject("push").getString("failure").startsWith("NO_PUSH_TOKEN"), view.encode());
        HttpResponse<String> late = e.phone().send("POST", "/location-checks/" + checkId + "/answer",
                PhoneClient.fix(LAT, LON, 10));
        assertEquals(200, late.statusCode(), late.body());
        assertTrue(new JsonObject(late.body()).getBoolean("late"));
        long alertId = db.count("SELECT id FROM alerts WHERE person_id = ?::uuid AND type = 'LOCATION_CHECK_UNANSWERED'",
                person);
        JsonObject alert = tether.get("/api/alerts/" + alertId).bodyAsJsonObject();
        assertTrue(alert.getBoolean("conditionCleared"), alert.encode());
        assertEquals(1, alerts(person, "LOCATION_CHECK_UNANSWERED"));
    }

    @Test
    void fcmUnregisteredRemovesTheTokenAndTransientErrorsAreRetried() {
        String gone = person();
        Enrolled g = PhoneClient.enrolled(tether.httpPort(), code(gone));
        String goneToken = "gone-" + gone;
        g.phone().send("PUT", "/push-token", new JsonObject().put("token", goneToken));
        assertEquals(201, tether.post("/api/persons/" + gone + "/location-checks", new JsonObject()).statusCode());
        Await.until("token dropped", Duration.ofSeconds(20), () -> db.count(
                "SELECT count(*) FROM phone_enrolments WHERE person_id = ?::uuid AND push_token IS NULL", gone) == 1);
        JsonObject failed = tether.get("/api/persons/" + gone + "/push-messages").bodyAsJsonObject()
                .getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(m -> "LOCATION_CHECK".equals(m.getString("kind"))).findFirst().orElseThrow();
        assertEquals("NOT_DELIVERED", failed.getString("delivery"));
        assertTrue(failed.getString("failure").startsWith("UNREGISTERED"), failed.encode());
        assertEquals(1, fcm.requests(goneToken, "LOCATION_CHECK"));

        // 500 twice: the outbox retries with backoff until FCM accepts (three attempts, one request each).
        String flaky = person();
        Enrolled f = PhoneClient.enrolled(tether.httpPort(), code(flaky));
        String flakyToken = "flaky2-" + flaky;
        f.phone().send("PUT", "/push-token", new JsonObject().put("token", flakyToken));
        // A slow FCM (first answer after the read timeout) is retried too.
        String slow = person();
        Enrolled s = PhoneClient.enrolled(tether.httpPort(), code(slow));
        String slowToken = "slow-" + slow;
        s.phone().send("PUT", "/push-token", new JsonObject().put("token", slowToken));
        assertEquals(201, tether.post("/api/persons/" + flaky + "/location-checks", new JsonObject()).statusCode());
        assertEquals(201, tether.post("/api/persons/" + slow + "/location-checks", new JsonObject()).statusCode());
        Await.until("flaky push delivered", Duration.ofSeconds(60), () -> db.count(
                "SELECT count(*) FROM push_messages WHERE person_id = ?::uuid AND kind = 'LOCATION_CHECK' AND state = 'SENT'",
                flaky) == 1);
        assertEquals(3, fcm.requests(flakyToken, "LOCATION_CHECK"));
        assertEquals(3, db.count("SELECT attempts FROM push_messages WHERE person_id = ?::uuid AND kind = 'LOCATION_CHECK'",
                flaky));
        Await.until("slow push delivered", Duration.ofSeconds(60), () -> db.count(
                "SELECT count(*) FROM push_messages WHERE person_id = ?::uuid AND kind = 'LOCATION_CHECK' AND state = 'SENT'",
                slow) == 1);
        assertTrue(fcm.requests(slowToken, "LOCATION_CHECK") >= 2);
    }

    private int status(HttpResponse<String> r) {
        return r.statusCode();
    }

    private String person() {
        var r = tether.post("/api/persons", new JsonObject().put("displayName", "对象")
                .put("zoneIds", new JsonArray().add(zoneId)));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getString("id");
    }

    private String code(String person) {
        var r = tether.post("/api/persons/" + person + "/enrolment-codes", new JsonObject());
        assertEquals(201, r.statusCode(), r.bodyAsString());
        String code = r.bodyAsJsonObject().getString("code");
        assertNotNull(code);
        assertTrue(code.matches("[2-9A-Z]{4}-[2-9A-Z]{4}"), code);
        return code;
    }

    /** Every day, from an hour ago to an hour ahead (Asia/Shanghai), unless that crosses midnight. */
    private void scheduleOpenNow(String person) {
        LocalTime now = LocalTime.now(SHANGHAI);
        LocalTime start = now.isBefore(LocalTime.of(1, 0)) ? LocalTime.MIN : now.minusHours(1);
        LocalTime end = now.isAfter(LocalTime.of(22, 58)) ? LocalTime.of(23, 59, 59) : now.plusHours(1);
        var r = tether.put("/api/persons/" + person + "/check-in-schedule", new JsonObject()
                .put("days", new JsonArray().add(1).add(2).add(3).add(4).add(5).add(6).add(7))
                .put("windowStart", start.truncatedTo(ChronoUnit.SECONDS).toString())
                .put("windowEnd", end.truncatedTo(ChronoUnit.SECONDS).toString()));
        assertEquals(200, r.statusCode(), r.bodyAsString());
    }

    private long alerts(String person, String type) {
        return db.count("SELECT count(*) FROM alerts WHERE person_id = ?::uuid AND type = ?", person, type);
    }
}
