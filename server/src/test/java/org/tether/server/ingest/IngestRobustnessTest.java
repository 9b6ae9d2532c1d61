package org.tether.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
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
 * The fix path under bad and repeated input, over real MQTT into the real database: nothing bad
 * stops the stream, nothing good is lost, nothing is doubled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestRobustnessTest {

    private static final double LAT = 30.2741;
    private static final double LON = 120.1551;

    private TestDatabase db;
    private RunningTether tether;
    private String zoneId;

    @BeforeAll
    void start() {
        db = TestDatabase.create();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, Map.of(
                "TETHER_GEOFENCE_INCLUSION_DWELLFIXES", "2", "TETHER_GEOFENCE_INCLUSION_DWELLSECONDS", "0"));
        JsonArray ring = new JsonArray();
        for (double[] c : new double[][] {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}}) {
            ring.add(new JsonArray().add(LON + 0.02 * c[0]).add(LAT + 0.02 * c[1]));
        }
        zoneId = tether.post("/api/zones", new JsonObject().put("name", "区").put("kind", "INCLUSION")
                        .put("geometry", new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring))))
                .bodyAsJsonObject().getString("id");
    }

    @AfterAll
    void stop() {
        try {
            tether.close();
        } finally {
            db.drop();
        }
    }

    /** Registers a bracelet for a new person; returns the created device with its MQTT login. */
    private JsonObject newBracelet() {
        String personId = tether.post("/api/persons", new JsonObject().put("displayName", "对象")
                .put("zoneIds", new JsonArray().add(zoneId))).bodyAsJsonObject().getString("id");
        String deviceId = "BR-" + UUID.randomUUID().toString().substring(0, 8);
        tether.approveBraceletOrder(personId);
        var r = tether.post("/api/devices", new JsonObject().put("id", deviceId).put("kind", "BRACELET")
                .put("personId", personId));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    @Test
    void theEmbeddedBrokerRefusesUnknownDevicesAndWrongSecretsWhileOthersFlowOn() {
        JsonObject known = newBracelet();
        String deviceId = known.getString("id");
        assertThrows(RuntimeException.class, () -> new TestDevice("BR-nobody", "BR-nobody", "guess", tether.mqttPort()));
        assertThrows(RuntimeException.class, () -> new TestDevice(deviceId, deviceId, "wrong-secret", tether.mqttPort()));
        try (TestDevice device = new TestDevice(known, tether.mqttPort())) {
            device.sendFix(Instant.now().minusSeconds(30), LAT, LON, 10);
        }
        Await.until("the known device's fix stored", Duration.ofSeconds(20),
                () -> db.count("SELECT count(*) FROM positions WHERE device_id = ?", deviceId) == 1);
    }

    @Test
    void oneBadFixInABacklogRefusesOnlyThatFix() {
        JsonObject created = newBracelet();
        String deviceId = created.getString("id");
        Instant t = Instant.now().minusSeconds(3600);
        JsonArray fixes = new JsonArray();
        for (int i = 0; i < 5; i++) {
            fixes.add(TestDevice.fix(i, t.plusSeconds(60L * i), LAT + 0.0001 * i, LON, 10));
        }
        fixes.getJsonObject(2).put("lat", 123.4);                     // out of range
        fixes.getJsonObject(3).put("time", t.getEpochSecond() + 180);  // seconds, not milliseconds
        try (TestDevice device = new TestDevice(created, tether.mqttPort())) {
            device.sendRaw(new JsonObject().put("v", 1).put("deviceId", deviceId).put("fixes", fixes).encode());
        }
        Await.until("three good fixes stored", Duration.ofSeconds(20),
                () -> db.count("SELECT count(*) FROM positions WHERE device_id = ?", deviceId) == 3);
        assertEquals(1, db.count("SELECT count(*) FROM dead_letters WHERE device_id = ? AND reason = 'coordinate_out_of_range'"
                + " AND detail LIKE 'fixes[2].lat%'", deviceId));
        assertEquals(1, db.count("SELECT count(*) FROM dead_letters WHERE device_id = ? AND reason = 'timestamp_in_seconds'",
                deviceId));
    }

    @Test
    void spoofedDeviceIdInPayloadIsRefused() {
        JsonObject created = newBracelet();
        String deviceId = created.getString("id");
        String other = newBracelet().getString("id");
        try (TestDevice device = new TestDevice(created, tether.mqttPort())) {
            device.sendRaw(new JsonObject().put("v", 1).put("deviceId", other).put("fixes", new JsonArray()
                    .add(TestDevice.fix(1, Instant.now().minusSeconds(5), LAT, LON, 10))).encode());
        }
        Await.until("the spoof dead-lettered", Duration.ofSeconds(20),
                () -> db.count("SELECT count(*) FROM dead_letters WHERE device_id = ? AND reason = 'device_mismatch'", deviceId) == 1);
        assertEquals(0, db.count("SELECT count(*) FROM positions WHERE device_id IN (?, ?)", deviceId, other));
    }

    @Test
    void redeliveredMessagesDoubleNeitherFixesNorAlerts() throws Exception {
        JsonObject created = newBracelet();
        String deviceId = created.getString("id");
        BlockingQueue<JsonObject> stream = tether.openAlertStream();
        Instant t = Instant.now().minusSeconds(1800);
        JsonObject inside = message(deviceId, TestDevice.fix(1, t, LAT, LON, 10));
        JsonObject out1 = message(deviceId, TestDevice.fix(2, t.plusSeconds(900), LAT + 0.05, LON, 10));
        JsonObject out2 = message(deviceId, TestDevice.fix(3, t.plusSeconds(910), LAT + 0.05, LON, 10));
        // A last distinct fix after the duplicates: once it is stored, every earlier message of this
        // device has been processed (one device's messages are handled in order).
        JsonObject sentinel = message(deviceId, TestDevice.fix(4, t.plusSeconds(920), LAT + 0.05, LON, 10));
        try (TestDevice device = new TestDevice(created, tether.mqttPort())) {
            for (JsonObject m : new JsonObject[] {inside, inside, out1, out1, out2, out2, out2, sentinel}) {
                device.sendRaw(m.encode());
            }
        }
        JsonObject alert = stream.poll(20, TimeUnit.SECONDS);
        assertNotNull(alert, "no alert");
        Await.until("the sentinel stored", Duration.ofSeconds(20),
                () -> db.count("SELECT count(*) FROM positions WHERE device_id = ? AND seq = 4", deviceId) == 1);
        assertEquals(4, db.count("SELECT count(*) FROM positions WHERE device_id = ?", deviceId));
        assertEquals(1, db.count("SELECT count(*) FROM alerts a JOIN devices d ON d.person_id = a.person_id WHERE d.id = ?",
                deviceId));
        assertEquals(1, db.count("SELECT occurrences FROM alerts WHERE id = ?", alert.getLong("id")));
        assertEquals(null, stream.poll(1, TimeUnit.SECONDS), "a duplicate produced another alert change");
    }

    @Test
    void returningInsideClearsTheConditionButKeepsTheAlertOpen() throws Exception {
        JsonObject created = newBracelet();
        String deviceId = created.getString("id");
        BlockingQueue<JsonObject> stream = tether.openAlertStream();
        Instant t = Instant.now().minusSeconds(3000);
        try (TestDevice device = new TestDevice(created, tether.mqttPort())) {
            device.sendFix(t, LAT, LON, 10);
            device.sendFix(t.plusSeconds(900), LAT + 0.05, LON, 10);
            device.sendFix(t.plusSeconds(910), LAT + 0.05, LON, 10);
            device.sendFix(t.plusSeconds(1800), LAT, LON, 10);
            device.sendFix(t.plusSeconds(1810), LAT, LON, 10);
        }
        JsonObject cleared = RunningTether.awaitAlert(stream, a -> a.getBoolean("conditionCleared"), Duration.ofSeconds(20));
        assertNotNull(cleared, "no clearing change");
        assertEquals("OUT_OF_AREA", cleared.getString("type"));
        assertEquals(1, cleared.getInteger("occurrences"));
        assertEquals("OPEN", cleared.getString("state"), "a cleared condition still needs an officer to close it");
    }

    private static JsonObject message(String deviceId, JsonObject fix) {
        return new JsonObject().put("v", 1).put("deviceId", deviceId).put("fixes", new JsonArray().add(fix));
    }
}
