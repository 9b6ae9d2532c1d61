package org.tether.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
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

/** Device events, last wills and vendor bridges over real MQTT into the real database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceEventsIntegrationTest {

    private TestDatabase db;
    private RunningTether tether;

    /** MQTT secrets of the devices this test registered (device id → password). */
    private final java.util.Map<String, String> secrets = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    void start() {
        db = TestDatabase.create();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, Map.of());
    }

    @AfterAll
    void stop() {
        try {
            tether.close();
        } finally {
            db.drop();
        }
    }

    private String device(String kind, String vendorId) {
        String id = kind.substring(0, 2) + "-" + UUID.randomUUID().toString().substring(0, 8);
        // A person has at most one bound device of each kind: a person per device.
        String personId = tether.post("/api/persons", new JsonObject().put("displayName", "对象")).bodyAsJsonObject()
                .getString("id");
        if (kind.equals("BRACELET")) {
            tether.approveBraceletOrder(personId);
        }
        JsonObject body = new JsonObject().put("id", id).put("kind", kind).put("personId", personId);
        if (vendorId != null) {
            body.put("vendorId", vendorId);
        }
        var r = tether.post("/api/devices", body);
        assertEquals(201, r.statusCode(), r.bodyAsString());
        secrets.put(id, r.bodyAsJsonObject().getJsonObject("mqtt").getString("password"));
        return id;
    }

    private static String events(Instant time, String... types) {
        JsonArray events = new JsonArray();
        long seq = 1;
        for (String t : types) {
            events.add(new JsonObject().put("seq", seq++).put("time", time.toEpochMilli()).put("type", t).put("battery", 55));
            time = time.plusSeconds(30);
        }
        return new JsonObject().put("v", 1).put("events", events).encode();
    }

    @Test
    void strapCutRaisesTamperAndItsRestorationClearsTheConditionButNotTheAlert() throws Exception {
        String bracelet = device("BRACELET", null);
        BlockingQueue<JsonObject> stream = tether.openAlertStream();
        Instant t = Instant.now().minusSeconds(120);
        String cut = events(t, "STRAP_CUT");
        try (TestDevice d = connect(bracelet)) {
            d.sendRaw("tether/v1/devices/" + bracelet + "/events", cut);
            d.sendRaw("tether/v1/devices/" + bracelet + "/events", cut); // redelivered
            d.sendRaw("tether/v1/devices/" + bracelet + "/events", events(t.plusSeconds(60), "STRAP_RESTORED"));
        }
        JsonObject cleared = RunningTether.awaitAlert(stream, a -> bracelet.equals(a.getString("deviceId"))
                && a.getBoolean("conditionCleared"), Duration.ofSeconds(20));
        assertNotNull(cleared, "no tamper alert with its condition cleared");
        assertEquals("TAMPER", cleared.getString("type"));
        assertEquals("CRITICAL", cleared.getString("severity"));
        assertEquals(1, cleared.getJsonArray("evidenceEventIds").size(), "the cut is the evidence");
        assertEquals("OPEN", cleared.getString("state"));
        assertEquals(1, cleared.getInteger("occurrences"), "the redelivered event counted twice");
        // The history keeps both steps even when the stream showed them as one state.
        assertEquals(2, db.count("SELECT count(*) FROM alert_history WHERE alert_id = ? AND action IN ('RAISED', 'CONDITION_CLEARED')",
                cleared.getLong("id")));
        assertEquals(2, db.count("SELECT count(*) FROM device_events WHERE device_id = ?", bracelet));
    }

    @Test
    void aBraceletsLastWillRaisesPowerOffButAPhonesDoesNot() throws Exception {
        String bracelet = device("BRACELET", null);
        String phone = device("PHONE", null);
        BlockingQueue<JsonObject> stream = tether.openAlertStream();
        for (String id : new String[] {phone, bracelet}) {
            Mqtt5BlockingClient client = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1")
                    .serverPort(tether.mqttPort())
                    .simpleAuth().username(id).password(secrets.get(id).getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                    .willPublish().topic("tether/v1/devices/" + id + "/status").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"v\":1,\"state\":\"OFFLINE\",\"cause\":\"LAST_WILL\"}".getBytes(StandardCharsets.UTF_8))
                    .applyWillPublish()
                    .buildBlocking();
            client.connect();
            // Ends the session the way a dead battery would, as far as the broker is concerned.
            client.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();
        }
        JsonObject alert = stream.poll(20, TimeUnit.SECONDS);
        assertNotNull(alert, "no power-off alert from the bracelet's will; events "
                + db.count("SELECT count(*) FROM device_events WHERE device_id IN (?, ?)", phone, bracelet)
                + ", dead letters " + db.text("SELECT string_agg(reason || ':' || detail, ';') FROM dead_letters"));
        assertEquals("DEVICE_POWER_OFF", alert.getString("type"));
        assertEquals(bracelet, alert.getString("deviceId"));
        Await.until("both wills stored", Duration.ofSeconds(10), () -> db.count(
                "SELECT count(*) FROM device_events WHERE type = 'CONNECTION_LOST' AND device_id IN (?, ?)", phone, bracelet) == 2);
        assertNull(stream.poll(500, TimeUnit.MILLISECONDS), "a phone going offline must not raise an alert");
    }

    @Test
    void aVendorMaySpeakOnlyForItsOwnDevices() throws Exception {
        JsonObject acme = tether.admin().post("/api/vendors", new JsonObject().put("id", "acme").put("name", "Acme"))
                .bodyAsJsonObject();
        JsonObject other = tether.admin().post("/api/vendors", new JsonObject().put("id", "other").put("name", "Other"))
                .bodyAsJsonObject();
        assertEquals("vendor:acme", acme.getJsonObject("mqtt").getString("username"));
        String owned = device("BRACELET", "acme");
        String fix = new JsonObject().put("v", 1).put("fixes", new JsonArray().add(TestDevice.fix(1,
                Instant.now().minusSeconds(10), 30.27, 120.15, 10))).encode();
        try (TestDevice bridge = vendor(acme)) {
            bridge.sendRaw("tether/v1/vendors/acme/devices/" + owned + "/fixes", fix);
        }
        Await.until("the owned device's fix stored", Duration.ofSeconds(10),
                () -> db.count("SELECT count(*) FROM positions WHERE device_id = ?", owned) == 1);
        // Another vendor speaking for acme's device: the broker refuses it (MQTT 5: PUBACK not authorized).
        try (TestDevice intruder = vendor(other)) {
            assertThrows(RuntimeException.class, () -> intruder.sendRaw("tether/v1/vendors/other/devices/" + owned
                    + "/fixes", fix.replace("\"seq\":1", "\"seq\":2")));
        }
        Thread.sleep(500);
        assertEquals(1, db.count("SELECT count(*) FROM positions WHERE device_id = ?", owned));
    }

    private TestDevice vendor(JsonObject created) {
        JsonObject mqtt = created.getJsonObject("mqtt");
        return new TestDevice(created.getString("id"), mqtt.getString("username"), mqtt.getString("password"),
                tether.mqttPort());
    }

    @Test
    void malformedEventsAreDeadLetteredPerEntry() {
        String bracelet = device("BRACELET", null);
        String payload = new JsonObject().put("v", 1).put("events", new JsonArray()
                .add(new JsonObject().put("time", Instant.now().minusSeconds(5).toEpochMilli()).put("type", "BATTERY_LOW"))
                .add(new JsonObject().put("time", Instant.now().toEpochMilli()).put("type", "EXPLODED"))).encode();
        try (TestDevice d = connect(bracelet)) {
            d.sendRaw("tether/v1/devices/" + bracelet + "/events", payload);
        }
        Await.until("the good event stored", Duration.ofSeconds(10),
                () -> db.count("SELECT count(*) FROM device_events WHERE device_id = ? AND type = 'BATTERY_LOW'", bracelet) == 1);
        Await.until("the bad one dead-lettered", Duration.ofSeconds(10), () -> db.count(
                "SELECT count(*) FROM dead_letters WHERE device_id = ? AND detail LIKE 'events[1].type%'", bracelet) == 1);
        Await.until("battery alert", Duration.ofSeconds(10), () -> db.count(
                "SELECT count(*) FROM alerts WHERE device_id = ? AND type = 'BATTERY_LOW' AND severity = 'LOW'", bracelet) == 1);
    }

    private TestDevice connect(String deviceId) {
        return new TestDevice(deviceId, deviceId, secrets.get(deviceId), tether.mqttPort());
    }
}
