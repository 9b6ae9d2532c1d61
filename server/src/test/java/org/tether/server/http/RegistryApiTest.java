package org.tether.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.tether.server.support.TestDatabase;

/** Bad input to the staff API gets a problem JSON naming the field and the reason, never a 500. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryApiTest {

    private TestDatabase db;
    private RunningTether tether;

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

    @Test
    void selfIntersectingZoneIsRejectedWithWhereAndWhy() {
        JsonArray bowTie = ring(new double[][] {{120.0, 30.0}, {120.1, 30.1}, {120.1, 30.0}, {120.0, 30.1}, {120.0, 30.0}});
        HttpResponse<Buffer> r = tether.post("/api/zones", zone("bow tie", "INCLUSION", polygon(bowTie)));
        JsonObject problem = problem(r, 422, "geometry");
        assertTrue(problem.getString("detail").startsWith("self_intersection"), problem.encode());
        assertTrue(problem.getString("detail").contains("120.05"), "location missing: " + problem.encode());
        assertEquals(0, db.count("SELECT count(*) FROM zones"));
    }

    @Test
    void unclosedRingAndNonPolygonsAreRejected() {
        JsonArray open = ring(new double[][] {{120.0, 30.0}, {120.1, 30.0}, {120.1, 30.1}, {120.0, 30.1}});
        problem(tether.post("/api/zones", zone("open", "INCLUSION", polygon(open))), 400, "geometry");
        JsonObject point = new JsonObject().put("type", "Point").put("coordinates", new JsonArray().add(120.0).add(30.0));
        JsonObject p = problem(tether.post("/api/zones", zone("point", "INCLUSION", point)), 422, "geometry");
        assertTrue(p.getString("detail").startsWith("not_polygonal"), p.encode());
    }

    @Test
    void missingAndInvalidFieldsAreNamed() {
        problem(tether.post("/api/zones", new JsonObject().put("kind", "INCLUSION")), 400, "name");
        problem(tether.post("/api/zones", zone("z", "SOMETIMES", polygon(square()))), 400, "kind");
        problem(tether.post("/api/persons", new JsonObject()), 400, "displayName");
        problem(tether.post("/api/persons", new JsonObject().put("displayName", "x")
                .put("zoneIds", new JsonArray().add("not-a-uuid"))), 400, "zoneIds[0]");
        problem(tether.post("/api/devices", new JsonObject().put("id", "BR/1").put("kind", "BRACELET")
                .put("personId", UUID.randomUUID().toString())), 400, "id");
    }

    @Test
    void referencesToUnknownThingsAre422AndDuplicates409() {
        problem(tether.post("/api/persons", new JsonObject().put("displayName", "x")
                .put("zoneIds", new JsonArray().add(UUID.randomUUID().toString()))), 422, "zoneIds");
        problem(tether.post("/api/devices", new JsonObject().put("id", "BR-unknown-person").put("kind", "BRACELET")
                .put("personId", UUID.randomUUID().toString())), 404, "personId");

        String zoneId = tether.post("/api/zones", zone("ok", "INCLUSION", polygon(square()))).bodyAsJsonObject().getString("id");
        String personId = tether.post("/api/persons", new JsonObject().put("displayName", "x")
                .put("zoneIds", new JsonArray().add(zoneId))).bodyAsJsonObject().getString("id");
        tether.approveBraceletOrder(personId);
        JsonObject device = new JsonObject().put("id", "BR-dup").put("kind", "BRACELET").put("personId", personId);
        assertEquals(201, tether.post("/api/devices", device).statusCode());
        assertEquals(409, tether.post("/api/devices", device).statusCode());
    }

    @Test
    void theContractIsServed() {
        HttpResponse<Buffer> r = tether.get("/openapi.yaml");
        assertEquals(200, r.statusCode());
        assertTrue(r.bodyAsString().startsWith("openapi: 3.1.0"));
    }

    @Test
    void nonJsonBodyIsA400() {
        HttpResponse<Buffer> r = tether.postRaw("/api/persons", "application/json", "{\"displayName\": ");
        assertEquals(400, r.statusCode(), r.bodyAsString());
        assertEquals("application/problem+json", r.getHeader("Content-Type"));
    }

    @Test
    void badQueryParametersAreNamed() {
        problem(tether.get("/api/alerts?state=WHATEVER"), 400, "state");
        problem(tether.get("/api/alerts?limit=0"), 400, "limit");
        problem(tether.get("/api/alerts?personId=nope"), 400, "personId");
    }

    private static JsonObject problem(HttpResponse<Buffer> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertEquals("application/problem+json", r.getHeader("Content-Type"));
        JsonObject body = r.bodyAsJsonObject();
        assertEquals(status, body.getInteger("status"));
        assertEquals(field, body.getString("field"), body.encode());
        return body;
    }

    private static JsonObject zone(String name, String kind, JsonObject geometry) {
        return new JsonObject().put("name", name).put("kind", kind).put("geometry", geometry);
    }

    private static JsonObject polygon(JsonArray ring) {
        return new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring));
    }

    private static JsonArray square() {
        return ring(new double[][] {{120.0, 30.0}, {120.1, 30.0}, {120.1, 30.1}, {120.0, 30.1}, {120.0, 30.0}});
    }

    private static JsonArray ring(double[][] coords) {
        JsonArray ring = new JsonArray();
        for (double[] c : coords) {
            ring.add(new JsonArray().add(c[0]).add(c[1]));
        }
        return ring;
    }
}
