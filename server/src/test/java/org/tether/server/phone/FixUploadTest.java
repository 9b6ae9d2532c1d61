package org.tether.server.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tether.server.support.Await;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.PhoneClient;
import org.tether.server.support.PhoneClient.Enrolled;
import org.tether.server.support.RunningTether;
import org.tether.server.support.TestCertificate;
import org.tether.server.support.TestDatabase;
import org.tether.server.support.Teardown;
import org.tether.server.support.TestDevice;

/**
 * The phone's offline upload ({@code POST /phone/v1/fixes}) against the real server serving HTTPS only
 * (a certificate made at test time), the real database and the embedded broker: a buffered batch goes
 * through the MQTT path's validation, dedup, geofence evaluation and dead letters, and the answer —
 * one result per fix — comes after the commit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FixUploadTest {

    private static final double LAT = 30.27;
    private static final double LON = 120.15;
    /** About 5.5 km north: outside the 3 km inclusion circle beyond any buffer. */
    private static final double OUT_LAT = LAT + 0.05;
    private static final String JSON = "application/json";

    private TestDatabase db;
    private TestCertificate certificate;
    private RunningTether tether;
    private String zoneId;

    @BeforeAll
    void start() {
        db = TestDatabase.create();
        certificate = TestCertificate.generate();
        tether = RunningTether.startTls(db, BrokerKind.EMBEDDED_HIVEMQ, Map.of(), certificate);
        zoneId = tether.inclusionCircle("县", LON, LAT, 3000);
    }

    @AfterAll
    void stop() {
        Teardown.all(tether, certificate, db::drop);
    }

    @Test
    void theServerSpeaksOnlyHttpsAndServesTheUploadInItsContract() {
        HttpResponse<String> contract = new PhoneClient(tether.target(), null).send("GET", "/openapi.yaml", null);
        assertEquals(200, contract.statusCode());
        assertTrue(contract.body().contains("/fixes:"), "the contract lacks the upload");
        assertTrue(tether.target().base().startsWith("https://"));
        // Plain HTTP on the same port gets no HTTP answer at all: tokens never cross a plain socket.
        HttpRequest plain = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tether.httpPort() + "/health"))
                .timeout(Duration.ofSeconds(10)).build();
        assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(plain, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void aBufferedBatchIsStoredEvaluatedAndRaisesOutOfAreaAndARetryIsAllDuplicates() {
        Phone p = enrolledPhone();
        Instant base = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        List<JsonObject> fixes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fixes.add(TestDevice.fix(i + 1, base.plus(i, ChronoUnit.MINUTES), LAT, LON, 10));
        }
        for (int i = 0; i < 4; i++) {
            fixes.add(TestDevice.fix(i + 4, base.plus(12 + i, ChronoUnit.MINUTES), OUT_LAT, LON, 10));
        }
        // A buffer comes in any order: newest first here.
        JsonArray newestFirst = new JsonArray();
        for (int i = fixes.size() - 1; i >= 0; i--) {
            newestFirst.add(fixes.get(i));
        }
        long acceptedBefore = metric("tether_uploaded_fixes_total{result=\"accepted\"}");

        JsonObject receipt = ok(p.client().postBytes("/fixes", JSON, batch(newestFirst)));
        assertEquals(7, receipt.getInteger("accepted"), receipt.encodePrettily());
        assertEquals(0, receipt.getInteger("duplicates"));
        assertEquals(0, receipt.getInteger("rejected"));
        JsonArray results = receipt.getJsonArray("results");
        for (int i = 0; i < 7; i++) {
            JsonObject r = results.getJsonObject(i);
            assertEquals(i, r.getInteger("index"));
            assertEquals("ACCEPTED", r.getString("status"));
            assertEquals("ACCEPTED", r.getString("fixClass"), r.encode());
        }
        // Durable before the answer: no waiting needed.
        assertEquals(7, positions(p.deviceId()));
        assertEquals(1, db.count("SELECT count(*) FROM alerts WHERE person_id = ?::uuid AND type = 'OUT_OF_AREA'"
                + " AND state = 'OPEN'", p.personId()));
        assertEquals(7, metric("tether_uploaded_fixes_total{result=\"accepted\"}") - acceptedBefore);

        // The app lost the answer and sends the batch again: nothing doubles, the alert is not repeated.
        long occurrences = db.count("SELECT occurrences FROM alerts WHERE person_id = ?::uuid AND type = 'OUT_OF_AREA'",
                p.personId());
        JsonObject again = ok(p.client().postBytes("/fixes", JSON, batch(newestFirst)));
        assertEquals(0, again.getInteger("accepted"));
        assertEquals(7, again.getInteger("duplicates"), again.encodePrettily());
        assertEquals("DUPLICATE", again.getJsonArray("results").getJsonObject(3).getString("status"));
        assertNull(again.getJsonArray("results").getJsonObject(3).getString("fixClass"));
        assertEquals(7, positions(p.deviceId()));
        assertEquals(occurrences, db.count("SELECT occurrences FROM alerts WHERE person_id = ?::uuid"
                + " AND type = 'OUT_OF_AREA'", p.personId()));
        assertEquals(0, db.count("SELECT count(*) FROM dead_letters WHERE device_id = ?", p.deviceId()));
    }

    @Test
    void aFixSentOverMqttAndThenUploadedIsStoredOnce() {
        Phone p = enrolledPhone();
        Instant t = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        JsonObject sent = TestDevice.fix(41, t, LAT, LON, 8);
        try (TestDevice mqtt = new TestDevice(p.deviceId(), p.mqttUser(), p.mqttPassword(), tether.mqttPort())) {
            mqtt.sendRaw(new JsonObject().put("v", 1).put("fixes", new JsonArray().add(sent)).encode());
            Await.until("the MQTT fix stored", Duration.ofSeconds(20), () -> positions(p.deviceId()) == 1);
        }
        // The same fix; the same sequence number re-stamped a second later (the seq rule); one new fix.
        JsonObject restamped = TestDevice.fix(41, t.plusSeconds(1), LAT, LON, 8);
        JsonObject fresh = TestDevice.fix(42, t.plus(1, ChronoUnit.MINUTES), LAT, LON, 8);
        JsonObject receipt = ok(p.client().postBytes("/fixes", JSON, batch(new JsonArray().add(sent).add(restamped)
                .add(fresh))));
        JsonArray results = receipt.getJsonArray("results");
        assertEquals("DUPLICATE", results.getJsonObject(0).getString("status"), receipt.encodePrettily());
        assertEquals("DUPLICATE", results.getJsonObject(1).getString("status"), receipt.encodePrettily());
        assertEquals("ACCEPTED", results.getJsonObject(2).getString("status"));
        assertEquals(2, positions(p.deviceId()));
        assertEquals(1, db.count("SELECT count(*) FROM positions WHERE device_id = ? AND seq = 41", p.deviceId()));

        // After a reboot the device counts from the start again: seq 41 again, minutes later and elsewhere, is a
        // new fix, not a re-send, and must be stored (a duplicate would be evaluated but never kept).
        JsonObject afterReboot = TestDevice.fix(41, t.plus(3, ChronoUnit.MINUTES), LAT + 0.002, LON, 8);
        JsonObject rebooted = ok(p.client().postBytes("/fixes", JSON, batch(new JsonArray().add(afterReboot))));
        assertEquals("ACCEPTED", rebooted.getJsonArray("results").getJsonObject(0).getString("status"),
                rebooted.encodePrettily());
        assertEquals(2, db.count("SELECT count(*) FROM positions WHERE device_id = ? AND seq = 41", p.deviceId()));
    }

    @Test
    void badFixesAreDeadLetteredWithTheirReasonsAndTheOthersStoredWithTheirClass() {
        Phone p = enrolledPhone();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long outOfRangeBefore = metric("tether_dead_letters_total{channel=\"https\",reason=\"coordinate_out_of_range\"}");
        long accuracyBefore = metric("tether_dead_letters_total{channel=\"https\",reason=\"invalid_accuracy\"}");
        JsonObject missingLat = TestDevice.fix(9, now.minusSeconds(100), LAT, LON, 10);
        missingLat.remove("lat");
        JsonArray fixes = new JsonArray()
                .add(TestDevice.fix(1, now.minusSeconds(300), LAT, LON, 10))                          // 0 good
                .add(TestDevice.fix(2, now.minusSeconds(290), 123.4, LON, 10))                         // 1 lat out of range
                .add(TestDevice.fix(3, now.minusSeconds(280), 0, 0, 10))                               // 2 "no fix" placeholder
                .add(TestDevice.fix(4, now.minusSeconds(270), LAT, LON, 0))                            // 3 accuracy 0
                .add(TestDevice.fix(5, now.plus(2, ChronoUnit.DAYS), LAT, LON, 10))                    // 4 two days ahead
                .add(TestDevice.fix(6, now.minusSeconds(260), LAT, LON, 10).put("time", now.getEpochSecond())) // 5 seconds
                .add(missingLat)                                                                       // 6 no lat
                .add(TestDevice.fix(7, now.plus(10, ChronoUnit.MINUTES), LAT, LON, 10))                // 7 FUTURE class
                .add(TestDevice.fix(8, now.minusSeconds(240), LAT + 2, LON, 10));                     // 8 ~220 km in 60 s
        JsonObject receipt = ok(p.client().postBytes("/fixes", JSON, batch(fixes)));
        assertEquals(3, receipt.getInteger("accepted"), receipt.encodePrettily());
        assertEquals(6, receipt.getInteger("rejected"));
        JsonArray r = receipt.getJsonArray("results");
        assertEquals(9, r.size());
        assertResult(r, 0, "ACCEPTED", "ACCEPTED", null);
        assertResult(r, 1, "REJECTED", null, "coordinate_out_of_range");
        assertResult(r, 2, "REJECTED", null, "coordinate_out_of_range");
        assertResult(r, 3, "REJECTED", null, "invalid_accuracy");
        assertResult(r, 4, "REJECTED", null, "timestamp_out_of_range");
        assertResult(r, 5, "REJECTED", null, "timestamp_in_seconds");
        assertResult(r, 6, "REJECTED", null, "missing_field");
        assertResult(r, 7, "ACCEPTED", "FUTURE", null);
        assertResult(r, 8, "ACCEPTED", "IMPLAUSIBLE_SPEED", null);
        assertTrue(r.getJsonObject(1).getString("detail").startsWith("fixes[1].lat"), r.encodePrettily());

        // Stored with their classes; the refused ones kept as dead letters of the https channel, with reasons.
        assertEquals(3, positions(p.deviceId()));
        assertEquals("ACCEPTED,FUTURE,IMPLAUSIBLE_SPEED", db.text("SELECT string_agg(fix_class, ',' ORDER BY fix_class)"
                + " FROM positions WHERE device_id = ?", p.deviceId()));
        assertEquals("coordinate_out_of_range,coordinate_out_of_range,invalid_accuracy,missing_field,"
                + "timestamp_in_seconds,timestamp_out_of_range", db.text("SELECT string_agg(reason, ',' ORDER BY reason)"
                + " FROM dead_letters WHERE device_id = ? AND channel = 'https'", p.deviceId()));
        assertEquals(1, db.count("SELECT count(*) FROM dead_letters WHERE device_id = ? AND detail LIKE 'fixes[3].%'"
                + " AND topic = 'POST /phone/v1/fixes' AND convert_from(payload, 'UTF8') LIKE '%\"accuracy\":0%'",
                p.deviceId()));
        assertEquals(2, metric("tether_dead_letters_total{channel=\"https\",reason=\"coordinate_out_of_range\"}")
                - outOfRangeBefore);
        assertEquals(1, metric("tether_dead_letters_total{channel=\"https\",reason=\"invalid_accuracy\"}") - accuracyBefore);
    }

    @Test
    void aBatchNamingAnotherDeviceIsRefusedAsDeviceMismatch() {
        Phone mine = enrolledPhone();
        Phone other = enrolledPhone();
        long before = metric("tether_dead_letters_total{channel=\"https\",reason=\"device_mismatch\"}");
        byte[] spoofed = new JsonObject().put("v", 1).put("deviceId", other.deviceId()).put("fixes", new JsonArray()
                .add(TestDevice.fix(1, Instant.now().minusSeconds(60), LAT, LON, 10))).encode()
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = mine.client().postBytes("/fixes", JSON, spoofed);
        assertEquals(403, r.statusCode(), r.body());
        assertProblem(r, "deviceId");
        assertEquals(0, positions(mine.deviceId()));
        assertEquals(0, positions(other.deviceId()));
        assertEquals(1, db.count("SELECT count(*) FROM dead_letters WHERE device_id = ? AND reason = 'device_mismatch'"
                + " AND channel = 'https'", mine.deviceId()));
        assertEquals(1, metric("tether_dead_letters_total{channel=\"https\",reason=\"device_mismatch\"}") - before);
        // Naming its own device is fine.
        byte[] own = new JsonObject().put("v", 1).put("deviceId", mine.deviceId()).put("fixes", new JsonArray()
                .add(TestDevice.fix(1, Instant.now().minusSeconds(60), LAT, LON, 10))).encode()
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(1, ok(mine.client().postBytes("/fixes", JSON, own)).getInteger("accepted"));
    }

    @Test
    void aFixOlderThanTheLastAcceptedIsLateStoredAndMovesNoState() {
        Phone p = enrolledPhone();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JsonArray recent = new JsonArray();
        for (int i = 3; i >= 1; i--) {
            recent.add(TestDevice.fix(100 - i, now.minus(i, ChronoUnit.MINUTES), LAT, LON, 10));
        }
        assertEquals(3, ok(p.client().postBytes("/fixes", JSON, batch(recent))).getInteger("accepted"));
        // An older backlog, outside the area: stored as LATE, never evaluated, so no alert and no state change.
        JsonArray older = new JsonArray();
        for (int i = 0; i < 4; i++) {
            older.add(TestDevice.fix(10 + i, now.minus(20 - i, ChronoUnit.MINUTES), OUT_LAT, LON, 10));
        }
        String stateBefore = db.text("SELECT state::text FROM geofence_states WHERE person_id = ?::uuid", p.personId());
        JsonObject receipt = ok(p.client().postBytes("/fixes", JSON, batch(older)));
        assertEquals(4, receipt.getInteger("accepted"), receipt.encodePrettily());
        for (Object o : receipt.getJsonArray("results")) {
            assertEquals("LATE", ((JsonObject) o).getString("fixClass"), receipt.encodePrettily());
        }
        assertEquals(4, db.count("SELECT count(*) FROM positions WHERE device_id = ? AND fix_class = 'LATE'", p.deviceId()));
        assertEquals(0, db.count("SELECT count(*) FROM alerts WHERE person_id = ?::uuid", p.personId()));
        assertEquals(stateBefore, db.text("SELECT state::text FROM geofence_states WHERE person_id = ?::uuid",
                p.personId()));
    }

    @Test
    void withoutATokenOrWithARevokedOneTheUploadIs401AndNothingIsKept() {
        String person = person();
        Enrolled first = PhoneClient.enrolled(tether.target(), code(person));
        PhoneClient.enrolled(tether.target(), code(person)); // a new phone revokes the first
        byte[] body = batch(new JsonArray().add(TestDevice.fix(1, Instant.now().minusSeconds(30), LAT, LON, 10)));
        HttpResponse<String> revoked = first.phone().postBytes("/fixes", JSON, body);
        assertEquals(401, revoked.statusCode());
        assertProblem(revoked, null);
        HttpResponse<String> anonymous = new PhoneClient(tether.target(), null).postBytes("/fixes", JSON, body);
        assertEquals(401, anonymous.statusCode());
        assertEquals(0, positions(first.answer().getString("deviceId")));
        assertEquals(0, db.count("SELECT count(*) FROM dead_letters WHERE device_id = ?", first.answer().getString("deviceId")));
    }

    @Test
    void oversizeAndMalformedBatchesAreProblemsNamingTheField() {
        Phone p = enrolledPhone();
        JsonArray many = new JsonArray();
        Instant t = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 501; i++) {
            many.add(TestDevice.fix(i, t.plusSeconds(i), LAT, LON, 10));
        }
        HttpResponse<String> tooMany = p.client().postBytes("/fixes", JSON, batch(many));
        assertEquals(413, tooMany.statusCode(), tooMany.body());
        assertProblem(tooMany, "fixes");
        assertEquals(1, db.count("SELECT count(*) FROM dead_letters WHERE device_id = ? AND reason = 'batch_too_large'",
                p.deviceId()));

        byte[] huge = new JsonObject().put("v", 1).put("fixes", new JsonArray().add(TestDevice.fix(1, t, LAT, LON, 10)))
                .put("pad", "x".repeat(300 * 1024)).encode().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> tooLarge = p.client().postBytes("/fixes", JSON, huge);
        assertEquals(413, tooLarge.statusCode(), tooLarge.body());
        assertProblem(tooLarge, "fixes");

        HttpResponse<String> version = p.client().postBytes("/fixes", JSON, new JsonObject().put("v", 2)
                .put("fixes", new JsonArray().add(TestDevice.fix(1, t, LAT, LON, 10))).encode().getBytes(StandardCharsets.UTF_8));
        assertEquals(400, version.statusCode());
        assertProblem(version, "v");
        HttpResponse<String> noFixes = p.client().postBytes("/fixes", JSON, "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, noFixes.statusCode());
        assertProblem(noFixes, "fixes");
        HttpResponse<String> broken = p.client().postBytes("/fixes", JSON, "{\"v\":1,\"fixes\":[".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, broken.statusCode());
        assertTrue(new JsonObject(broken.body()).getString("detail").startsWith("malformed_json"), broken.body());
        assertEquals(415, p.client().postBytes("/fixes", "text/plain", "{}".getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals("batch_too_large,malformed_json,missing_field,unsupported_version", db.text(
                "SELECT string_agg(reason, ',' ORDER BY reason) FROM dead_letters WHERE device_id = ?", p.deviceId()));
        assertEquals(0, positions(p.deviceId()));
    }

    // --- helpers

    private record Phone(PhoneClient client, String personId, String deviceId, String mqttUser, String mqttPassword) {
    }

    private Phone enrolledPhone() {
        String person = person();
        Enrolled e = PhoneClient.enrolled(tether.target(), code(person));
        JsonObject mqtt = e.answer().getJsonObject("mqtt");
        return new Phone(e.phone(), person, e.answer().getString("deviceId"), mqtt.getString("username"),
                mqtt.getString("password"));
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
        return r.bodyAsJsonObject().getString("code");
    }

    private static byte[] batch(JsonArray fixes) {
        return new JsonObject().put("v", 1).put("fixes", fixes).encode().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(JSON, r.headers().firstValue("Content-Type").orElse(""));
        return new JsonObject(r.body());
    }

    private static void assertResult(JsonArray results, int index, String status, String fixClass, String reason) {
        JsonObject r = results.getJsonObject(index);
        assertEquals(index, r.getInteger("index"), results.encodePrettily());
        assertEquals(status, r.getString("status"), r.encode());
        assertEquals(fixClass, r.getString("fixClass"), r.encode());
        assertEquals(reason, r.getString("reason"), r.encode());
    }

    private static void assertProblem(HttpResponse<String> r, String field) {
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""), r.body());
        JsonObject problem = new JsonObject(r.body());
        assertEquals(r.statusCode(), problem.getInteger("status"));
        assertEquals(field, problem.getString("field"), r.body());
    }

    private long positions(String deviceId) {
        return db.count("SELECT count(*) FROM positions WHERE device_id = ?", deviceId);
    }

    private long metric(String series) {
        String text = tether.get("/metrics").bodyAsString();
        return text.lines().filter(l -> l.startsWith(series + " ")).mapToLong(l -> (long) Double.parseDouble(
                l.substring(series.length() + 1).trim())).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + series + " in\n" + text));
    }
}
