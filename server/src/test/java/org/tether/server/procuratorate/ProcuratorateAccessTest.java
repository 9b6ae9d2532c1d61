package org.tether.server.procuratorate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tether.server.support.Await;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.RunningTether;
import org.tether.server.support.RunningTether.Session;
import org.tether.server.support.TestDatabase;

/**
 * Major events, the notification log and recommendations with replies, by role and jurisdiction, on a
 * server whose delivery is off (notifications recorded, shown as OFF). County X has justice offices A
 * and B, county Y office C; procurator X supervises county X, procurator Y county Y.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcuratorateAccessTest {

    private static final String ID_CARD = "11010519491231002X";

    private TestDatabase db;
    private RunningTether tether;
    private Session admin;
    private Session officerA;
    private Session officerB;
    private Session officerC;
    private Session supervisorX;
    private Session procuratorX;
    private Session procuratorY;
    private String officeA;
    private String officeC;
    private String personA;
    private String personC;

    @BeforeAll
    void start() {
        db = TestDatabase.create();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, Map.of());
        admin = tether.admin();
        String countyX = tether.office("COUNTY_AGENCY", "X县", null);
        String countyY = tether.office("COUNTY_AGENCY", "Y县", null);
        officeA = tether.office("JUSTICE_OFFICE", "A司法所", countyX);
        String officeB = tether.office("JUSTICE_OFFICE", "B司法所", countyX);
        officeC = tether.office("JUSTICE_OFFICE", "C司法所", countyY);
        officerA = tether.staff("officer-a", "OFFICER", officeA);
        officerB = tether.staff("officer-b", "OFFICER", officeB);
        officerC = tether.staff("officer-c", "OFFICER", officeC);
        supervisorX = tether.staff("supervisor-x", "COUNTY_SUPERVISOR", countyX);
        procuratorX = tether.staff("procurator-x", "PROCURATOR", countyX);
        procuratorY = tether.staff("procurator-y", "PROCURATOR", countyY);
        personA = created(officerA.post("/api/persons", new JsonObject().put("displayName", "张三丰")
                .put("idCardNumber", ID_CARD))).getString("id");
        personC = created(officerC.post("/api/persons", new JsonObject().put("displayName", "李四"))).getString("id");
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
    void aMajorEventIsRecordedWithItsNotificationAndAuditRow() {
        Instant at = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        JsonObject event = created(officerA.post("/api/persons/" + personA + "/major-events", new JsonObject()
                .put("kind", "DETAINED").put("summary", "被公安机关刑事拘留").put("occurredAt", at.toString())));
        assertEquals("32", event.getString("article"));
        long notificationId = event.getLong("notificationId");

        JsonObject n = notification(officerA, notificationId);
        assertEquals("DETAINED", n.getString("kind"));
        assertEquals(personA, n.getString("personId"));
        assertEquals(officeA, n.getString("officeId"));
        assertEquals(event.getLong("id"), n.getLong("eventId"));
        assertNull(n.getLong("alertId"));
        assertEquals("OFF", n.getJsonObject("delivery").getString("state"), "delivery is not configured here");
        JsonObject payload = n.getJsonObject("payload");
        assertEquals(n.getString("idempotencyKey"), payload.getString("id"));
        assertEquals("32", payload.getString("article"));
        assertEquals("张*丰", payload.getJsonObject("person").getString("name"), "the name is masked");
        assertEquals("A司法所", payload.getJsonObject("office").getString("name"));
        assertEquals(at, Instant.parse(payload.getString("occurredAt")));
        assertFalse(payload.encode().contains(ID_CARD) || payload.encode().contains("张三丰"),
                "neither the ID-card number nor the full name leaves: " + payload.encode());

        JsonArray audit = ok(supervisorX.get("/api/audit")).getJsonArray("items");
        assertTrue(audit.stream().map(JsonObject.class::cast).anyMatch(e -> "person.major_event".equals(e.getString("action"))
                && personA.equals(e.getString("targetId"))), audit.encode());
    }

    @Test
    void badEventsAreRefusedNamingTheField() {
        String path = "/api/persons/" + personA + "/major-events";
        JsonObject good = new JsonObject().put("kind", "DEATH").put("summary", "病故").put("occurredAt", Instant.now().toString());
        problem(officerA.post(path, good.copy().put("kind", "SUSPECTED_ABSCONDING")), 400, "kind");
        problem(officerA.post(path, good.copy().put("kind", "HOLIDAY")), 400, "kind");
        problem(officerA.post(path, withoutSummary(good)), 400, "summary");
        problem(officerA.post(path, good.copy().put("occurredAt", Instant.now().plus(Duration.ofDays(1)).toString())), 400,
                "occurredAt");
        problem(officerA.post(path, good.copy().put("occurredAt", "yesterday")), 400, "occurredAt");
        problem(officerB.post(path, good), 404, "personId");
        assertEquals(403, procuratorX.post(path, good).statusCode(), "a procurator records nothing on a person");
        assertEquals(403, admin.post(path, good).statusCode());
    }

    @Test
    void procuratorsReadTheirJurisdictionOnlyAndChangeNothing() {
        created(officerA.post("/api/persons/" + personA + "/major-events", new JsonObject().put("kind", "PLACE_CHANGE")
                .put("summary", "经批准变更执行地至B县").put("occurredAt", Instant.now().toString())));
        created(officerC.post("/api/persons/" + personC + "/major-events", new JsonObject().put("kind", "CORRECTION_ENDED")
                .put("summary", "矫正期满").put("occurredAt", Instant.now().toString())));

        assertTrue(people(procuratorX).contains(personA));
        assertFalse(people(procuratorX).contains(personC), "county Y is not procurator X's");
        assertTrue(people(procuratorY).contains(personC));
        assertFalse(people(procuratorY).contains(personA));
        assertFalse(people(officerB).contains(personA), "another office's officer sees none of A's");
        assertTrue(people(supervisorX).contains(personA));
        assertEquals(403, admin.get("/api/procuratorate/notifications").statusCode());
        problem(procuratorX.get("/api/procuratorate/notifications?status=LOST"), 400, "status");

        // Read-only for everything else.
        assertEquals(403, procuratorX.patch("/api/persons/" + personA, new JsonObject().put("tier", "NORMAL")).statusCode());
        assertEquals(403, procuratorX.post("/api/persons", new JsonObject().put("displayName", "x")).statusCode());
        assertEquals(200, procuratorX.get("/api/persons/" + personA).statusCode());
    }

    @Test
    void recommendationsNeedAWrittenReplyAndOverdueOnesAreFlagged() throws Exception {
        String path = "/api/procuratorate/recommendations";
        JsonObject rec = new JsonObject().put("kind", "CORRECTION_OPINION").put("personId", personA)
                .put("content", "未按规定开展信息化核查，请予纠正").put("replyDueAt", Instant.now().plusSeconds(2).toString());
        assertEquals(403, officerA.post(path, rec).statusCode(), "officers do not issue recommendations");
        assertEquals(403, supervisorX.post(path, rec).statusCode());
        problem(procuratorY.post(path, rec), 404, "personId");
        problem(procuratorY.post(path, officeOnly(rec, officeA)), 404, "officeId");
        problem(procuratorX.post(path, rec.copy().put("officeId", officeC)), 404, "officeId");
        problem(procuratorX.post(path, rec.copy().put("replyDueAt", Instant.now().minusSeconds(60).toString())), 400,
                "replyDueAt");
        problem(procuratorX.post(path, rec.copy().put("kind", "ORDER")), 400, "kind");

        JsonObject issued = created(procuratorX.post(path, rec));
        assertEquals(officeA, issued.getString("officeId"), "a person's recommendation goes to the person's office");
        assertFalse(issued.getBoolean("overdue"));
        JsonObject onOffice = created(procuratorX.post(path, officeOnly(rec, officeA)
                .put("kind", "RECOMMENDATION").put("replyDueAt", Instant.now().plus(Duration.ofDays(30)).toString())));
        assertNull(onOffice.getString("personId"));

        Await.until("the reply deadline to pass", Duration.ofSeconds(10), () ->
                recommendation(officerA, issued.getString("id")).getBoolean("overdue"));
        List<String> overdue = ok(procuratorX.get(path + "?overdue=true")).getJsonArray("items").stream()
                .map(JsonObject.class::cast).map(j -> j.getString("id")).toList();
        assertEquals(List.of(issued.getString("id")), overdue, "only the unanswered one past its deadline");
        assertTrue(ok(procuratorY.get(path)).getJsonArray("items").isEmpty(), "county Y sees none of county X's");

        String reply = path + "/" + issued.getString("id") + "/reply";
        JsonObject answer = new JsonObject().put("reply", "已责令司法所整改并每周开展核查");
        assertEquals(403, procuratorX.post(reply, answer).statusCode(), "the procurator does not answer itself");
        problem(officerB.post(reply, answer), 404, "recommendationId");
        problem(officerA.post(reply, new JsonObject()), 400, "reply");
        JsonObject replied = ok(officerA.post(reply, answer));
        assertEquals(answer.getString("reply"), replied.getString("reply"));
        assertNotNull(replied.getString("repliedAt"));
        assertFalse(replied.getBoolean("overdue"));
        assertTrue(replied.getBoolean("repliedLate"), "answered after the deadline");
        problem(officerA.post(reply, answer), 409, "recommendationId");
        assertTrue(ok(procuratorX.get(path + "?overdue=true")).getJsonArray("items").isEmpty());

        JsonObject onTime = ok(supervisorX.post(path + "/" + onOffice.getString("id") + "/reply", answer));
        assertFalse(onTime.getBoolean("repliedLate"));
        JsonArray audit = ok(supervisorX.get("/api/audit")).getJsonArray("items");
        assertTrue(audit.stream().map(JsonObject.class::cast)
                .anyMatch(e -> "procuratorate.recommendation.reply".equals(e.getString("action"))));
        assertTrue(audit.stream().map(JsonObject.class::cast)
                .anyMatch(e -> "procuratorate.recommendation.issue".equals(e.getString("action"))));
    }

    private static JsonObject withoutSummary(JsonObject good) {
        JsonObject copy = good.copy();
        copy.remove("summary");
        return copy;
    }

    private static JsonObject officeOnly(JsonObject rec, String office) {
        JsonObject copy = rec.copy();
        copy.remove("personId");
        return copy.put("officeId", office);
    }

    private JsonObject recommendation(Session as, String id) {
        return ok(as.get("/api/procuratorate/recommendations")).getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(j -> id.equals(j.getString("id"))).findFirst().orElseThrow();
    }

    private List<String> people(Session as) {
        return ok(as.get("/api/procuratorate/notifications")).getJsonArray("items").stream().map(JsonObject.class::cast)
                .map(j -> j.getString("personId")).toList();
    }

    private JsonObject notification(Session as, long id) {
        return ok(as.get("/api/procuratorate/notifications")).getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(j -> j.getLong("id") == id).findFirst().orElseThrow();
    }

    static JsonObject created(HttpResponse<Buffer> r) {
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    static JsonObject ok(HttpResponse<Buffer> r) {
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    static void problem(HttpResponse<Buffer> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertEquals("application/problem+json", r.getHeader("Content-Type"));
        assertEquals(field, r.bodyAsJsonObject().getString("field"), r.bodyAsString());
    }
}
