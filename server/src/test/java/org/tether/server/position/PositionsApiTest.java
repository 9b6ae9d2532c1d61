package org.tether.server.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.RunningTether;
import org.tether.server.support.RunningTether.Session;
import org.tether.server.support.TestDatabase;

/**
 * {@code GET /api/positions} against the real server and database: who is where and in which state, only
 * within the caller's offices (404 for another office), audited once per call, {@code since} answering
 * only what changed, and 5,000 persons with a long history answered in one quick read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PositionsApiTest {

    private TestDatabase db;
    private RunningTether tether;
    private Session officerA;
    private Session officerB;
    private Session supervisor;
    private String officeA;
    private String officeB;
    private String located;
    private String neverLocated;
    private String alerted;
    private String silent;
    private String inB;

    @BeforeAll
    void start() {
        db = TestDatabase.create();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, Map.of());
        RunningTether.County county = tether.county("pos");
        officeA = county.officeA();
        officeB = county.officeB();
        officerA = county.officerA();
        officerB = county.officerB();
        supervisor = county.supervisor();
        located = person(officerA, "王一");
        neverLocated = person(officerA, "王二");
        alerted = person(officerA, "王三");
        silent = person(officerA, "王四");
        inB = person(officerB, "李五");
        // Fixes: a minute old (fine), a newer one that the geofence refused (FUTURE) must not count;
        // two hours old for the silent person (STRICT tier: 30 minutes allowed).
        fix(located, "PH-located", 2, 120.10, 30.20, "ACCEPTED");
        fix(located, "PH-located", 1, 120.11, 30.21, "ACCEPTED");
        fix(located, "PH-located", 0, 121.0, 31.0, "FUTURE");
        fix(alerted, "PH-alerted", 1, 120.30, 30.30, "ACCEPTED");
        fix(silent, "PH-silent", 120, 120.40, 30.40, "ACCEPTED");
        fix(inB, "PH-b", 1, 120.50, 30.50, "ACCEPTED");
        alert(alerted, "OUT_OF_AREA", "HIGH");
        alert(alerted, "BATTERY_LOW", "LOW");
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
    void theOfficeSeesItsPersonsAtTheirNewestAcceptedFixWithTheirState() {
        JsonObject body = ok(officerA.get("/api/positions"));
        Map<String, JsonObject> byPerson = byPerson(body.getJsonArray("items"));
        assertEquals(4, byPerson.size(), body.encode());
        JsonObject one = byPerson.get(located);
        assertEquals("OK", one.getString("status"));
        assertEquals(30.21, one.getDouble("lat"), 1e-9);
        assertEquals(120.11, one.getDouble("lon"), 1e-9);
        assertEquals(8.0, one.getDouble("accuracyMeters"), 1e-9);
        assertEquals("王一", one.getString("name"));
        assertEquals(officeA, one.getString("officeId"));
        assertEquals("PHONE", one.getString("deviceKind"));
        assertEquals(0, one.getInteger("openAlerts"));
        assertNull(one.getString("topSeverity"));
        JsonObject never = byPerson.get(neverLocated);
        assertEquals("NO_FIX", never.getString("status"));
        assertNull(never.getValue("lat"));
        assertNull(never.getValue("time"));
        JsonObject withAlerts = byPerson.get(alerted);
        assertEquals("ALERT", withAlerts.getString("status"));
        assertEquals(2, withAlerts.getInteger("openAlerts"));
        assertEquals("HIGH", withAlerts.getString("topSeverity"));
        assertEquals("NO_SIGNAL", byPerson.get(silent).getString("status"));
        assertTrue(body.getString("asOf").endsWith("Z"), body.encode());
    }

    @Test
    void anotherOfficeIsInvisibleAndEveryReadIsAudited() {
        Map<String, JsonObject> seenByB = byPerson(ok(officerB.get("/api/positions")).getJsonArray("items"));
        assertEquals(java.util.Set.of(inB), seenByB.keySet());
        HttpResponse<Buffer> foreign = officerB.get("/api/positions?officeId=" + officeA);
        assertEquals(404, foreign.statusCode(), foreign.bodyAsString());
        assertEquals("officeId", foreign.bodyAsJsonObject().getString("field"));
        assertEquals(400, officerA.get("/api/positions?since=yesterday").statusCode());
        assertEquals(403, tether.admin().get("/api/positions").statusCode());

        // The county supervisor sees both offices, or one when asked.
        assertEquals(5, ok(supervisor.get("/api/positions")).getJsonArray("items").size());
        assertEquals(1, ok(supervisor.get("/api/positions?officeId=" + officeB)).getJsonArray("items").size());

        long before = db.count("SELECT count(*) FROM audit_log WHERE action = 'positions.read' AND actor_username = 'pos-officer-a'");
        ok(officerA.get("/api/positions"));
        assertEquals(before + 1, db.count("SELECT count(*) FROM audit_log WHERE action = 'positions.read'"
                + " AND actor_username = 'pos-officer-a'"));
        assertEquals(4, db.count("SELECT (detail->>'count')::int FROM audit_log WHERE action = 'positions.read'"
                + " AND actor_username = 'pos-officer-a' ORDER BY id DESC LIMIT 1"));
        assertEquals(officeA, db.text("SELECT detail->'offices'->>0 FROM audit_log WHERE action = 'positions.read'"
                + " AND actor_username = 'pos-officer-a' ORDER BY id DESC LIMIT 1"));
    }

    @Test
    void sinceAnswersOnlyWhatChanged() {
        String county = tether.office("COUNTY_AGENCY", "增量县", null);
        String office = tether.office("JUSTICE_OFFICE", "丙司法所", county);
        Session officer = tether.staff("pos-officer-c", "OFFICER", office);
        String moving = person(officer, "赵一");
        String still = person(officer, "赵二");
        String leaving = person(officer, "赵三");
        fix(moving, "PH-moving", 5, 120.0, 30.0, "ACCEPTED");
        fix(still, "PH-still", 5, 120.0, 30.0, "ACCEPTED");
        // Everything so far happened long ago, as far as the read can tell.
        db.count("UPDATE positions SET received_at = received_at - interval '1 hour' WHERE device_id IN ('PH-moving', 'PH-still') RETURNING 1");
        db.count("UPDATE persons SET updated_at = now() - interval '1 hour' WHERE office_id = ?::uuid RETURNING 1", office);

        JsonObject first = ok(officer.get("/api/positions"));
        assertEquals(3, first.getJsonArray("items").size());
        String asOf = first.getString("asOf");
        JsonObject nothing = ok(officer.get("/api/positions?since=" + asOf));
        assertEquals(0, nothing.getJsonArray("items").size(), nothing.encode());

        fix(moving, "PH-moving", 0, 120.01, 30.01, "ACCEPTED");
        db.count("UPDATE persons SET status = 'ENDED', ended_on = current_date, updated_at = now() WHERE id = ?::uuid RETURNING 1",
                leaving);
        JsonObject changed = ok(officer.get("/api/positions?since=" + asOf));
        assertEquals(java.util.Set.of(moving), byPerson(changed.getJsonArray("items")).keySet(), changed.encode());
        assertEquals(30.01, changed.getJsonArray("items").getJsonObject(0).getDouble("lat"), 1e-9);
        assertEquals(new JsonArray().add(leaving), changed.getJsonArray("removedPersonIds"));
    }

    @Test
    void fiveThousandPersonsWithTheirHistoryInOneQuickRead() {
        String county = tether.office("COUNTY_AGENCY", "大县", null);
        String office = tether.office("JUSTICE_OFFICE", "大司法所", county);
        Session officer = tether.staff("pos-officer-big", "OFFICER", office);
        db.count("""
                WITH p AS (INSERT INTO persons (id, display_name, office_id)
                           SELECT gen_random_uuid(), 'P' || g, ?::uuid FROM generate_series(1, 5000) g RETURNING id)
                SELECT count(*) FROM p""", office);
        // 100 fixes each (half a million rows): the read must not grow with the history.
        db.count("""
                WITH f AS (INSERT INTO positions (device_id, person_id, fix_time, received_at, geom, reported_lat,
                                                  reported_lon, crs, accuracy_m, source, fix_class)
                           SELECT 'BIG-' || p.id, p.id, now() - (k * interval '1 minute'), now() - (k * interval '1 minute'),
                                  ST_SetSRID(ST_MakePoint(120 + random(), 30 + random()), 4326), 30, 120, 'WGS84', 10,
                                  'GNSS', 'ACCEPTED'
                             FROM persons p CROSS JOIN generate_series(1, 100) k WHERE p.office_id = ?::uuid
                           RETURNING 1)
                SELECT count(*) FROM f""", office);
        ok(officer.get("/api/positions")); // warm the connection and plan
        long started = System.nanoTime();
        JsonObject body = ok(officer.get("/api/positions"));
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertEquals(5000, body.getJsonArray("items").size());
        assertTrue(body.getJsonArray("items").stream().map(JsonObject.class::cast)
                .allMatch(p -> "OK".equals(p.getString("status")) && p.getDouble("lat") != null));
        System.out.println("GET /api/positions, 5,000 persons x 100 fixes: " + ms + " ms");
        assertTrue(ms < 3_000, "took " + ms + " ms");
    }

    private String person(Session officer, String name) {
        HttpResponse<Buffer> r = officer.post("/api/persons", new JsonObject().put("displayName", name));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getString("id");
    }

    private void fix(String person, String device, int minutesAgo, double lon, double lat, String fixClass) {
        db.count("INSERT INTO positions (device_id, person_id, fix_time, received_at, geom, reported_lat, reported_lon,"
                        + " crs, accuracy_m, source, fix_class) VALUES (?, ?::uuid, now() - (? * interval '1 minute'), now(),"
                        + " ST_SetSRID(ST_MakePoint(?, ?), 4326), ?, ?, 'WGS84', 8, 'GNSS', ?) RETURNING 1",
                device, person, minutesAgo, lon, lat, lat, lon, fixClass);
        db.count("WITH d AS (INSERT INTO devices (id, kind, office_id) SELECT ?, 'PHONE', office_id FROM persons"
                + " WHERE id = ?::uuid ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*) FROM d", device, person);
    }

    private void alert(String person, String type, String severity) {
        db.count("INSERT INTO alerts (person_id, type, severity, dedup_key, first_seen, last_seen, rule)"
                + " VALUES (?::uuid, ?, ?, ?, now(), now(), 'test') RETURNING id", person, type, severity, type);
    }

    private static JsonObject ok(HttpResponse<Buffer> r) {
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    private static Map<String, JsonObject> byPerson(JsonArray items) {
        Map<String, JsonObject> out = new HashMap<>();
        items.forEach(o -> out.put(((JsonObject) o).getString("personId"), (JsonObject) o));
        return out;
    }
}
