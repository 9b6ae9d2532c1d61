package org.tether.server.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tether.server.support.Await;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.PhoneClient;
import org.tether.server.support.RunningTether;
import org.tether.server.support.TestDatabase;

/** Without a service-account file the server starts, push is off, and pushes are shown as not delivered. */
class PushOffTest {

    @Test
    void withoutCredentialsTheServerRunsAndPushesAreNotDeliveredWithoutFailingTheRequest() {
        TestDatabase db = TestDatabase.create();
        try (RunningTether tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ,
                Map.of("TETHER_PUSH_POLLMILLIS", "200", "TETHER_PUSH_SERVICEACCOUNTFILE", ""))) {
            String person = tether.post("/api/persons", new JsonObject().put("displayName", "对象"))
                    .bodyAsJsonObject().getString("id");
            String code = tether.post("/api/persons/" + person + "/enrolment-codes", new JsonObject())
                    .bodyAsJsonObject().getString("code");
            PhoneClient.Enrolled e = PhoneClient.enrolled(tether.httpPort(), code);
            e.phone().send("PUT", "/push-token", new JsonObject().put("token", "ok-token"));
            var check = tether.post("/api/persons/" + person + "/location-checks", new JsonObject());
            assertEquals(201, check.statusCode(), check.bodyAsString());
            Await.until("push recorded as not delivered", Duration.ofSeconds(20), () -> db.count(
                    "SELECT count(*) FROM push_messages WHERE person_id = ?::uuid AND state = 'FAILED'", person) == 1);
            JsonObject push = tether.get("/api/persons/" + person + "/push-messages").bodyAsJsonObject()
                    .getJsonArray("items").getJsonObject(0);
            assertEquals("NOT_DELIVERED", push.getString("delivery"));
            assertTrue(push.getString("failure").startsWith("PUSH_OFF"), push.encode());
            // The phone can still find and answer the check.
            assertEquals(1, new JsonObject(e.phone().send("GET", "/location-checks", null).body())
                    .getJsonArray("items").size());
        } finally {
            db.drop();
        }
    }
}
