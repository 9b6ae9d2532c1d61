package org.tether.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tether.server.support.Await;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.RunningTether;
import org.tether.server.support.RunningTether.Session;
import org.tether.server.support.TestDatabase;
import org.tether.server.support.TestDevice;

/**
 * Editing and retiring zones ({@code PUT}/{@code DELETE /api/zones/{id}}) and the GeoJSON export, against the
 * real server: the same validation as creating (with where the shape is wrong), the previous shape kept, the
 * geofence judging the next fix by the new shape, office scoping, and the audit trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZoneEditTest {

    private static final double LAT = 30.2741;
    private static final double LON = 120.1551;

    private TestDatabase db;
    private RunningTether tether;
    private Session officerA;
    private Session officerB;
    private Session procurator;
    private String officeA;

    @BeforeAll
    void start() {
        db = TestDatabase.create();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, Map.of());
        RunningTether.County county = tether.county("zone");
        officeA = county.officeA();
        officerA = county.officerA();
        officerB = county.officerB();
        procurator = county.procurator();
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
    void anEditTakesEffectAtOnceAndKeepsThePreviousShape() {
        // An exclusion zone well east of the person; after the edit it covers where they are.
        String zone = created(officerA.post("/api/zones", polygon("禁区", "EXCLUSION", LON + 0.05, LAT, 0.005)));
        String person = created(officerA.post("/api/persons", new JsonObject().put("displayName", "周一")
                .put("zoneIds", new JsonArray().add(zone))));
        String deviceId = "PH-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<Buffer> device = officerA.post("/api/devices", new JsonObject().put("id", deviceId).put("kind", "PHONE")
                .put("personId", person));
        assertEquals(201, device.statusCode(), device.bodyAsString());

        HttpResponse<Buffer> edited = officerA.put("/api/zones/" + zone, polygon("禁区（扩大）", "EXCLUSION", LON, LAT, 0.01));
        assertEquals(200, edited.statusCode(), edited.bodyAsString());
        assertEquals(2, edited.bodyAsJsonObject().getInteger("version"));
        assertEquals(1, edited.bodyAsJsonObject().getInteger("previousVersion"));

        JsonObject now = officerA.get("/api/zones/" + zone).bodyAsJsonObject();
        assertEquals("禁区（扩大）", now.getString("name"));
        assertEquals(2, now.getInteger("version"));
        assertEquals(1, db.count("SELECT count(*) FROM zone_versions WHERE zone_id = ?::uuid AND version = 1"
                + " AND name = '禁区' AND ST_X(ST_Centroid(geom)) > ?", zone, LON + 0.04));
        assertEquals(1, db.count("SELECT count(*) FROM audit_log WHERE action = 'zone.update' AND target_id = ?"
                + " AND actor_username = 'zone-officer-a'", zone));
        assertThrows(IllegalStateException.class, () -> db.count("UPDATE zone_versions SET name = 'x' RETURNING 1"));

        // The geofence judges the next fixes by the new shape: two fixes inside it enter the exclusion zone.
        try (TestDevice phone = new TestDevice(device.bodyAsJsonObject(), tether.mqttPort())) {
            Instant t0 = Instant.now().minusSeconds(30);
            phone.sendFix(t0, LAT, LON, 5);
            phone.sendFix(t0.plusSeconds(10), LAT + 0.0001, LON, 5);
        }
        Await.until("the exclusion entry by the edited shape", Duration.ofSeconds(30), () -> db.count(
                "SELECT count(*) FROM alerts WHERE person_id = ?::uuid AND type = 'EXCLUSION_ZONE_ENTRY'"
                        + " AND zone_id = ?::uuid", person, zone) == 1);
    }

    @Test
    void anInvalidShapeIsRefusedWithWhereItIsWrong() {
        String zone = created(officerA.post("/api/zones", polygon("区", "INCLUSION", LON, LAT, 0.01)));
        // A bow tie: its edges cross at the centre.
        JsonArray ring = new JsonArray().add(pt(LON - 0.01, LAT - 0.01)).add(pt(LON + 0.01, LAT + 0.01))
                .add(pt(LON + 0.01, LAT - 0.01)).add(pt(LON - 0.01, LAT + 0.01)).add(pt(LON - 0.01, LAT - 0.01));
        JsonObject bowTie = new JsonObject().put("name", "区").put("kind", "INCLUSION").put("geometry",
                new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring)));
        for (HttpResponse<Buffer> r : java.util.List.of(officerA.put("/api/zones/" + zone, bowTie),
                officerA.post("/api/zones", bowTie))) {
            assertEquals(422, r.statusCode(), r.bodyAsString());
            JsonObject problem = r.bodyAsJsonObject();
            assertEquals("geometry", problem.getString("field"));
            assertEquals("self_intersection", problem.getString("reason"));
            assertEquals(LON, problem.getJsonArray("location").getDouble(0), 1e-6);
            assertEquals(LAT, problem.getJsonArray("location").getDouble(1), 1e-6);
        }
        HttpResponse<Buffer> badCircle = officerA.put("/api/zones/" + zone, new JsonObject().put("name", "圆").put("kind", "INCLUSION")
                .put("circle", new JsonObject().put("center", pt(LON, LAT)).put("radiusMeters", -5)));
        assertEquals(422, badCircle.statusCode());
        assertEquals("circle", badCircle.bodyAsJsonObject().getString("field"));
        assertEquals(400, officerA.put("/api/zones/" + zone, new JsonObject().put("kind", "INCLUSION")).statusCode());
        HttpResponse<Buffer> otherOwner = officerA.put("/api/zones/" + zone,
                polygon("区", "INCLUSION", LON, LAT, 0.01).put("officeId", UUID.randomUUID().toString()));
        assertEquals(422, otherOwner.statusCode());
        assertEquals("officeId", otherOwner.bodyAsJsonObject().getString("field"));
        // Nothing of that changed the zone.
        assertEquals(1, officerA.get("/api/zones/" + zone).bodyAsJsonObject().getInteger("version"));
        assertEquals(0, db.count("SELECT count(*) FROM zone_versions WHERE zone_id = ?::uuid", zone));
    }

    @Test
    void anotherOfficeCannotEditOrRetireAndAProcuratorChangesNothing() {
        String zone = created(officerA.post("/api/zones", polygon("甲区", "INCLUSION", LON, LAT, 0.01)));
        HttpResponse<Buffer> foreign = officerB.put("/api/zones/" + zone, polygon("乙改", "INCLUSION", LON, LAT, 0.02));
        assertEquals(404, foreign.statusCode());
        assertEquals("zoneId", foreign.bodyAsJsonObject().getString("field"));
        assertEquals(404, officerB.delete("/api/zones/" + zone).statusCode());
        assertEquals(403, procurator.put("/api/zones/" + zone, polygon("检改", "INCLUSION", LON, LAT, 0.02)).statusCode());
        assertEquals(403, procurator.delete("/api/zones/" + zone).statusCode());
        assertEquals("甲区", officerA.get("/api/zones/" + zone).bodyAsJsonObject().getString("name"));
    }

    @Test
    void aRetiredZoneCountsForNobodyButStaysForItsAlerts() {
        String zone = created(officerA.post("/api/zones", polygon("旧区", "INCLUSION", LON, LAT, 0.01)));
        created(officerA.post("/api/persons", new JsonObject().put("displayName", "吴二").put("zoneIds", new JsonArray().add(zone))));
        HttpResponse<Buffer> retired = officerA.delete("/api/zones/" + zone);
        assertEquals(200, retired.statusCode(), retired.bodyAsString());
        assertEquals(1, retired.bodyAsJsonObject().getInteger("assignedPersons"));
        JsonArray listed = officerA.get("/api/zones").bodyAsJsonObject().getJsonArray("items");
        assertTrue(listed.stream().noneMatch(z -> zone.equals(((JsonObject) z).getString("id"))));
        assertNotNull(officerA.get("/api/zones/" + zone).bodyAsJsonObject().getString("retiredAt"));
        assertEquals(404, officerA.put("/api/zones/" + zone, polygon("旧区", "INCLUSION", LON, LAT, 0.02)).statusCode());
        assertEquals(404, officerA.delete("/api/zones/" + zone).statusCode());
        assertEquals(1, db.count("SELECT count(*) FROM audit_log WHERE action = 'zone.retire' AND target_id = ?", zone));
        // Nor can it be given to anyone any more.
        HttpResponse<Buffer> assign = officerA.post("/api/persons", new JsonObject().put("displayName", "郑三")
                .put("zoneIds", new JsonArray().add(zone)));
        assertTrue(assign.statusCode() == 404 || assign.statusCode() == 422, assign.bodyAsString());
    }

    @Test
    void theZonesExportAsAGeoJsonFeatureCollection() {
        String square = created(officerA.post("/api/zones", polygon("导出区", "HOME", LON, LAT, 0.01)));
        String circle = created(officerA.post("/api/zones", new JsonObject().put("name", "导出圆")
                .put("kind", "INCLUSION").put("circle", new JsonObject().put("center", pt(LON, LAT)).put("radiusMeters", 500))));
        HttpResponse<Buffer> r = officerA.get("/api/zones?format=geojson");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals("application/geo+json", r.getHeader("Content-Type"));
        JsonObject fc = r.bodyAsJsonObject();
        assertEquals("FeatureCollection", fc.getString("type"));
        JsonObject squareFeature = feature(fc, square);
        assertEquals("Polygon", squareFeature.getJsonObject("geometry").getString("type"));
        assertEquals("HOME", squareFeature.getJsonObject("properties").getString("kind"));
        assertEquals(officeA, squareFeature.getJsonObject("properties").getString("officeId"));
        assertNull(squareFeature.getJsonObject("properties").getValue("radiusMeters"));
        JsonObject circleFeature = feature(fc, circle);
        assertEquals("Point", circleFeature.getJsonObject("geometry").getString("type"));
        assertEquals(500.0, circleFeature.getJsonObject("properties").getDouble("radiusMeters"), 1e-9);
        assertEquals("导出圆", circleFeature.getJsonObject("properties").getString("name"));
        assertEquals(400, officerA.get("/api/zones?format=kml").statusCode());
        // Officer B's office has none of A's zones.
        assertEquals(0, officerB.get("/api/zones?format=geojson").bodyAsJsonObject().getJsonArray("features").size());
    }

    private static JsonObject feature(JsonObject fc, String id) {
        return fc.getJsonArray("features").stream().map(JsonObject.class::cast)
                .filter(f -> id.equals(f.getJsonObject("properties").getString("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no feature " + id + " in " + fc.encode()));
    }

    private static JsonObject polygon(String name, String kind, double lon, double lat, double half) {
        JsonArray ring = new JsonArray().add(pt(lon - half, lat - half)).add(pt(lon + half, lat - half))
                .add(pt(lon + half, lat + half)).add(pt(lon - half, lat + half)).add(pt(lon - half, lat - half));
        return new JsonObject().put("name", name).put("kind", kind)
                .put("geometry", new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring)));
    }

    private static JsonArray pt(double lon, double lat) {
        return new JsonArray().add(lon).add(lat);
    }

    private static String created(HttpResponse<Buffer> r) {
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getString("id");
    }
}
