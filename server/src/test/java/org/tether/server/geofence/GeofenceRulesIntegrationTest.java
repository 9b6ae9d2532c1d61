package org.tether.server.geofence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
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
 * The geofence rules wired through the real server: zones, curfews and leaves created over the staff
 * API, fixes over real MQTT, alerts read back — and the per-person state surviving a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeofenceRulesIntegrationTest {

    private static final double LAT = 30.2741;
    private static final double LON = 120.1551;
    private static final Map<String, String> FAST_DWELL = Map.of(
            "TETHER_GEOFENCE_INCLUSION_DWELLFIXES", "2", "TETHER_GEOFENCE_INCLUSION_DWELLSECONDS", "0",
            "TETHER_GEOFENCE_HOME_DWELLFIXES", "2", "TETHER_GEOFENCE_HOME_DWELLSECONDS", "0",
            "TETHER_GEOFENCE_EXCLUSION_DWELLFIXES", "1", "TETHER_GEOFENCE_EXCLUSION_DWELLSECONDS", "0");

    private TestDatabase db;
    private RunningTether tether;
    private String county;

    /** MQTT secrets of the devices this test registered (device id → password). */
    private final java.util.Map<String, String> secrets = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    void start() {
        db = TestDatabase.create();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, FAST_DWELL);
        county = zone(new JsonObject().put("name", "县").put("kind", "INCLUSION").put("geometry", square(LAT, LON, 0.02)));
    }

    @AfterAll
    void stop() {
        try {
            tether.close();
        } finally {
            db.drop();
        }
    }

    @Test
    void stateSurvivesARestartSoNoTransitionIsRepeatedOrLost() throws Exception {
        String person = person(county);
        String device = bracelet(person);
        Instant t = Instant.now().minusSeconds(3600);
        BlockingQueue<JsonObject> stream = tether.openAlertStream();
        try (TestDevice d = connect(device)) {
            d.sendFix(t, LAT, LON, 10);
            d.sendFix(t.plusSeconds(900), LAT + 0.05, LON, 10);
            d.sendFix(t.plusSeconds(910), LAT + 0.05, LON, 10);
        }
        JsonObject raised = stream.poll(20, TimeUnit.SECONDS);
        assertNotNull(raised, "no alert before the restart");
        Await.until("the state is persisted", Duration.ofSeconds(10), () -> db.count(
                "SELECT count(*) FROM geofence_states WHERE person_id = ?::uuid", person) == 1);

        tether.close();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, FAST_DWELL);
        stream = tether.openAlertStream();
        try (TestDevice d = connect(device)) {
            // Still outside: the restored state is OUTSIDE, so nothing new is raised.
            d.sendFix(t.plusSeconds(920), LAT + 0.05, LON, 10);
            d.sendFix(t.plusSeconds(930), LAT + 0.05, LON, 10);
            // Back inside: the restored state knows the person was out, so the condition clears.
            d.sendFix(t.plusSeconds(1800), LAT, LON, 10);
            d.sendFix(t.plusSeconds(1810), LAT, LON, 10);
        }
        JsonObject cleared = stream.poll(20, TimeUnit.SECONDS);
        assertNotNull(cleared, "no clearing after the restart: state was lost");
        assertEquals(raised.getLong("id"), cleared.getLong("id"));
        assertTrue(cleared.getBoolean("conditionCleared"));
        assertEquals(1, cleared.getInteger("occurrences"), "the restart repeated the departure");
        assertNull(stream.poll(500, TimeUnit.MILLISECONDS));
    }

    @Test
    void curfewBreachIsRaisedAgainstTheHomeCircle() throws Exception {
        String home = zone(new JsonObject().put("name", "住所").put("kind", "HOME").put("circle",
                new JsonObject().put("center", new JsonArray().add(LON).add(LAT)).put("radiusMeters", 100)));
        String person = person(county, home);
        // A curfew all day every day, so that "now" is always inside a window.
        JsonArray windows = new JsonArray();
        for (String day : new String[] {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"}) {
            windows.add(new JsonObject().put("day", day).put("start", "00:00").put("end", "00:00"));
        }
        HttpResponse<Buffer> put = tether.put("/api/persons/" + person + "/curfew", new JsonObject().put("windows", windows));
        assertEquals(200, put.statusCode(), put.bodyAsString());
        String device = bracelet(person);
        BlockingQueue<JsonObject> stream = tether.openAlertStream();
        Instant t = Instant.now().minusSeconds(600);
        try (TestDevice d = connect(device)) {
            d.sendFix(t, LAT, LON, 10);                         // at home
            d.sendFix(t.plusSeconds(300), LAT + 0.005, LON, 10); // 550 m away, still in the county
            d.sendFix(t.plusSeconds(310), LAT + 0.005, LON, 10);
        }
        JsonObject alert = stream.poll(20, TimeUnit.SECONDS);
        assertNotNull(alert, "no curfew alert");
        assertEquals("CURFEW_BREACH", alert.getString("type"));
        assertEquals(home, alert.getString("zoneId"));
        assertEquals("违反居家规定", alert.getJsonObject("label").getString("zh"));
        assertNull(stream.poll(500, TimeUnit.MILLISECONDS), "inside the county: no OUT_OF_AREA expected");
    }

    @Test
    void anActiveLeaveWidensTheAreaAndAnEndedOneDoesNot() throws Exception {
        String destination = zone(new JsonObject().put("name", "上海").put("kind", "INCLUSION")
                .put("geometry", square(31.23, 121.47, 0.05)));
        String onLeave = person(county);
        String backLate = person(county);
        Instant now = Instant.now();
        leave(onLeave, now.minusSeconds(86_400), now.plusSeconds(86_400), destination);
        leave(backLate, now.minusSeconds(3 * 86_400), now.minusSeconds(7_200), destination);
        String d1 = bracelet(onLeave);
        String d2 = bracelet(backLate);
        BlockingQueue<JsonObject> stream = tether.openAlertStream();
        Instant t = now.minusSeconds(600);
        for (String device : new String[] {d1, d2}) {
            try (TestDevice d = connect(device)) {
                d.sendFix(t, 31.23, 121.47, 10);
                d.sendFix(t.plusSeconds(60), 31.231, 121.47, 10);
                d.sendFix(t.plusSeconds(120), 31.232, 121.47, 10);
            }
        }
        JsonObject alert = stream.poll(20, TimeUnit.SECONDS);
        assertNotNull(alert, "the person whose leave ended got no alert");
        assertEquals("OUT_OF_AREA", alert.getString("type"));
        assertEquals(backLate, alert.getString("personId"));
        Await.until("all fixes stored", Duration.ofSeconds(10),
                () -> db.count("SELECT count(*) FROM positions WHERE device_id IN (?, ?)", d1, d2) == 6);
        assertEquals(0, db.count("SELECT count(*) FROM alerts WHERE person_id = ?::uuid", onLeave));
    }

    @Test
    void exclusionCircleEntryAndAPossibleCrossingBetweenSparseFixes() throws Exception {
        String victimHome = zone(new JsonObject().put("name", "被害人住所").put("kind", "EXCLUSION").put("circle",
                new JsonObject().put("center", new JsonArray().add(LON).add(LAT + 0.01)).put("radiusMeters", 200)));
        String entering = person(county, victimHome);
        String passing = person(county, victimHome);
        BlockingQueue<JsonObject> stream = tether.openAlertStream();
        Instant t = Instant.now().minusSeconds(1200);
        try (TestDevice d = connect(bracelet(entering))) {
            d.sendFix(t, LAT, LON, 10);
            d.sendFix(t.plusSeconds(600), LAT + 0.01, LON + 0.0005, 10);  // ~50 m from the centre
        }
        JsonObject entry = stream.poll(20, TimeUnit.SECONDS);
        assertNotNull(entry, "no exclusion alert");
        assertEquals("EXCLUSION_ZONE_ENTRY", entry.getString("type"));
        assertEquals("CRITICAL", entry.getString("severity"));
        assertEquals(entering, entry.getString("personId"));

        try (TestDevice d = connect(bracelet(passing))) {
            d.sendFix(t, LAT + 0.005, LON, 10);     // 550 m south of the centre
            d.sendFix(t.plusSeconds(600), LAT + 0.015, LON, 10); // 550 m north: the path went through
        }
        JsonObject possible = stream.poll(20, TimeUnit.SECONDS);
        assertNotNull(possible, "no possible-crossing alert");
        assertEquals(passing, possible.getString("personId"));
        assertEquals("EXCLUSION_ZONE_ENTRY", possible.getString("type"));
        assertEquals("MEDIUM", possible.getString("severity"));
        assertTrue(possible.getString("rule").startsWith("possible crossing"), possible.getString("rule"));
        assertEquals(2, possible.getJsonArray("evidencePositionIds").size());
    }

    @Test
    void longEdgesAreDensifiedOnSaveAndBadShapesRefused() {
        // A 1° × 1° square: edges of ~100 km become pieces of at most 1 km.
        HttpResponse<Buffer> r = tether.post("/api/zones", new JsonObject().put("name", "大").put("kind", "INCLUSION")
                .put("geometry", square(30.5, 120.5, 0.5)));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        assertTrue(r.bodyAsJsonObject().getInteger("vertices") > 400, r.bodyAsString());
        assertEquals(0, db.count("SELECT count(*) FROM (SELECT (ST_DumpSegments(geom)).geom AS s FROM zones WHERE id = ?::uuid) x"
                + " WHERE ST_Length(s::geography) > 1000.5", r.bodyAsJsonObject().getString("id")));

        HttpResponse<Buffer> zeroRadius = tether.post("/api/zones", new JsonObject().put("name", "x").put("kind", "EXCLUSION")
                .put("circle", new JsonObject().put("center", new JsonArray().add(LON).add(LAT)).put("radiusMeters", 0)));
        assertEquals(422, zeroRadius.statusCode());
        assertEquals("circle", zeroRadius.bodyAsJsonObject().getString("field"));
        HttpResponse<Buffer> both = tether.post("/api/zones", new JsonObject().put("name", "x").put("kind", "EXCLUSION")
                .put("geometry", square(LAT, LON, 0.01)).put("circle", new JsonObject()));
        assertEquals(400, both.statusCode());
        HttpResponse<Buffer> badCurfew = tether.put("/api/persons/" + person(county) + "/curfew", new JsonObject()
                .put("windows", new JsonArray().add(new JsonObject().put("day", "FUNDAY").put("start", "22:00").put("end", "06:00"))));
        assertEquals(400, badCurfew.statusCode());
        assertEquals("windows[0].day", badCurfew.bodyAsJsonObject().getString("field"));
    }

    private String zone(JsonObject body) {
        HttpResponse<Buffer> r = tether.post("/api/zones", body);
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getString("id");
    }

    private String person(String... zoneIds) {
        JsonArray ids = new JsonArray();
        for (String z : zoneIds) {
            ids.add(z);
        }
        HttpResponse<Buffer> r = tether.post("/api/persons", new JsonObject().put("displayName", "对象").put("zoneIds", ids));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getString("id");
    }

    private String bracelet(String personId) {
        String id = "BR-" + UUID.randomUUID().toString().substring(0, 8);
        tether.approveBraceletOrder(personId);
        HttpResponse<Buffer> r = tether.post("/api/devices", new JsonObject().put("id", id).put("kind", "BRACELET")
                .put("personId", personId));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        secrets.put(id, r.bodyAsJsonObject().getJsonObject("mqtt").getString("password"));
        return id;
    }

    private void leave(String personId, Instant from, Instant to, String zoneId) {
        HttpResponse<Buffer> r = tether.post("/api/persons/" + personId + "/leaves", new JsonObject()
                .put("from", from.toString().replace("Z", "+00:00")).put("to", to.toString().replace("Z", "+00:00"))
                .put("zoneIds", new JsonArray().add(zoneId)));
        assertEquals(201, r.statusCode(), r.bodyAsString());
    }

    private static JsonObject square(double lat, double lon, double half) {
        JsonArray ring = new JsonArray();
        for (double[] c : new double[][] {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}}) {
            ring.add(new JsonArray().add(lon + half * c[0]).add(lat + half * c[1]));
        }
        return new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring));
    }

    private TestDevice connect(String deviceId) {
        return new TestDevice(deviceId, deviceId, secrets.get(deviceId), tether.mqttPort());
    }
}
