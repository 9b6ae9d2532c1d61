package org.tether.server.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tether.server.support.Await;
import org.tether.server.support.FakeProcuratorate;
import org.tether.server.support.FakeProcuratorate.Slow;
import org.tether.server.support.FakeProcuratorate.Status;
import org.tether.server.support.FreePort;
import org.tether.server.support.ServerProcess;
import org.tether.server.support.StaffClient;
import org.tether.server.support.TestDatabase;

/**
 * Kills the real server process (SIGKILL) while it is delivering procuratorate notifications — with
 * requests the procuratorate has stored but not yet answered — restarts it, and checks that every
 * notification ends delivered, stored exactly once by idempotency key at the receiver, with exactly the
 * payload recorded, the unanswered ones sent again under the same key.
 */
class ProcuratorateCrashIT {

    private static final String SECRET = "crash-test-shared-secret-of-32-characters";
    private static final int NOTIFICATIONS = 30;

    private TestDatabase db;
    private FakeProcuratorate procuratorate;
    private ServerProcess server;
    private Map<String, String> env;
    private Path log;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create();
        procuratorate = new FakeProcuratorate(SECRET);
        env = new HashMap<>(db.configOverrides());
        env.putAll(StaffClient.serverEnv());
        env.putAll(procuratorate.serverEnv(SECRET));
        env.put("TETHER_HTTP_PORT", Integer.toString(FreePort.find()));
        env.put("TETHER_MQTT_EMBEDDED_HOST", "127.0.0.1");
        env.put("TETHER_MQTT_EMBEDDED_PORT", Integer.toString(FreePort.find()));
        env.put("TETHER_MQTT_EMBEDDED_DATAFOLDER", "");
        env.put("TETHER_MQTT_CLIENTID", "tether-proc-crash-" + UUID.randomUUID().toString().substring(0, 8));
        log = Files.createTempFile("tether-proc-crash-", ".log");
        server = new ServerProcess(env, log);
        server.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            server.close();
        } finally {
            procuratorate.close();
            db.drop();
        }
    }

    @Test
    void aServerKilledMidDeliveryStillDeliversEveryNotificationExactlyOnce() throws Exception {
        // Answers take a while (stored at once, answered 700 ms later): the kill finds requests in flight.
        procuratorate.otherwise(new Slow(700));
        procuratorate.then(new Status(500), new Status(503));
        StaffClient officer = StaffClient.officer(server.httpPort());
        List<String> persons = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            persons.add(officer.create("/api/persons", new JsonObject().put("displayName", "对象" + i)).getString("id"));
        }
        for (int i = 0; i < NOTIFICATIONS; i++) {
            officer.create("/api/persons/" + persons.get(i % 3) + "/major-events", new JsonObject()
                    .put("kind", i % 2 == 0 ? "DETAINED" : "PLACE_CHANGE").put("summary", "事件 " + i)
                    .put("occurredAt", Instant.now().toString()));
        }

        Await.until("deliveries under way with answers outstanding", Duration.ofSeconds(60),
                () -> procuratorate.stored().size() >= 5 && procuratorate.inFlight() > 0);
        server.kill();
        Set<String> storedAtKill = procuratorate.stored().keySet();
        assertTrue(storedAtKill.size() < NOTIFICATIONS, "killed mid-delivery, not after: " + storedAtKill.size());

        procuratorate.otherwise(new Status(200));
        server = new ServerProcess(env, log);
        server.start();
        StaffClient after = StaffClient.officer(server.httpPort());
        List<JsonObject>[] items = new List[1];
        // The killed process's claims expire first (an attempt's deadline plus a margin), then all go out.
        Await.until("every notification delivered after the restart", Duration.ofSeconds(120), () -> {
            items[0] = new JsonObject(after.send("GET", "/api/procuratorate/notifications?limit=1000", null).body())
                    .getJsonArray("items").stream().map(JsonObject.class::cast).toList();
            return items[0].size() == NOTIFICATIONS && items[0].stream()
                    .allMatch(n -> "DELIVERED".equals(n.getJsonObject("delivery").getString("state")));
        });

        Map<String, JsonObject> stored = procuratorate.stored();
        Set<String> keys = items[0].stream().map(n -> n.getString("idempotencyKey")).collect(Collectors.toSet());
        assertEquals(NOTIFICATIONS, keys.size());
        assertEquals(keys, stored.keySet(), "the receiver holds each notification once, and nothing else");
        int resent = 0;
        for (JsonObject n : items[0]) {
            String key = n.getString("idempotencyKey");
            assertEquals(n.getJsonObject("payload"), stored.get(key), "stored exactly as recorded");
            resent += procuratorate.requests(key) > 1 ? 1 : 0;
        }
        assertTrue(resent >= 1, "answers lost with the killed process were re-sent under the same key");
        assertTrue(procuratorate.concurrentKeys().isEmpty(), procuratorate.concurrentKeys().toString());
        assertEquals(0, procuratorate.badSignatures());
    }
}
