package org.tether.server.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.RunningTether;
import org.tether.server.support.RunningTether.Session;
import org.tether.server.support.TestDatabase;

/** The alert queue's filters and priority order ({@code GET /api/alerts}), scoped by office, on the real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class AlertQueueFiltersTest {

    private TestDatabase db;
    private RunningTether tether;
    private Session officerA;
    private Session supervisor;
    private String officeA;
    private String officeB;
    private String personA;
    private long lowOld;
    private long criticalOld;
    private long highNew;
    private long criticalNew;
    private long inB;

    @BeforeAll
    void start() {
        db = TestDatabase.create();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, Map.of());
        RunningTether.County county = tether.county("queue");
        officeA = county.officeA();
        officeB = county.officeB();
        officerA = county.officerA();
        Session officerB = county.officerB();
        supervisor = county.supervisor();
        personA = person(officerA, "钱一");
        String personB = person(officerB, "孙二");
        lowOld = alert(personA, "BATTERY_LOW", "LOW", 50);
        criticalOld = alert(personA, "TAMPER", "CRITICAL", 40);
        highNew = alert(personA, "OUT_OF_AREA", "HIGH", 5);
        criticalNew = alert(personA, "EXCLUSION_ZONE_ENTRY", "CRITICAL", 1);
        inB = alert(personB, "TAMPER", "CRITICAL", 2);
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
    void priorityPutsTheMostSevereFirstThenTheNewest() {
        assertEquals(List.of(criticalNew, criticalOld, highNew, lowOld), ids(officerA.get("/api/alerts?sort=priority")));
        JsonObject first = items(officerA.get("/api/alerts?sort=priority")).getJsonObject(0);
        assertEquals("钱一", first.getString("personName"));
        assertEquals(officeA, first.getString("officeId"));
        assertEquals(personA, first.getString("personId"));
    }

    @Test
    void filtersByTypeSeverityOfficeAndState() {
        assertEquals(List.of(criticalOld, lowOld), ids(officerA.get("/api/alerts?sort=priority&type=TAMPER,battery_low")));
        assertEquals(List.of(criticalNew, criticalOld), ids(officerA.get("/api/alerts?sort=priority&severity=CRITICAL")));
        assertEquals(List.of(highNew), ids(officerA.get("/api/alerts?severity=HIGH,MEDIUM&state=OPEN")));
        assertEquals(List.of(inB), ids(supervisor.get("/api/alerts?sort=priority&officeId=" + officeB + "&type=TAMPER")));
        assertEquals(5, ids(supervisor.get("/api/alerts")).size());
        assertEquals(List.of(), ids(officerA.get("/api/alerts?state=RESOLVED&severity=CRITICAL")));
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE) // adds an alert the other tests' lists do not expect
    void liveEventsCarryThePersonsOffice() throws InterruptedException {
        var stream = tether.openAlertStream(officerA);
        long id = alert(personA, "MISSED_CHECK_IN", "MEDIUM", 0);
        JsonObject event = RunningTether.awaitAlert(stream, a -> a.getLong("id") == id, java.time.Duration.ofSeconds(20));
        org.junit.jupiter.api.Assertions.assertNotNull(event, "no live event for alert " + id);
        assertEquals(officeA, event.getString("officeId"));
        db.count("UPDATE alerts SET state = 'RESOLVED', resolved_at = now(), resolution = 'OTHER', resolution_note = 'test'"
                + " WHERE id = ? RETURNING 1", id);
    }

    @Test
    void badFiltersAndForeignOfficesAreRefused() {
        problem(officerA.get("/api/alerts?type=TAMPER,NOPE"), 400, "type");
        problem(officerA.get("/api/alerts?severity=URGENT"), 400, "severity");
        problem(officerA.get("/api/alerts?sort=random"), 400, "sort");
        problem(officerA.get("/api/alerts?officeId=nope"), 400, "officeId");
        problem(officerA.get("/api/alerts?officeId=" + officeB), 404, "officeId");
    }

    private String person(Session officer, String name) {
        HttpResponse<Buffer> r = officer.post("/api/persons", new JsonObject().put("displayName", name));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getString("id");
    }

    private long alert(String person, String type, String severity, int minutesAgo) {
        return db.count("INSERT INTO alerts (person_id, type, severity, dedup_key, first_seen, last_seen, rule)"
                + " VALUES (?::uuid, ?, ?, ?, now() - (? * interval '1 minute'), now() - (? * interval '1 minute'), 'test')"
                + " RETURNING id", person, type, severity, type, minutesAgo, minutesAgo);
    }

    private static JsonArray items(HttpResponse<Buffer> r) {
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getJsonArray("items");
    }

    private static List<Long> ids(HttpResponse<Buffer> r) {
        return items(r).stream().map(o -> ((JsonObject) o).getLong("id")).toList();
    }

    private static void problem(HttpResponse<Buffer> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertEquals(field, r.bodyAsJsonObject().getString("field"), r.bodyAsString());
    }
}
