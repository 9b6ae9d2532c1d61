package org.tether.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
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
import org.tether.server.support.TestOrg;

/**
 * Roles and office scoping against the real server and database. County X has justice offices A and B,
 * county Y has office C. An officer sees their office only; a county supervisor the offices below their
 * county; a procurator reads their county and changes nothing; an administrator manages the
 * organisation, staff and vendors and sees no person. Every change and every trail read is audited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryAccessTest {

    private static final String ID_CARD = "11010519491231002X";

    private TestDatabase db;
    private RunningTether tether;
    private Session admin;
    private Session officerA;
    private Session officerB;
    private Session officerC;
    private Session supervisorX;
    private Session supervisorY;
    private Session procuratorX;
    private String officeA;
    private String personA;
    private String zoneA;
    private String phoneA;
    private String personB;

    @BeforeAll
    void start() {
        db = TestDatabase.create();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, Map.of());
        admin = tether.admin();
        String countyX = tether.office("COUNTY_AGENCY", "X县", null);
        String countyY = tether.office("COUNTY_AGENCY", "Y县", null);
        officeA = tether.office("JUSTICE_OFFICE", "A司法所", countyX);
        String officeB = tether.office("JUSTICE_OFFICE", "B司法所", countyX);
        String officeC = tether.office("JUSTICE_OFFICE", "C司法所", countyY);
        officerA = tether.staff("officer-a", "OFFICER", officeA);
        officerB = tether.staff("officer-b", "OFFICER", officeB);
        officerC = tether.staff("officer-c", "OFFICER", officeC);
        supervisorX = tether.staff("supervisor-x", "COUNTY_SUPERVISOR", countyX);
        supervisorY = tether.staff("supervisor-y", "COUNTY_SUPERVISOR", countyY);
        procuratorX = tether.staff("procurator-x", "PROCURATOR", countyX);

        zoneA = created(officerA.post("/api/zones", new JsonObject().put("name", "A区").put("kind", "INCLUSION")
                .put("circle", new JsonObject().put("center", new JsonArray().add(120.15).add(30.27)).put("radiusMeters", 3000))))
                .getString("id");
        personA = created(officerA.post("/api/persons", new JsonObject().put("displayName", "张三").put("caseType", "PROBATION")
                .put("correctionStartsOn", "2026-01-01").put("correctionEndsOn", "2027-06-30").put("idCardNumber", ID_CARD)
                .put("zoneIds", new JsonArray().add(zoneA)))).getString("id");
        phoneA = "PH-" + UUID.randomUUID().toString().substring(0, 8);
        created(officerA.post("/api/devices", new JsonObject().put("id", phoneA).put("kind", "PHONE").put("personId", personA)));
        personB = created(officerB.post("/api/persons", new JsonObject().put("displayName", "李四"))).getString("id");
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
    void withoutAValidTokenEveryStaffCallIs401() {
        for (String path : new String[] {"/api/persons", "/api/zones", "/api/devices", "/api/alerts", "/api/alerts/stream",
                "/api/persons/" + personA + "/trail?purpose=review", "/api/offices", "/api/audit"}) {
            HttpResponse<Buffer> r = tether.anonymous().get(path);
            assertEquals(401, r.statusCode(), path);
            assertEquals("application/problem+json", r.getHeader("Content-Type"));
        }
        assertEquals(401, tether.anonymous().post("/api/persons", new JsonObject().put("displayName", "x")).statusCode());
        assertEquals(401, tether.anonymous().get("/api/persons").statusCode());
    }

    @Test
    void aWrongPasswordIsRefusedAndASignedOutTokenStopsWorking() {
        HttpResponse<Buffer> refused = tether.anonymous().post("/api/session",
                new JsonObject().put("username", "officer-a").put("password", "not-the-password"));
        assertEquals(401, refused.statusCode());
        Session s = tether.session("officer-a", TestOrg.PASSWORD);
        assertEquals(200, s.get("/api/session").statusCode());
        assertEquals(204, s.delete("/api/session").statusCode());
        assertEquals(401, s.get("/api/persons").statusCode());
    }

    @Test
    void aDeactivatedAccountIsLockedOutAtOnce() {
        Session temp = tether.staff("officer-temp", "OFFICER", officeA);
        String id = temp.get("/api/session").bodyAsJsonObject().getString("id");
        assertEquals(200, admin.patch("/api/staff/" + id, new JsonObject().put("active", false)).statusCode());
        assertEquals(401, temp.get("/api/persons").statusCode());
        assertEquals(401, tether.anonymous().post("/api/session", new JsonObject().put("username", "officer-temp")
                .put("password", TestOrg.PASSWORD)).statusCode());
    }

    @Test
    void anOfficerCannotReadOrChangeAnotherOfficesPersonsDevicesZonesOrTrail() {
        assertEquals(404, officerB.get("/api/persons/" + personA).statusCode());
        assertFalse(ids(officerB.get("/api/persons")).contains(personA));
        assertEquals(404, officerB.patch("/api/persons/" + personA, new JsonObject().put("tier", "LENIENT")).statusCode());
        assertEquals(404, officerB.get("/api/persons/" + personA + "/trail?purpose=review").statusCode());
        assertEquals(404, officerB.put("/api/persons/" + personA + "/curfew", new JsonObject().put("windows", new JsonArray()))
                .statusCode());
        assertEquals(404, officerB.post("/api/persons/" + personA + "/zones", new JsonObject().put("zoneIds", new JsonArray()))
                .statusCode());
        // B's own person cannot be given A's zone.
        problem(officerB.post("/api/persons/" + personB + "/zones", new JsonObject().put("zoneIds", new JsonArray().add(zoneA))),
                422, "zoneIds");
        assertEquals(404, officerB.get("/api/zones/" + zoneA).statusCode());
        assertFalse(ids(officerB.get("/api/zones")).contains(zoneA));
        assertEquals(404, officerB.get("/api/devices/" + phoneA).statusCode());
        assertFalse(ids(officerB.get("/api/devices")).contains(phoneA));
        assertEquals(404, officerB.delete("/api/devices/" + phoneA + "/binding").statusCode());
        problem(officerB.post("/api/persons", new JsonObject().put("displayName", "x").put("officeId", officeA)), 404, "officeId");
        assertEquals(0, db.count("SELECT count(*) FROM audit_log WHERE actor_username = 'officer-b' AND target_id = ?", personA));
        assertEquals(200, officerA.get("/api/persons/" + personA).statusCode());
    }

    @Test
    void aCountySupervisorSeesTheOfficesBelowTheCountyAndNoOtherCounty() {
        JsonArray items = supervisorX.get("/api/persons").bodyAsJsonObject().getJsonArray("items");
        assertTrue(ids(items).contains(personA) && ids(items).contains(personB), items.encode());
        assertEquals(200, supervisorX.get("/api/persons/" + personA + "/trail?purpose=review").statusCode());
        assertEquals(200, supervisorX.patch("/api/persons/" + personB, new JsonObject().put("tier", "NORMAL")).statusCode());
        assertEquals(404, supervisorY.get("/api/persons/" + personA).statusCode());
        assertEquals(404, supervisorY.get("/api/persons/" + personA + "/trail?purpose=review").statusCode());
        assertTrue(supervisorY.get("/api/persons").bodyAsJsonObject().getJsonArray("items").isEmpty());
        assertEquals(404, officerC.get("/api/persons/" + personB).statusCode());
        assertEquals(404, supervisorY.get("/api/devices/" + phoneA).statusCode());
    }

    @Test
    void aProcuratorReadsTheCountyButEveryWriteIs403() {
        assertEquals(200, procuratorX.get("/api/persons/" + personA).statusCode());
        assertEquals(200, procuratorX.get("/api/persons/" + personA + "/trail?purpose=review").statusCode());
        assertEquals(200, procuratorX.get("/api/devices/" + phoneA).statusCode());
        assertEquals(200, procuratorX.get("/api/zones/" + zoneA).statusCode());
        assertEquals(200, procuratorX.get("/api/alerts").statusCode());
        assertEquals(200, procuratorX.get("/api/audit").statusCode());
        assertEquals(403, procuratorX.post("/api/persons", new JsonObject().put("displayName", "x").put("officeId", officeA))
                .statusCode());
        assertEquals(403, procuratorX.patch("/api/persons/" + personA, new JsonObject().put("tier", "LENIENT")).statusCode());
        assertEquals(403, procuratorX.post("/api/zones", new JsonObject().put("name", "z").put("kind", "INCLUSION")).statusCode());
        assertEquals(403, procuratorX.post("/api/persons/" + personA + "/zones", new JsonObject()).statusCode());
        assertEquals(403, procuratorX.put("/api/persons/" + personA + "/curfew", new JsonObject()).statusCode());
        assertEquals(403, procuratorX.post("/api/persons/" + personA + "/leaves", new JsonObject()).statusCode());
        assertEquals(403, procuratorX.post("/api/devices", new JsonObject().put("id", "P-1").put("kind", "PHONE")).statusCode());
        assertEquals(403, procuratorX.delete("/api/devices/" + phoneA + "/binding").statusCode());
        assertEquals(403, procuratorX.post("/api/persons/" + personA + "/em-orders", TestOrg.emOrder()).statusCode());
        assertEquals(403, procuratorX.post("/api/vendors", new JsonObject().put("id", "v").put("name", "v")).statusCode());
        assertEquals(403, procuratorX.post("/api/offices", new JsonObject().put("kind", "COUNTY_AGENCY").put("name", "n"))
                .statusCode());
    }

    @Test
    void anAdministratorManagesOrganisationStaffAndVendorsButSeesNoPerson() {
        assertEquals(201, admin.post("/api/vendors", new JsonObject().put("id", "acme-" + UUID.randomUUID().toString()
                .substring(0, 6)).put("name", "Acme")).statusCode());
        assertEquals(403, admin.get("/api/persons").statusCode());
        assertEquals(403, admin.get("/api/persons/" + personA + "/trail?purpose=review").statusCode());
        assertEquals(403, admin.get("/api/alerts").statusCode());
        assertEquals(403, admin.post("/api/persons", new JsonObject().put("displayName", "x").put("officeId", officeA))
                .statusCode());
        for (Session s : new Session[] {officerA, supervisorX}) {
            assertEquals(403, s.post("/api/offices", new JsonObject().put("kind", "COUNTY_AGENCY").put("name", "n")).statusCode());
            assertEquals(403, s.post("/api/staff", TestOrg.staff("someone", "OFFICER", officeA)).statusCode());
            assertEquals(403, s.post("/api/vendors", new JsonObject().put("id", "v2").put("name", "v")).statusCode());
        }
        // A role must sit at the right kind of office.
        problem(admin.post("/api/staff", TestOrg.staff("wrong-place", "OFFICER", tether.org().agencyId())), 422, "officeId");
        problem(admin.post("/api/staff", TestOrg.staff("short-pw", "OFFICER", officeA).put("password", "short")), 400, "password");
    }

    @Test
    void theIdCardNumberIsShownMaskedAndValidated() {
        JsonObject p = officerA.get("/api/persons/" + personA).bodyAsJsonObject();
        assertEquals("110***********002X", p.getString("idCardNumber"));
        assertEquals("PROBATION", p.getString("caseType"));
        assertEquals("STRICT", p.getString("tier"));
        assertEquals(ID_CARD, db.text("SELECT id_card_number FROM persons WHERE id = ?::uuid", personA));
        assertEquals(0, db.count("SELECT count(*) FROM audit_log WHERE detail::text LIKE ?", "%" + ID_CARD + "%"));
        problem(officerA.post("/api/persons", new JsonObject().put("displayName", "x").put("idCardNumber", "110105194912310021")),
                400, "idCardNumber");
        problem(officerA.post("/api/persons", new JsonObject().put("displayName", "x").put("idCardNumber", ID_CARD)),
                409, "idCardNumber");
        problem(officerA.patch("/api/persons/" + personA, new JsonObject().put("tier", "SOMETIMES")), 400, "tier");
        problem(officerA.post("/api/persons", new JsonObject().put("displayName", "x").put("correctionStartsOn", "2026-02-01")
                .put("correctionEndsOn", "2026-01-01")), 400, "correctionEndsOn");
    }

    @Test
    void everyChangeAndEveryTrailReadLeavesAnAuditRow() {
        String p = created(officerA.post("/api/persons", new JsonObject().put("displayName", "王五"))).getString("id");
        assertEquals(200, officerA.patch("/api/persons/" + p, new JsonObject().put("tier", "NORMAL")).statusCode());
        assertEquals(200, officerA.put("/api/persons/" + p + "/curfew", new JsonObject().put("windows", new JsonArray()
                .add(new JsonObject().put("day", "MON").put("start", "22:00").put("end", "06:00")))).statusCode());
        assertEquals(201, officerA.post("/api/persons/" + p + "/zones", new JsonObject().put("zoneIds", new JsonArray().add(zoneA)))
                .statusCode());
        assertEquals(201, officerA.post("/api/persons/" + p + "/leaves", new JsonObject().put("from", "2026-12-01T08:00:00+08:00")
                .put("to", "2026-12-03T08:00:00+08:00").put("zoneIds", new JsonArray().add(zoneA))).statusCode());
        assertEquals(5, db.count("SELECT count(*) FROM audit_log WHERE target_type = 'person' AND target_id = ?"
                + " AND actor_username = 'officer-a' AND action IN ('person.create', 'person.update', 'person.curfew.replace',"
                + " 'person.zones.assign', 'person.leave.create')", p));
        assertEquals("NORMAL", db.text("SELECT detail->'changed'->>'tier' FROM audit_log WHERE action = 'person.update'"
                + " AND target_id = ?", p));

        // A trail: two stored positions, read by the procurator; the read is recorded with who, when and what.
        for (int i = 0; i < 2; i++) {
            db.count("INSERT INTO positions (device_id, person_id, fix_time, received_at, geom, reported_lat, reported_lon,"
                    + " crs, accuracy_m, source, fix_class) VALUES (?, ?::uuid, now() - (? * interval '1 minute'), now(),"
                    + " ST_SetSRID(ST_MakePoint(120.15, 30.27), 4326), 30.27, 120.15, 'WGS84', 8, 'GNSS', 'VALID') RETURNING 1",
                    phoneA, personA, i + 1);
        }
        long before = db.count("SELECT count(*) FROM audit_log WHERE action = 'person.trail.read'");
        JsonObject trail = procuratorX.get("/api/persons/" + personA + "/trail?purpose=review").bodyAsJsonObject();
        assertEquals(2, trail.getJsonArray("items").size(), trail.encode());
        assertEquals(30.27, trail.getJsonArray("items").getJsonObject(0).getDouble("lat"), 1e-9);
        assertEquals(before + 1, db.count("SELECT count(*) FROM audit_log WHERE action = 'person.trail.read'"));
        assertEquals(1, db.count("SELECT count(*) FROM audit_log WHERE action = 'person.trail.read' AND actor_username ="
                + " 'procurator-x' AND target_id = ? AND (detail->>'points')::int = 2", personA));
        problem(officerA.get("/api/persons/" + personA + "/trail?purpose=review&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z"),
                400, "from");
        problem(officerA.get("/api/persons/" + personA + "/trail?purpose=review&from=yesterday"), 400, "from");
        // Opening a trail says why; the reason is kept with the read.
        problem(officerA.get("/api/persons/" + personA + "/trail"), 400, "purpose");
        problem(officerA.get("/api/persons/" + personA + "/trail?purpose=%20%20"), 400, "purpose");
        problem(officerA.get("/api/persons/" + personA + "/trail?purpose=" + "x".repeat(201)), 400, "purpose");
        assertEquals(200, officerA.get("/api/persons/" + personA + "/trail?purpose=" + "x".repeat(200)).statusCode());
        assertEquals("review", db.text("SELECT detail->>'purpose' FROM audit_log WHERE action = 'person.trail.read'"
                + " AND actor_username = 'procurator-x' ORDER BY id DESC LIMIT 1"));

        // Append-only.
        assertThrowsSql("UPDATE audit_log SET action = 'x'");
        assertThrowsSql("DELETE FROM audit_log");
        // Officers do not read the audit trail; supervisors read their county's.
        assertEquals(403, officerA.get("/api/audit").statusCode());
        JsonArray audit = supervisorX.get("/api/audit?targetType=person&targetId=" + p).bodyAsJsonObject().getJsonArray("items");
        assertEquals(5, audit.size(), audit.encode());
        assertTrue(supervisorY.get("/api/audit?targetId=" + p).bodyAsJsonObject().getJsonArray("items").isEmpty());
    }

    private void assertThrowsSql(String sql) {
        try {
            db.count(sql + " RETURNING 1");
        } catch (IllegalStateException e) {
            assertTrue(String.valueOf(e.getCause()).contains("append-only"), String.valueOf(e.getCause()));
            return;
        }
        throw new AssertionError(sql + " succeeded on the audit log");
    }

    static JsonObject created(HttpResponse<Buffer> r) {
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    static JsonObject problem(HttpResponse<Buffer> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertEquals("application/problem+json", r.getHeader("Content-Type"));
        assertEquals(field, r.bodyAsJsonObject().getString("field"), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    private static java.util.List<String> ids(HttpResponse<Buffer> r) {
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return ids(r.bodyAsJsonObject().getJsonArray("items"));
    }

    private static java.util.List<String> ids(JsonArray items) {
        return items.stream().map(o -> ((JsonObject) o).getString("id")).toList();
    }
}
