package org.tether.server.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tether.server.support.Await;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.RunningTether;
import org.tether.server.support.TestDatabase;
import org.tether.server.support.TestDevice;

/**
 * The time-driven alerts and the officer's lifecycle, through the real server, broker and database:
 * NO_SIGNAL, SUSPECTED_ABSCONDING (with its procuratorate notification), LEAVE_OVERDUE, escalation,
 * acknowledge / resolve / major incident, and restart safety (a due alert is raised once, even across
 * a restart). Periods are seconds here so the test needs no clock games; the watches run every second.
 * One server for the class (each test has its own persons); the restart test restarts it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertWatchesIntegrationTest {

    private static final double LAT = 30.27;
    private static final double LON = 120.15;
    private static final Map<String, String> FAST = Map.ofEntries(
            Map.entry("TETHER_ALERTS_WATCHINTERVALSECONDS", "1"),
            Map.entry("TETHER_ALERTS_NOSIGNALSECONDS_STRICT", "4"),
            Map.entry("TETHER_ALERTS_NOSIGNALSECONDS_NORMAL", "600"),
            Map.entry("TETHER_ALERTS_NOSIGNALSECONDS_LENIENT", "600"),
            Map.entry("TETHER_ALERTS_ABSCONDINGNOCONTACTSECONDS", "8"),
            Map.entry("TETHER_ALERTS_ABSCONDINGOUTOFAREASECONDS", "5"),
            Map.entry("TETHER_ALERTS_LEAVERETURNGRACESECONDS", "1"),
            Map.entry("TETHER_ALERTS_ESCALATEAFTERSECONDS", "3"),
            Map.entry("TETHER_ALERTS_SEPARATIONSECONDS", "60"),
            Map.entry("TETHER_ALERTS_SEPARATIONMETERS", "200"),
            Map.entry("TETHER_GEOFENCE_INCLUSION_DWELLFIXES", "2"),
            Map.entry("TETHER_GEOFENCE_INCLUSION_DWELLSECONDS", "0"));

    private TestDatabase db;
    private RunningTether tether;

    @BeforeAll
    void start() {
        db = TestDatabase.create();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, FAST);
    }

    @AfterAll
    void stop() {
        try {
            if (tether != null) {
                tether.close();
            }
        } finally {
            db.drop();
        }
    }

    @Test
    void silenceRaisesNoSignalOnceAFixClearsItAndARestartNeitherLosesNorDoublesTheNextOne() throws Exception {
        String personId = person(null);
        JsonObject device = device(personId, "BRACELET");
        long[] raised = new long[1];
        try (TestDevice bracelet = new TestDevice(device, tether.mqttPort())) {
            bracelet.sendFix(Instant.now(), LAT, LON, 8);
            raised[0] = awaitAlert(personId, "NO_SIGNAL");
            long alertId = raised[0];
            JsonObject alert = alert(alertId);
            assertEquals("HIGH", alert.getString("severity"));
            assertEquals(1, alert.getJsonObject("evidence").getJsonArray("fixes").size(), "the last fix is the evidence");
            assertTrue(alert.getString("rule").startsWith("no fix from any device since"), alert.getString("rule"));

            bracelet.sendFix(Instant.now(), LAT, LON, 8);
            Await.until("the condition cleared by the new fix", Duration.ofSeconds(20),
                    () -> alert(alertId).getBoolean("conditionCleared"));
            assertEquals("OPEN", alert(alertId).getString("state"), "a cleared condition leaves the alert open");
        }

        // The server is down when the next silence falls due; it raises it at start, once.
        long alertId = raised[0];
        tether.close();
        tether = null;
        Thread.sleep(6_000);
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, FAST);
        Await.until("the silence that fell due while down", Duration.ofSeconds(20),
                () -> alert(alertId).getInteger("occurrences") == 2);
        Thread.sleep(3_000); // several more watch rounds
        JsonObject after = alert(alertId);
        assertEquals(2, after.getInteger("occurrences"), "raised twice for one silence");
        assertFalse(after.getBoolean("conditionCleared"));
        assertEquals(1, db.count("SELECT count(*) FROM alerts WHERE person_id = ?::uuid AND type = 'NO_SIGNAL'", personId));
        List<String> actions = actions(after);
        assertEquals(List.of("RAISED", "CONDITION_CLEARED", "REPEATED", "CONDITION_RETURNED"),
                actions.stream().filter(a -> !a.equals("ESCALATED")).toList());
    }

    @Test
    void noContactAtAllBecomesSuspectedAbscondingWithOneProcuratorateNotificationAndEscalates() throws Exception {
        String personId = person(null);
        device(personId, "PHONE");
        long alertId = awaitAlert(personId, "SUSPECTED_ABSCONDING");
        JsonObject alert = alert(alertId);
        assertEquals("CRITICAL", alert.getString("severity"));
        assertTrue(alert.getString("rule").startsWith("no fix and no device event since"), alert.getString("rule"));
        Await.until("escalated, nobody acknowledged it", Duration.ofSeconds(20),
                () -> alert(alertId).getBoolean("escalated"));
        assertTrue(actions(alert(alertId)).contains("ESCALATED"));
        // The county supervisor's queue lists it; the not-escalated view does not.
        var queue = tether.supervisor().get("/api/alerts?escalated=true&personId=" + personId).bodyAsJsonObject();
        List<Long> queued = queue.getJsonArray("items").stream().map(a -> ((JsonObject) a).getLong("id")).toList();
        assertTrue(queued.contains(alertId), queued.toString());
        assertTrue(queue.getJsonArray("items").stream().allMatch(a -> ((JsonObject) a).getBoolean("escalated")));
        assertEquals(0, tether.supervisor().get("/api/alerts?escalated=false&personId=" + personId).bodyAsJsonObject()
                .getJsonArray("items").stream().filter(a -> ((JsonObject) a).getLong("id") == alertId).count());
        assertEquals("escalated", tether.get("/api/alerts?escalated=maybe").bodyAsJsonObject().getString("field"));
        Thread.sleep(3_000);
        assertEquals(1, db.count("SELECT count(*) FROM procuratorate_notifications WHERE person_id = ?::uuid"
                + " AND kind = 'SUSPECTED_ABSCONDING' AND alert_id = ?", personId, alertId));
        assertEquals(1, alert(alertId).getInteger("occurrences"));
    }

    @Test
    void hoursOutOfAreaBecomeSuspectedAbsconding() {
        String zoneId = tether.post("/api/zones", new JsonObject().put("name", "县域").put("kind", "INCLUSION")
                .put("geometry", square(0.02))).bodyAsJsonObject().getString("id");
        String personId = person(zoneId);
        JsonObject device = device(personId, "BRACELET");
        Instant t0 = Instant.now().minusSeconds(900);
        try (TestDevice bracelet = new TestDevice(device, tether.mqttPort())) {
            bracelet.sendFix(t0, LAT, LON, 8);
            bracelet.sendFix(t0.plusSeconds(600), LAT + 0.04, LON, 8);
            bracelet.sendFix(t0.plusSeconds(610), LAT + 0.041, LON, 8);
        }
        awaitAlert(personId, "OUT_OF_AREA");
        long alertId = awaitAlert(personId, "SUSPECTED_ABSCONDING");
        assertTrue(alert(alertId).getString("rule").startsWith("out of area since"), alert(alertId).getString("rule"));
        assertEquals(1, db.count("SELECT count(*) FROM procuratorate_notifications WHERE alert_id = ?", alertId));
    }

    @Test
    void phoneAndBraceletApartForMinutesRaiseSeparationAndTogetherAgainClearIt() {
        String personId = person(null);
        JsonObject bracelet = device(personId, "BRACELET");
        JsonObject phone = device(personId, "PHONE");
        Instant t0 = Instant.now().minusSeconds(300); // the watch looks at the last 2 × 60 s + 5 min
        try (TestDevice b = new TestDevice(bracelet, tether.mqttPort()); TestDevice p = new TestDevice(phone, tether.mqttPort())) {
            // The phone stays home; the bracelet is ~1.1 km north, every 30 s for 3 minutes. Wi-Fi accuracy on
            // the phone (300 m) still leaves them > 200 m apart.
            for (int i = 0; i <= 6; i++) {
                b.sendFix(t0.plusSeconds(30L * i), LAT + 0.01, LON, 10);
                p.sendFix(t0.plusSeconds(30L * i + 5), LAT, LON, 300);
            }
            long alertId = awaitAlert(personId, "SEPARATION");
            JsonObject alert = alert(alertId);
            assertEquals("HIGH", alert.getString("severity"));
            assertTrue(alert.getString("rule").contains("apart"), alert.getString("rule"));
            assertFalse(alert.getBoolean("conditionCleared"));
            // Back together (accuracy radii overlap): the condition ends, the alert stays for the officer.
            b.sendFix(t0.plusSeconds(240), LAT + 0.001, LON, 10);
            p.sendFix(t0.plusSeconds(245), LAT, LON, 100);
            Await.until("separation condition cleared", Duration.ofSeconds(20),
                    () -> alert(alertId).getBoolean("conditionCleared"));
            assertEquals("OPEN", alert(alertId).getString("state"));
        }
    }

    @Test
    void aCloseWifiFixIsNotASeparation() throws InterruptedException {
        String personId = person(null);
        JsonObject bracelet = device(personId, "BRACELET");
        JsonObject phone = device(personId, "PHONE");
        Instant t0 = Instant.now().minusSeconds(300);
        try (TestDevice b = new TestDevice(bracelet, tether.mqttPort()); TestDevice p = new TestDevice(phone, tether.mqttPort())) {
            // 450 m apart by their centres, but the phone's fix is only good to 400 m: not proof of separation.
            for (int i = 0; i <= 6; i++) {
                b.sendFix(t0.plusSeconds(30L * i), LAT + 0.004, LON, 10);
                p.sendFix(t0.plusSeconds(30L * i + 5), LAT, LON, 400);
            }
            // NO_SIGNAL falls due 4 s after the last fix, so the round that raised it (and the next) saw them all.
            awaitAlert(personId, "NO_SIGNAL");
            Thread.sleep(2_500);
            assertEquals(0, db.count("SELECT count(*) FROM alerts WHERE person_id = ?::uuid AND type = 'SEPARATION'", personId));
        }
    }

    @Test
    void aBatteryReportedLowWhileNotChargingRaisesBatteryLowForThatDeviceAndChargingClearsIt() {
        String personId = person(null);
        JsonObject created = device(personId, "BRACELET");
        String deviceId = created.getString("id");
        Instant t0 = Instant.now().minusSeconds(200);
        try (TestDevice d = new TestDevice(created, tether.mqttPort())) {
            d.sendRaw(batch(deviceId, TestDevice.fix(1, t0, LAT, LON, 10).put("battery", 60),
                    TestDevice.fix(2, t0.plusSeconds(30), LAT, LON, 10).put("battery", 18),
                    TestDevice.fix(3, t0.plusSeconds(60), LAT, LON, 10).put("battery", 15)));
            long alertId = awaitAlert(personId, "BATTERY_LOW");
            JsonObject alert = alert(alertId);
            assertEquals(deviceId, alert.getString("deviceId"));
            assertEquals("LOW", alert.getString("severity"));
            assertEquals(2, alert.getJsonObject("evidence").getJsonArray("fixes").size(), "the two low fixes");
            assertTrue(alert.getString("rule").startsWith("battery 15 %"), alert.getString("rule"));

            d.sendRaw(batch(deviceId, TestDevice.fix(4, t0.plusSeconds(90), LAT, LON, 10).put("battery", 14)
                    .put("charging", true)));
            Await.until("charging clears the condition", Duration.ofSeconds(20),
                    () -> alert(alertId).getBoolean("conditionCleared"));
            assertEquals(1, alert(alertId).getInteger("occurrences"));
        }
    }

    @Test
    void anOfficerAcknowledgesThenResolvesWithAReasonAndEveryStepIsInTheHistory() throws Exception {
        String personId = person(null);
        device(personId, "BRACELET");
        long alertId = awaitAlert(personId, "NO_SIGNAL");
        BlockingQueue<JsonObject> stream = tether.openAlertStream();

        var ack = tether.post("/api/alerts/" + alertId + "/acknowledge", new JsonObject());
        assertEquals(200, ack.statusCode(), ack.bodyAsString());
        assertEquals("ACKNOWLEDGED", ack.bodyAsJsonObject().getString("state"));
        assertNotNull(ack.bodyAsJsonObject().getString("acknowledgedAt"));
        JsonObject live = awaitOnStream(stream, alertId, "ACKNOWLEDGED");
        assertNotNull(live, "the acknowledgement did not reach the live stream");
        assertEquals(200, tether.post("/api/alerts/" + alertId + "/acknowledge", new JsonObject()).statusCode(),
                "acknowledging twice is harmless");

        var noNote = tether.post("/api/alerts/" + alertId + "/resolve", new JsonObject().put("resolution", "DEVICE_FAULT"));
        assertEquals(400, noNote.statusCode());
        assertEquals("note", noNote.bodyAsJsonObject().getString("field"));
        var badReason = tether.post("/api/alerts/" + alertId + "/resolve",
                new JsonObject().put("resolution", "CLEARED_ITSELF").put("note", "x"));
        assertEquals("resolution", badReason.bodyAsJsonObject().getString("field"));

        var resolved = tether.post("/api/alerts/" + alertId + "/resolve",
                new JsonObject().put("resolution", "DEVICE_FAULT").put("note", "电池故障，已更换设备"));
        assertEquals(200, resolved.statusCode(), resolved.bodyAsString());
        assertEquals("RESOLVED", resolved.bodyAsJsonObject().getString("state"));
        assertEquals("DEVICE_FAULT", resolved.bodyAsJsonObject().getString("resolution"));
        assertEquals(409, tether.post("/api/alerts/" + alertId + "/resolve",
                new JsonObject().put("resolution", "OTHER").put("note", "again")).statusCode());
        assertEquals(409, tether.post("/api/alerts/" + alertId + "/acknowledge", new JsonObject()).statusCode());

        List<String> actions = actions(alert(alertId));
        assertEquals("RAISED", actions.get(0));
        assertTrue(actions.indexOf("ACKNOWLEDGED") < actions.indexOf("RESOLVED"), actions.toString());
        assertEquals(404, tether.get("/api/alerts/999999").statusCode());
        assertEquals(400, tether.get("/api/alerts/abc").statusCode());
        // History is append-only, whoever asks.
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> db.count("WITH d AS (DELETE FROM alert_history RETURNING 1) SELECT count(*) FROM d"));
        assertTrue(refused.getCause().getMessage().contains("append-only"), refused.getCause().getMessage());
    }

    @Test
    void theSilencePeriodIsTheTiersAndAnEndedSupervisionIsNotWatched() throws InterruptedException {
        String strict = person(null);
        device(strict, "PHONE");
        String normal = person(null);
        assertEquals(200, tether.officer().patch("/api/persons/" + normal, new JsonObject().put("tier", "NORMAL")).statusCode());
        device(normal, "PHONE");
        String ended = person(null);
        device(ended, "PHONE");
        var end = tether.officer().patch("/api/persons/" + ended, new JsonObject().put("status", "ENDED")
                .put("endedOn", java.time.LocalDate.now().toString()));
        assertEquals(200, end.statusCode(), end.bodyAsString());
        awaitAlert(strict, "NO_SIGNAL");
        Thread.sleep(2_500);
        assertEquals(0, db.count("SELECT count(*) FROM alerts WHERE person_id = ?::uuid", normal), "普管 allows 10 minutes here");
        assertEquals(0, db.count("SELECT count(*) FROM alerts WHERE person_id = ?::uuid", ended), "supervision ended");
    }

    @Test
    void anOrderEndingWithin7DaysWarnsItsExtensionClearsItAndAnOrderEndedAsksForRemoval() throws InterruptedException {
        String personId = person(null);
        var order = tether.supervisor().post("/api/persons/" + personId + "/em-orders", new JsonObject()
                .put("ground", "VIOLATED_PROHIBITION_ORDER")
                .put("endsAt", java.time.OffsetDateTime.now().plusDays(3).toString()));
        assertEquals(201, order.statusCode(), order.bodyAsString());
        String orderId = order.bodyAsJsonObject().getString("id");
        var bracelet = tether.post("/api/devices", new JsonObject().put("id", "BR-" + UUID.randomUUID().toString().substring(0, 8))
                .put("kind", "BRACELET").put("personId", personId));
        assertEquals(201, bracelet.statusCode(), bracelet.bodyAsString());
        long alertId = awaitAlert(personId, "EM_ORDER_EXPIRING");
        assertTrue(alert(alertId).getString("rule").contains(orderId), alert(alertId).getString("rule"));
        var extension = tether.supervisor().post("/api/em-orders/" + orderId + "/extensions", new JsonObject()
                .put("ground", "VIOLATED_PROHIBITION_ORDER")
                .put("endsAt", java.time.OffsetDateTime.now().plusMonths(2).toString()));
        assertEquals(201, extension.statusCode(), extension.bodyAsString());
        Await.until("the extension clears the warning", Duration.ofSeconds(20),
                () -> alert(alertId).getBoolean("conditionCleared"));

        // An order that runs out with the bracelet still on: removal is requested.
        String other = person(null);
        var shortOrder = tether.supervisor().post("/api/persons/" + other + "/em-orders", new JsonObject()
                .put("ground", "REFUSED_TO_REPORT_AFTER_WARNING")
                .put("endsAt", java.time.OffsetDateTime.now().plusSeconds(6).toString()));
        assertEquals(201, shortOrder.statusCode(), shortOrder.bodyAsString());
        assertEquals(201, tether.post("/api/devices", new JsonObject().put("id", "BR-" + UUID.randomUUID().toString().substring(0, 8))
                .put("kind", "BRACELET").put("personId", other)).statusCode());
        long warning = awaitAlert(other, "EM_ORDER_EXPIRING");
        Await.until("removal requested at the end", Duration.ofSeconds(30),
                () -> alert(warning).getString("rule").contains("remove the bracelet"));
        assertEquals(2, alert(warning).getInteger("occurrences"));
    }

    @Test
    void anotherOfficesOfficerSeesNoneOfItAndAProcuratorCannotAct() {
        String personId = person(null);
        device(personId, "PHONE");
        long alertId = awaitAlert(personId, "NO_SIGNAL");
        var agency = tether.org().agencyId();
        var office = tether.admin().post("/api/offices", new JsonObject().put("kind", "JUSTICE_OFFICE")
                .put("name", "另一司法所-" + UUID.randomUUID().toString().substring(0, 4)).put("parentId", agency));
        assertEquals(201, office.statusCode(), office.bodyAsString());
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        assertEquals(201, tether.admin().post("/api/staff", org.tether.server.support.TestOrg.staff("other-" + suffix,
                "OFFICER", office.bodyAsJsonObject().getString("id"))).statusCode());
        assertEquals(201, tether.admin().post("/api/staff", org.tether.server.support.TestOrg.staff("proc-" + suffix,
                "PROCURATOR", agency)).statusCode());
        var stranger = tether.session("other-" + suffix, org.tether.server.support.TestOrg.PASSWORD);
        assertEquals(404, stranger.get("/api/alerts/" + alertId).statusCode());
        assertEquals(404, stranger.post("/api/alerts/" + alertId + "/acknowledge", new JsonObject()).statusCode());
        assertEquals(0, stranger.get("/api/alerts").bodyAsJsonObject().getJsonArray("items").size());
        var procurator = tether.session("proc-" + suffix, org.tether.server.support.TestOrg.PASSWORD);
        assertEquals(200, procurator.get("/api/alerts/" + alertId).statusCode());
        assertEquals(403, procurator.post("/api/alerts/" + alertId + "/acknowledge", new JsonObject()).statusCode());
        // Reading the evidence (positions) is audited.
        assertTrue(db.count("SELECT count(*) FROM audit_log WHERE action = 'alert.evidence.read' AND target_id = ?",
                Long.toString(alertId)) >= 1);
    }

    @Test
    void markingAMajorIncidentOwesTheProcuratorateExactlyOneNotification() {
        String personId = person(null);
        device(personId, "BRACELET");
        long alertId = awaitAlert(personId, "NO_SIGNAL");
        assertEquals(400, tether.post("/api/alerts/" + alertId + "/major-incident", new JsonObject()).statusCode());
        for (int i = 0; i < 2; i++) {
            var r = tether.post("/api/alerts/" + alertId + "/major-incident", new JsonObject().put("note", "重大事件"));
            assertEquals(200, r.statusCode(), r.bodyAsString());
            assertTrue(r.bodyAsJsonObject().getBoolean("majorIncident"));
        }
        assertEquals(1, db.count("SELECT count(*) FROM procuratorate_notifications WHERE alert_id = ? AND kind = 'MAJOR_INCIDENT'",
                alertId));
        assertTrue(actions(alert(alertId)).contains("MARKED_MAJOR_INCIDENT"));
    }

    @Test
    void aLeaveNotReportedBackIsOverdueAndReportingBackClearsIt() throws InterruptedException {
        String zoneId = tether.post("/api/zones", new JsonObject().put("name", "目的地").put("kind", "INCLUSION")
                .put("geometry", square(0.05))).bodyAsJsonObject().getString("id");
        String personId = person(null);
        Instant now = Instant.now();
        var leave = tether.post("/api/persons/" + personId + "/leaves", new JsonObject()
                .put("from", now.minusSeconds(86_400).toString().replace("Z", "+00:00"))
                .put("to", now.minusSeconds(5).toString().replace("Z", "+00:00"))
                .put("zoneIds", new JsonArray().add(zoneId)));
        assertEquals(201, leave.statusCode(), leave.bodyAsString());
        String leaveId = leave.bodyAsJsonObject().getString("id");
        long alertId = awaitAlert(personId, "LEAVE_OVERDUE");
        assertTrue(alert(alertId).getString("rule").contains(leaveId));

        var back = tether.post("/api/leaves/" + leaveId + "/report-back", new JsonObject());
        assertEquals(200, back.statusCode(), back.bodyAsString());
        assertNotNull(back.bodyAsJsonObject().getString("reportedBackAt"));
        assertTrue(alert(alertId).getBoolean("conditionCleared"));
        assertEquals(404, tether.post("/api/leaves/" + UUID.randomUUID() + "/report-back", new JsonObject()).statusCode());
        Thread.sleep(2_500); // more watch rounds
        assertEquals(1, db.count("SELECT count(*) FROM alerts WHERE person_id = ?::uuid AND type = 'LEAVE_OVERDUE'", personId));
    }

    private static String batch(String deviceId, JsonObject... fixes) {
        JsonArray array = new JsonArray();
        for (JsonObject f : fixes) {
            array.add(f);
        }
        return new JsonObject().put("v", 1).put("deviceId", deviceId).put("fixes", array).encode();
    }

    private String person(String zoneId) {
        JsonObject body = new JsonObject().put("displayName", "对象");
        if (zoneId != null) {
            body.put("zoneIds", new JsonArray().add(zoneId));
        }
        var r = tether.post("/api/persons", body);
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getString("id");
    }

    private JsonObject device(String personId, String kind) {
        if (kind.equals("BRACELET")) {
            tether.approveBraceletOrder(personId);
        }
        var r = tether.post("/api/devices", new JsonObject().put("id", kind.substring(0, 2) + "-"
                + UUID.randomUUID().toString().substring(0, 8)).put("kind", kind).put("personId", personId));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    private long awaitAlert(String personId, String type) {
        Await.until(type + " for " + personId, Duration.ofSeconds(30), () -> db.count(
                "SELECT count(*) FROM alerts WHERE person_id = ?::uuid AND type = ?", personId, type) == 1);
        return db.count("SELECT id FROM alerts WHERE person_id = ?::uuid AND type = ?", personId, type);
    }

    private JsonObject alert(long id) {
        var r = tether.get("/api/alerts/" + id);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    private static List<String> actions(JsonObject alert) {
        return alert.getJsonArray("history").stream().map(h -> ((JsonObject) h).getString("action")).toList();
    }

    private static JsonObject awaitOnStream(BlockingQueue<JsonObject> stream, long alertId, String state)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            JsonObject e = stream.poll(1, TimeUnit.SECONDS);
            if (e != null && e.getLong("id") == alertId && state.equals(e.getString("state"))) {
                return e;
            }
        }
        return null;
    }

    private static JsonObject square(double half) {
        JsonArray ring = new JsonArray()
                .add(new JsonArray().add(LON - half).add(LAT - half)).add(new JsonArray().add(LON + half).add(LAT - half))
                .add(new JsonArray().add(LON + half).add(LAT + half)).add(new JsonArray().add(LON - half).add(LAT + half))
                .add(new JsonArray().add(LON - half).add(LAT - half));
        return new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring));
    }
}
