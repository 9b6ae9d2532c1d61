package org.tether.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tether.server.support.Await;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.RunningTether;
import org.tether.server.support.TestDatabase;
import org.tether.server.support.TestDevice;

/**
 * Two gateway instances on one database and one Mosquitto, splitting one shared subscription: a
 * zone created through one is enforced by the other, and one person's fixes, handled by both, give
 * one consistent state — every fix stored once, one departure, one alert.
 */
class TwoInstancesTest {

    private static final double LAT = 30.2741;
    private static final double LON = 120.1551;

    @Test
    void twoInstancesShareTheWorkAndOnePersonsState() throws Exception {
        TestDatabase db = TestDatabase.create();
        String group = "two" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> config = Map.of("TETHER_MQTT_SHAREDGROUP", group,
                "TETHER_GEOFENCE_INCLUSION_DWELLFIXES", "3", "TETHER_GEOFENCE_INCLUSION_DWELLSECONDS", "0");
        try (RunningTether a = RunningTether.start(db, BrokerKind.MOSQUITTO, config);
             RunningTether b = RunningTether.start(db, BrokerKind.MOSQUITTO, config)) {
            JsonArray ring = new JsonArray();
            for (double[] c : new double[][] {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}}) {
                ring.add(new JsonArray().add(LON + 0.02 * c[0]).add(LAT + 0.02 * c[1]));
            }
            // The zone through B, the person and device through A: each must learn of the other's change.
            String zone = b.post("/api/zones", new JsonObject().put("name", "县").put("kind", "INCLUSION")
                    .put("geometry", new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring))))
                    .bodyAsJsonObject().getString("id");
            String person = a.post("/api/persons", new JsonObject().put("displayName", "对象")
                    .put("zoneIds", new JsonArray().add(zone))).bodyAsJsonObject().getString("id");
            a.approveBraceletOrder(person);
            String device = "TI-" + UUID.randomUUID().toString().substring(0, 8);
            assertEquals(201, a.post("/api/devices", new JsonObject().put("id", device).put("kind", "BRACELET")
                    .put("personId", person)).statusCode());
            // B reloads on A's notice; a message reaching B before that is dead-lettered as an unknown
            // device (see the closing note: a registry miss should trigger a reload). Give it time on a
            // loaded machine.
            Thread.sleep(3000);

            int n = 40;
            Instant t0 = Instant.now().minus(Duration.ofHours(2));
            try (TestDevice d = new TestDevice(device, 1883)) {
                for (int k = 0; k < n; k++) {
                    double lat = k < n / 2 ? LAT : LAT + 0.03 + 0.0001 * k;
                    d.sendFix(t0.plusSeconds(60L * k), lat, LON, 10);
                }
            }
            Await.until("all fixes stored", Duration.ofSeconds(60),
                    () -> db.count("SELECT count(*) FROM positions WHERE device_id = ?", device) == n);
            assertEquals(0, db.count("SELECT count(*) FROM dead_letters"), "an instance did not know the device");
            Await.until("one departure", Duration.ofSeconds(10),
                    () -> db.count("SELECT count(*) FROM alerts WHERE person_id = ?::uuid", person) == 1);
            assertEquals(1, db.count("SELECT occurrences FROM alerts WHERE person_id = ?::uuid", person));
            assertTrue(received(a) > 0 && received(b) > 0,
                    "the shared subscription did not split the work: " + received(a) + " / " + received(b));
        } finally {
            db.drop();
        }
    }

    private static long received(RunningTether t) {
        return t.get("/metrics").bodyAsString().lines()
                .filter(l -> l.startsWith("tether_mqtt_messages_received_total "))
                .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(' ') + 1).trim())).sum();
    }
}
