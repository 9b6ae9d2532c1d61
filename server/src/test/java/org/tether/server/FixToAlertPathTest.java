package org.tether.server;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tether.server.support.Await;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.RunningTether;
import org.tether.server.support.TestDatabase;
import org.tether.server.support.TestDevice;

/**
 * The backbone path end to end, on real PostgreSQL/PostGIS and a real broker (embedded HiveMQ and
 * Mosquitto): a bracelet publishes fixes over MQTT, the person leaves their inclusion zone, an
 * OUT_OF_AREA alert appears on the live stream and in GET /api/alerts; every valid fix is stored;
 * a malformed payload is dead-lettered with its reason and does not stop the stream.
 */
class FixToAlertPathTest {

    private static final double LAT = 30.2741;
    private static final double LON = 120.1551;

    private static TestDatabase db;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        db.drop();
    }

    @ParameterizedTest
    @EnumSource(BrokerKind.class)
    void braceletLeavingItsZoneRaisesOneAlertOnTheStreamAndInTheApi(BrokerKind broker) throws Exception {
        // Two outside fixes confirm a departure; no minimum dwell time, so the test needs no clock games.
        Map<String, String> geofence = Map.of("TETHER_GEOFENCE_INCLUSION_DWELLFIXES", "2",
                "TETHER_GEOFENCE_INCLUSION_DWELLSECONDS", "0");
        try (RunningTether tether = RunningTether.start(db, broker, geofence)) {
            String zoneId = createSquareZone(tether, 0.02);
            var person = tether.post("/api/persons", new JsonObject().put("displayName", "测试对象")
                    .put("zoneIds", new JsonArray().add(zoneId)));
            assertEquals(201, person.statusCode(), person.bodyAsString());
            String personId = person.bodyAsJsonObject().getString("id");
            tether.approveBraceletOrder(personId);
            String deviceId = "BR-" + broker.name().charAt(0) + UUID.randomUUID().toString().substring(0, 8);
            var device = tether.post("/api/devices", new JsonObject().put("id", deviceId).put("kind", "BRACELET")
                    .put("personId", personId));
            assertEquals(201, device.statusCode(), device.bodyAsString());
            JsonObject credentials = device.bodyAsJsonObject();

            BlockingQueue<JsonObject> stream = tether.openAlertStream();
            Instant t0 = Instant.now().minusSeconds(900);
            try (TestDevice bracelet = new TestDevice(credentials, tether.mqttPort())) {
                bracelet.sendFix(t0, LAT, LON, 8);
                bracelet.sendFix(t0.plusSeconds(10), LAT + 0.001, LON, 8);
                bracelet.sendRaw("{\"v\":1,\"fixes\":[{\"time\": 17640");                       // malformed
                bracelet.sendFix(t0.plusSeconds(20), LAT + 0.002, LON, 8);
                // Ten minutes later, far outside (the zone's edge is 0.02° ≈ 2.2 km north) at a plausible
                // speed: two fixes confirm the departure.
                bracelet.sendFix(t0.plusSeconds(600), LAT + 0.04, LON, 8);
                bracelet.sendFix(t0.plusSeconds(610), LAT + 0.041, LON, 8);
                bracelet.sendFix(t0.plusSeconds(620), LAT + 0.042, LON, 8);
            }

            if (broker == BrokerKind.MOSQUITTO) {
                // The embedded broker refuses unknown devices at CONNECT; behind an open broker the
                // gateway itself must refuse them.
                try (TestDevice stranger = new TestDevice("BR-stranger-" + deviceId, tether.mqttPort())) {
                    stranger.sendFix(t0, LAT, LON, 8);
                }
                Await.until("the stranger dead-lettered", Duration.ofSeconds(20), () -> db.count(
                        "SELECT count(*) FROM dead_letters WHERE device_id = ? AND reason = 'unknown_device'",
                        "BR-stranger-" + deviceId) == 1);
            }
            JsonObject live = stream.poll(30, TimeUnit.SECONDS);
            assertNotNull(live, "no alert on the live stream");
            assertEquals("OUT_OF_AREA", live.getString("type"));
            assertEquals(personId, live.getString("personId"));
            assertEquals("OPEN", live.getString("state"));
            assertEquals("越界", live.getJsonObject("label").getString("zh"));

            // All six valid fixes stored as PostGIS points, and nothing else for this device.
            Await.until("six positions stored", Duration.ofSeconds(20),
                    () -> db.count("SELECT count(*) FROM positions WHERE device_id = ?", deviceId) == 6);
            assertEquals(6, db.count("SELECT count(*) FROM positions WHERE device_id = ? AND ST_SRID(geom) = 4326"
                    + " AND GeometryType(geom) = 'POINT'", deviceId));
            assertEquals("malformed_json", db.text("SELECT reason FROM dead_letters WHERE device_id = ?", deviceId));
            assertTrue(db.text("SELECT detail FROM dead_letters WHERE device_id = ?", deviceId).contains("not valid JSON"));

            // The third outside fix repeats the condition on the same alert instead of opening another.
            Await.until("the repeat counted on the open alert", Duration.ofSeconds(20), () -> db.count(
                    "SELECT occurrences FROM alerts WHERE person_id = ?::uuid AND type = 'OUT_OF_AREA'", personId) >= 1);
            JsonArray items = tether.get("/api/alerts?personId=" + personId).bodyAsJsonObject().getJsonArray("items");
            assertEquals(1, items.size(), items.encodePrettily());
            JsonObject stored = items.getJsonObject(0);
            assertEquals(live.getLong("id"), stored.getLong("id"));
            assertEquals("HIGH", stored.getString("severity"));
            assertFalse(stored.getBoolean("conditionCleared"));
            // Evidence: the two fixes that confirmed the departure.
            List<Object> evidence = stored.getJsonArray("evidencePositionIds").getList();
            assertEquals(2, evidence.size(), "evidence " + evidence);
            assertEquals(2, db.count("SELECT count(*) FROM positions p JOIN alerts a ON p.id = ANY(a.evidence_position_ids)"
                    + " WHERE a.id = ? AND ST_Y(p.geom) > ?", stored.getLong("id"), LAT + 0.02));
        }
    }

    private static String createSquareZone(RunningTether tether, double half) {
        JsonArray ring = new JsonArray()
                .add(new JsonArray().add(LON - half).add(LAT - half))
                .add(new JsonArray().add(LON + half).add(LAT - half))
                .add(new JsonArray().add(LON + half).add(LAT + half))
                .add(new JsonArray().add(LON - half).add(LAT + half))
                .add(new JsonArray().add(LON - half).add(LAT - half));
        JsonObject body = new JsonObject().put("name", "测试区县").put("kind", "INCLUSION")
                .put("geometry", new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring)));
        var response = tether.post("/api/zones", body);
        assertEquals(201, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject().getString("id");
    }
}
