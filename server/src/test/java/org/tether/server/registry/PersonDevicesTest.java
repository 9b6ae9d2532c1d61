package org.tether.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
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

/** {@code GET /api/persons/{id}/devices}: bound devices with last contact and battery, within the caller's offices. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonDevicesTest {

    private TestDatabase db;
    private RunningTether tether;
    private Session officerA;
    private Session officerB;

    @BeforeAll
    void start() {
        db = TestDatabase.create();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, Map.of());
        RunningTether.County county = tether.county("dev");
        officerA = county.officerA();
        officerB = county.officerB();
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
    void boundDevicesWithLastContactAndTheNewestBattery() {
        String person = created(officerA.post("/api/persons", new JsonObject().put("displayName", "冯一")));
        String phone = "PH-" + UUID.randomUUID().toString().substring(0, 8);
        String old = "PH-" + UUID.randomUUID().toString().substring(0, 8);
        created(officerA.post("/api/devices", new JsonObject().put("id", old).put("kind", "PHONE").put("personId", person)));
        assertEquals(2, officerA.delete("/api/devices/" + old + "/binding?reason=replaced").statusCode() / 100);
        created(officerA.post("/api/devices", new JsonObject().put("id", phone).put("kind", "PHONE").put("personId", person)));

        JsonArray none = items(officerA.get("/api/persons/" + person + "/devices"));
        assertEquals(1, none.size(), none.encode());
        JsonObject fresh = none.getJsonObject(0);
        assertEquals(phone, fresh.getString("deviceId"));
        assertEquals("PHONE", fresh.getString("kind"));
        assertNotNull(fresh.getString("boundAt"));
        assertNull(fresh.getValue("lastContactAt"));
        assertNull(fresh.getValue("batteryPercent"));

        // A fix ten minutes ago at 80 %, then a status event two minutes ago at 64 %: contact and battery from the event.
        db.count("INSERT INTO positions (device_id, person_id, fix_time, received_at, geom, reported_lat, reported_lon, crs,"
                + " accuracy_m, source, fix_class, battery_pct) VALUES (?, ?::uuid, now() - interval '10 minutes',"
                + " now() - interval '10 minutes', ST_SetSRID(ST_MakePoint(120, 30), 4326), 30, 120, 'WGS84', 8, 'GNSS',"
                + " 'ACCEPTED', 80) RETURNING 1", phone, person);
        db.count("INSERT INTO device_events (device_id, person_id, event_time, received_at, type, battery_pct)"
                + " VALUES (?, ?::uuid, now() - interval '2 minutes', now() - interval '2 minutes', 'STATUS', 64) RETURNING 1",
                phone, person);
        JsonObject device = items(officerA.get("/api/persons/" + person + "/devices")).getJsonObject(0);
        assertEquals(64, device.getInteger("batteryPercent"));
        Instant contact = Instant.parse(device.getString("lastContactAt"));
        Instant fix = Instant.parse(device.getString("lastFixAt"));
        assertEquals(8 * 60, contact.getEpochSecond() - fix.getEpochSecond(), 2);

        HttpResponse<Buffer> foreign = officerB.get("/api/persons/" + person + "/devices");
        assertEquals(404, foreign.statusCode());
        assertEquals("personId", foreign.bodyAsJsonObject().getString("field"));
        assertEquals(403, tether.admin().get("/api/persons/" + person + "/devices").statusCode());
    }

    private static JsonArray items(HttpResponse<Buffer> r) {
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getJsonArray("items");
    }

    private static String created(HttpResponse<Buffer> r) {
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().containsKey("id") ? r.bodyAsJsonObject().getString("id") : null;
    }
}
