package org.tether.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.tether.server.registry.RegistryAccessTest.created;
import static org.tether.server.registry.RegistryAccessTest.problem;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * Electronic-monitoring orders (law Art. 29) and device bindings: no bracelet without an order in force,
 * a term of at most three months, extensions as new approved terms, one device of each kind per person,
 * and a binding history.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmOrderTest {

    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.ofHours(8));

    private TestDatabase db;
    private RunningTether tether;
    private Session officer;
    private Session supervisor;

    @BeforeAll
    void start() {
        db = TestDatabase.create();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, Map.of());
        officer = tether.officer();
        supervisor = tether.supervisor();
    }

    @AfterAll
    void stop() {
        try {
            tether.close();
        } finally {
            db.drop();
        }
    }

    private String person() {
        return created(officer.post("/api/persons", new JsonObject().put("displayName", "对象"))).getString("id");
    }

    private static JsonObject order(String ground, OffsetDateTime ends) {
        return new JsonObject().put("ground", ground).put("endsAt", ends.toString());
    }

    private static JsonObject bracelet(String id, String personId) {
        return new JsonObject().put("id", id).put("kind", "BRACELET").put("personId", personId);
    }

    @Test
    void noBraceletWithoutAnOrderInForce() {
        String p = person();
        problem(officer.post("/api/devices", bracelet("BR-" + UUID.randomUUID().toString().substring(0, 8), p)), 422, "emOrderId");
        assertEquals(0, db.count("SELECT count(*) FROM devices WHERE person_id = ?::uuid", p));
        // A phone needs none.
        created(officer.post("/api/devices", new JsonObject().put("id", "PH-" + UUID.randomUUID().toString().substring(0, 8))
                .put("kind", "PHONE").put("personId", p)));
        // An order that starts next week does not allow binding today.
        created(supervisor.post("/api/persons/" + p + "/em-orders", order("VIOLATED_PROHIBITION_ORDER", NOW.plusMonths(2))
                .put("startsAt", NOW.plusWeeks(1).toString())));
        problem(officer.post("/api/devices", bracelet("BR-" + UUID.randomUUID().toString().substring(0, 8), p)), 422, "emOrderId");
        // An order in force does; the binding records it.
        String orderId = created(supervisor.post("/api/persons/" + p + "/em-orders",
                order("PUBLIC_SECURITY_PENALTY", NOW.plusMonths(1)))).getString("id");
        String id = "BR-" + UUID.randomUUID().toString().substring(0, 8);
        JsonObject device = created(officer.post("/api/devices", bracelet(id, p)));
        assertEquals(orderId, device.getString("emOrderId"));
        assertEquals(orderId, db.text("SELECT em_order_id::text FROM device_bindings WHERE device_id = ?", id));
        // An order ended early no longer allows binding (a new bracelet after unbinding this one).
        assertEquals(200, supervisor.post("/api/em-orders/" + orderId + "/end", new JsonObject()).statusCode());
        assertEquals(204, officer.delete("/api/devices/" + id + "/binding?reason=order%20ended").statusCode());
        problem(officer.put("/api/devices/" + id + "/binding", new JsonObject().put("personId", p)), 422, "emOrderId");
    }

    @Test
    void aTermLongerThanThreeMonthsIsRefusedAndOnlyASupervisorApproves() {
        String p = person();
        problem(supervisor.post("/api/persons/" + p + "/em-orders", order("LEFT_AREA_WITHOUT_APPROVAL",
                NOW.plusMonths(3).plusDays(1))), 422, "endsAt");
        problem(supervisor.post("/api/persons/" + p + "/em-orders", order("BECAUSE", NOW.plusMonths(1))), 400, "ground");
        problem(supervisor.post("/api/persons/" + p + "/em-orders", new JsonObject().put("ground", "LEFT_AREA_WITHOUT_APPROVAL")),
                400, "endsAt");
        assertEquals(403, officer.post("/api/persons/" + p + "/em-orders", order("LEFT_AREA_WITHOUT_APPROVAL",
                NOW.plusMonths(1))).statusCode());
        // Exactly three calendar months (China time) from the start is allowed: 30 November + 3 months is
        // 28 February. The start is far ahead so the order is still PENDING whenever the test runs.
        OffsetDateTime start = OffsetDateTime.parse("2098-11-30T09:00:00+08:00");
        JsonObject ok = created(supervisor.post("/api/persons/" + p + "/em-orders", order("REFUSED_TO_REPORT_AFTER_WARNING",
                start.plusMonths(3)).put("startsAt", start.toString())));
        assertEquals(Instant.parse("2099-02-28T01:00:00Z").toString(), ok.getString("endsAt"));
        assertEquals(tether.supervisor().get("/api/session").bodyAsJsonObject().getString("id"), ok.getString("approvedBy"));
        assertEquals("PENDING", ok.getString("state"));
        // The database refuses a longer term even if a client got past the API.
        assertEquals(1, db.count("SELECT count(*) FROM pg_constraint WHERE conname = 'em_orders_term'"));
        assertEquals(1, db.count("SELECT count(*) FROM audit_log WHERE action = 'em_order.create' AND target_id = ?",
                ok.getString("id")));
    }

    @Test
    void anExtensionIsANewApprovedTermOfAtMostThreeMonthsFromTheEnd() {
        String p = person();
        JsonObject first = created(supervisor.post("/api/persons/" + p + "/em-orders",
                order("PENDING_REVOCATION_OR_PRISON", NOW.plusMonths(1))));
        OffsetDateTime firstEnd = OffsetDateTime.parse(first.getString("endsAt"));
        problem(supervisor.post("/api/em-orders/" + first.getString("id") + "/extensions",
                new JsonObject().put("endsAt", firstEnd.plusMonths(3).plusHours(1).toString())), 422, "endsAt");
        assertEquals(403, officer.post("/api/em-orders/" + first.getString("id") + "/extensions",
                new JsonObject().put("endsAt", firstEnd.plusMonths(2).toString())).statusCode());
        JsonObject ext = created(supervisor.post("/api/em-orders/" + first.getString("id") + "/extensions",
                new JsonObject().put("endsAt", firstEnd.plusMonths(3).toString())));
        assertEquals(first.getString("endsAt"), ext.getString("startsAt"));
        assertEquals(first.getString("id"), ext.getString("extendsOrderId"));
        assertEquals("PENDING_REVOCATION_OR_PRISON", ext.getString("ground"));
        problem(supervisor.post("/api/em-orders/" + first.getString("id") + "/extensions",
                new JsonObject().put("endsAt", firstEnd.plusMonths(2).toString())), 409, "orderId");
        JsonArray orders = officer.get("/api/persons/" + p + "/em-orders").bodyAsJsonObject().getJsonArray("items");
        assertEquals(2, orders.size());
        assertEquals("IN_FORCE", orders.getJsonObject(0).getString("state"));
        assertEquals(1, db.count("SELECT count(*) FROM audit_log WHERE action = 'em_order.extend' AND target_id = ?",
                ext.getString("id")));
    }

    @Test
    void onePersonOneDeviceOfEachKindAndTheBindingHistoryIsKept() {
        String p1 = person();
        String p2 = person();
        tether.approveBraceletOrder(p1);
        tether.approveBraceletOrder(p2);
        String br = "BR-" + UUID.randomUUID().toString().substring(0, 8);
        created(officer.post("/api/devices", bracelet(br, p1)));
        problem(officer.post("/api/devices", bracelet("BR-" + UUID.randomUUID().toString().substring(0, 8), p1)), 409, "personId");
        // Bound to one person at a time.
        problem(officer.put("/api/devices/" + br + "/binding", new JsonObject().put("personId", p2)), 409, "deviceId");
        assertEquals(204, officer.delete("/api/devices/" + br + "/binding?reason=replaced").statusCode());
        assertEquals(200, officer.put("/api/devices/" + br + "/binding", new JsonObject().put("personId", p2)).statusCode());
        JsonObject device = officer.get("/api/devices/" + br).bodyAsJsonObject();
        assertEquals(p2, device.getString("personId"));
        JsonArray bindings = device.getJsonArray("bindings");
        assertEquals(2, bindings.size(), bindings.encode());
        assertEquals(p1, bindings.getJsonObject(0).getString("personId"));
        assertEquals("replaced", bindings.getJsonObject(0).getString("unbindReason"));
        assertEquals(p2, bindings.getJsonObject(1).getString("personId"));
        assertNull(bindings.getJsonObject(1).getString("unboundAt"));
        assertEquals(3, db.count("SELECT count(*) FROM audit_log WHERE target_type = 'device' AND target_id = ?", br));
        // The fix path follows the binding.
        assertEquals(p2, db.text("SELECT person_id::text FROM devices WHERE id = ?", br));
    }
}
