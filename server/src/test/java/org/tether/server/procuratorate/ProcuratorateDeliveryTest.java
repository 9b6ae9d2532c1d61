package org.tether.server.procuratorate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tether.server.support.Await;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.FakeProcuratorate;
import org.tether.server.support.FakeProcuratorate.DropAnswer;
import org.tether.server.support.FakeProcuratorate.Hang;
import org.tether.server.support.FakeProcuratorate.Slow;
import org.tether.server.support.FakeProcuratorate.Status;
import org.tether.server.support.RunningTether;
import org.tether.server.support.TestDatabase;

/**
 * Delivery of procuratorate notifications by the real server to a local HTTPS procuratorate stand-in
 * ({@link FakeProcuratorate}) that checks signatures and dedups by idempotency key: failures, timeouts,
 * slow and lost answers end with every notification stored exactly once there; a wrong secret is
 * detected by the receiver, flags the notification refused and raises the internal alert; two server
 * instances never send one notification at the same time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcuratorateDeliveryTest {

    static final String SECRET = "a-shared-secret-of-at-least-32-characters";
    private static final String ID_CARD = "11010519491231002X";

    private TestDatabase db;
    private FakeProcuratorate procuratorate;
    private RunningTether tether;
    private Map<String, String> env;

    @BeforeAll
    void start() {
        db = TestDatabase.create();
        procuratorate = new FakeProcuratorate(SECRET);
        env = new HashMap<>(procuratorate.serverEnv(SECRET));
        env.put("TETHER_ALERTS_WATCHINTERVALSECONDS", "1");
        env.put("TETHER_PROCURATORATE_UNDELIVEREDALERTSECONDS", "3");
        env.put("TETHER_PROCURATORATE_REJECTEDRETRYMILLIS", "1500");
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, env);
    }

    @AfterAll
    void stop() {
        try {
            tether.close();
        } finally {
            procuratorate.close();
            db.drop();
        }
    }

    @Test
    void everyNotificationIsStoredOnceThoughTheEndpointFailsTimesOutAnswersSlowlyAndLosesAnswers() {
        procuratorate.then(new Status(500), new Status(503), new Hang(), new Slow(2_500), new DropAnswer(),
                new Status(429), new Status(408), new Slow(300), new Status(502), new DropAnswer(), new Hang());
        int badSignaturesBefore = procuratorate.badSignatures();
        List<String> persons = List.of(person("王小明", ID_CARD), person("赵六", null), person("欧阳修文", null));
        String[] kinds = {"PLACE_CHANGE", "DETAINED", "DEATH", "CORRECTION_ENDED", "REVOCATION_PROPOSED", "PRISON_PROPOSED"};
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(event(persons.get(i % persons.size()), kinds[i % kinds.length], "事件 " + i));
        }

        Map<Long, JsonObject> delivered = awaitDelivered(ids, Duration.ofSeconds(90));

        Map<String, JsonObject> stored = procuratorate.stored();
        int attempts = 0;
        int repeated = 0;
        int requests = 0;
        boolean sawHttpFailure = false;
        boolean sawTimeoutOrLostAnswer = false;
        for (JsonObject n : delivered.values()) {
            String key = n.getString("idempotencyKey");
            assertEquals(n.getJsonObject("payload"), stored.get(key), "the receiver holds exactly what was sent");
            JsonObject delivery = n.getJsonObject("delivery");
            JsonArray log = delivery.getJsonArray("attemptLog");
            assertEquals(delivery.getInteger("attempts"), log.size(), "every attempt is logged");
            assertEquals("DELIVERED", log.getJsonObject(log.size() - 1).getString("outcome"));
            for (int i = 0; i < log.size() - 1; i++) {
                JsonObject a = log.getJsonObject(i);
                assertEquals("RETRY", a.getString("outcome"), a.encode());
                sawHttpFailure |= a.getInteger("statusCode") != null && a.getInteger("statusCode") >= 408;
                sawTimeoutOrLostAnswer |= a.getString("error") != null;
            }
            attempts += log.size();
            repeated += procuratorate.requests(key) > 1 ? 1 : 0;
            requests += procuratorate.requests(key);
        }
        Set<String> keys = delivered.values().stream().map(n -> n.getString("idempotencyKey")).collect(Collectors.toSet());
        assertTrue(stored.keySet().containsAll(keys));
        assertEquals(12, keys.size());
        assertTrue(requests <= attempts, "no request went out without its logged attempt: " + requests + " > " + attempts);
        assertTrue(sawHttpFailure, "5xx/408/429 answers were retried");
        assertTrue(sawTimeoutOrLostAnswer, "timeouts and lost answers were retried");
        assertTrue(repeated >= 3, "answers lost after storing (hang, slow, dropped) made the sender repeat keys: " + repeated);
        assertTrue(procuratorate.concurrentKeys().isEmpty(), "no key was sent twice at once: " + procuratorate.concurrentKeys());
        assertEquals(badSignaturesBefore, procuratorate.badSignatures(), "every request was signed with the shared secret");

        JsonObject sample = stored.get(delivered.get(ids.get(0)).getString("idempotencyKey"));
        assertEquals("王*明", sample.getJsonObject("person").getString("name"));
        assertEquals("27", sample.getString("article"));
        assertEquals("PLACE_CHANGE", sample.getString("kind"));
        assertFalse(stored.values().stream().anyMatch(p -> p.encode().contains(ID_CARD) || p.encode().contains("王小明")),
                "no ID-card number and no full name reach the procuratorate");
    }

    @Test
    void aWrongSecretIsRefusedByTheReceiverAndRaisesTheUndeliveredAlertUntilFixed() {
        procuratorate.secret("the-procuratorate-has-another-secret-now");
        try {
            String person = person("钱七", null);
            long id = event(person, "DETAINED", "被采取取保候审");
            Await.until("the endpoint to refuse the notification", Duration.ofSeconds(45),
                    () -> "REFUSED".equals(notification(id).getJsonObject("delivery").getString("state")));
            JsonObject refused = notification(id).getJsonObject("delivery");
            assertEquals(401, refused.getInteger("lastStatusCode"));
            assertTrue(refused.getJsonArray("attemptLog").stream().map(JsonObject.class::cast).anyMatch(a ->
                    "REJECTED".equals(a.getString("outcome")) && Integer.valueOf(401).equals(a.getInteger("statusCode"))),
                    refused.encode());
            assertTrue(procuratorate.badSignatures() > 0, "the receiver detected the wrong signature");
            assertFalse(procuratorate.stored().containsKey(notification(id).getString("idempotencyKey")));

            JsonObject alert = awaitAlert(person, a -> true, Duration.ofSeconds(45));
            assertEquals("HIGH", alert.getString("severity"));
            assertTrue(alert.getString("rule").contains("notification " + id), alert.getString("rule"));

            procuratorate.secret(SECRET);
            awaitDelivered(List.of(id), Duration.ofSeconds(45));
            JsonObject cleared = awaitAlert(person, a -> a.getBoolean("conditionCleared"), Duration.ofSeconds(45));
            assertEquals("OPEN", cleared.getString("state"), "cleared, but an officer still closes it");

            // An officer marks the alert a major incident: an alert-driven notification, delivered too.
            JsonObject marked = ok(tether.post("/api/alerts/" + cleared.getLong("id") + "/major-incident",
                    new JsonObject().put("note", "检察通报延误两小时")));
            assertNotNull(marked.getString("majorIncidentAt"), marked.encode());
            JsonObject major = notifications().stream().filter(n -> Long.valueOf(cleared.getLong("id")).equals(n.getLong("alertId")))
                    .findFirst().orElseThrow();
            assertEquals("MAJOR_INCIDENT", major.getString("kind"));
            JsonObject sent = awaitDelivered(List.of(major.getLong("id")), Duration.ofSeconds(45)).get(major.getLong("id"));
            JsonObject payloadAlert = procuratorate.stored().get(sent.getString("idempotencyKey")).getJsonObject("alert");
            assertEquals(cleared.getLong("id"), payloadAlert.getLong("id"));
            assertEquals("PROCURATORATE_UNDELIVERED", payloadAlert.getString("type"));
        } finally {
            procuratorate.secret(SECRET);
        }
    }

    @Test
    void twoInstancesNeverSendOneNotificationTwice() {
        procuratorate.otherwise(new Slow(300));
        try (RunningTether second = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, env)) {
            String person = person("孙八", null);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ids.add(event(person, "PRISON_PROPOSED", "提请收监 " + i));
            }
            Map<Long, JsonObject> delivered = awaitDelivered(ids, Duration.ofSeconds(60));
            for (JsonObject n : delivered.values()) {
                assertEquals(1, procuratorate.requests(n.getString("idempotencyKey")),
                        "sent once by one of the two instances: " + n.encode());
            }
            assertTrue(procuratorate.concurrentKeys().isEmpty(), procuratorate.concurrentKeys().toString());
            assertEquals(200, second.get("/health").statusCode());
        } finally {
            procuratorate.otherwise(new Status(200));
        }
    }

    private String person(String name, String idCard) {
        JsonObject body = new JsonObject().put("displayName", name);
        if (idCard != null) {
            body.put("idCardNumber", idCard);
        }
        return ProcuratorateAccessTest.created(tether.post("/api/persons", body)).getString("id");
    }

    private long event(String person, String kind, String summary) {
        return ProcuratorateAccessTest.created(tether.post("/api/persons/" + person + "/major-events", new JsonObject()
                .put("kind", kind).put("summary", summary).put("occurredAt", Instant.now().toString())))
                .getLong("notificationId");
    }

    private List<JsonObject> notifications() {
        return ok(tether.get("/api/procuratorate/notifications?limit=1000")).getJsonArray("items").stream()
                .map(JsonObject.class::cast).toList();
    }

    private JsonObject notification(long id) {
        return notifications().stream().filter(n -> n.getLong("id") == id).findFirst().orElseThrow();
    }

    private Map<Long, JsonObject> awaitDelivered(List<Long> ids, Duration timeout) {
        Map<Long, JsonObject> delivered = new HashMap<>();
        Await.until(ids.size() + " notifications to be delivered", timeout, () -> {
            for (JsonObject n : notifications()) {
                if (ids.contains(n.getLong("id")) && "DELIVERED".equals(n.getJsonObject("delivery").getString("state"))) {
                    delivered.put(n.getLong("id"), n);
                }
            }
            return delivered.size() == ids.size();
        });
        return delivered;
    }

    private JsonObject awaitAlert(String person, java.util.function.Predicate<JsonObject> wanted, Duration timeout) {
        JsonObject[] found = new JsonObject[1];
        Await.until("a PROCURATORATE_UNDELIVERED alert for " + person, timeout, () -> {
            for (Object o : ok(tether.get("/api/alerts?personId=" + person)).getJsonArray("items")) {
                JsonObject a = (JsonObject) o;
                if ("PROCURATORATE_UNDELIVERED".equals(a.getString("type")) && wanted.test(a)) {
                    found[0] = a;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static JsonObject ok(io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> r) {
        return ProcuratorateAccessTest.ok(r);
    }
}
