package org.tether.server.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tether.server.support.Await;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.RunningTether;
import org.tether.server.support.TcpProxy;
import org.tether.server.support.TestDatabase;
import org.tether.server.support.TestDevice;

/**
 * The database drops off the network for 30 seconds while devices keep publishing: ingestion stalls
 * (messages stay unacknowledged, the broker keeps them), nothing is dead-lettered or lost, and
 * everything flows on when the database returns.
 */
class DatabaseOutageIT {

    private static final int DEVICES = 10;

    @Test
    void thirtySecondsWithoutTheDatabaseLosesNothing() throws Exception {
        TestDatabase db = TestDatabase.create();
        try (TcpProxy proxy = new TcpProxy(db.host(), db.port());
             RunningTether tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ,
                     Map.of("TETHER_DATABASE_HOST", "127.0.0.1", "TETHER_DATABASE_PORT", Integer.toString(proxy.port())))) {
            List<String> devices = new ArrayList<>();
            List<JsonObject> logins = new ArrayList<>();
            for (int i = 0; i < DEVICES; i++) {
                String person = tether.post("/api/persons", new JsonObject().put("displayName", "对象" + i))
                        .bodyAsJsonObject().getString("id");
                tether.approveBraceletOrder(person);
                String id = "DB-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
                var created = tether.post("/api/devices", new JsonObject().put("id", id).put("kind", "BRACELET")
                        .put("personId", person));
                assertEquals(201, created.statusCode());
                devices.add(id);
                logins.add(created.bodyAsJsonObject());
            }
            String inClause = "'" + String.join("','", devices) + "'";
            AtomicInteger published = new AtomicInteger();
            Instant t0 = Instant.now().minus(Duration.ofHours(2));
            Thread load = new Thread(() -> {
                List<TestDevice> clients = logins.stream().map(d -> new TestDevice(d, tether.mqttPort())).toList();
                long end = System.nanoTime() + Duration.ofSeconds(42).toNanos();
                for (int k = 0; System.nanoTime() < end; k++) {
                    for (TestDevice c : clients) {
                        c.sendFix(t0.plusSeconds(k), 30.27 + 0.00001 * k, 120.15, 10);
                        published.incrementAndGet();
                    }
                    sleep(100);
                }
                clients.forEach(TestDevice::close);
            });
            load.start();

            sleep(5_000);
            long beforeCut = db.count("SELECT count(*) FROM positions WHERE device_id IN (" + inClause + ")");
            proxy.cut();
            sleep(30_000);
            int publishedDuringOutage = published.get();
            proxy.restore();
            load.join();

            int total = published.get();
            assertTrue(beforeCut > 0, "nothing flowed before the outage");
            assertTrue(total > publishedDuringOutage, "the load did not continue after the outage");
            Await.until("all " + total + " fixes stored after the outage", Duration.ofSeconds(60),
                    () -> db.count("SELECT count(*) FROM positions WHERE device_id IN (" + inClause + ")") == total);
            assertEquals(0, db.count("SELECT count(*) FROM dead_letters"));
            String metrics = tether.get("/metrics").bodyAsString();
            assertTrue(metrics.contains("tether_ingest_commits_total"), metrics);
            // The broker queued through the outage and dropped nothing it had acknowledged.
            assertTrue(metrics.lines().anyMatch("tether_broker_messages_dropped_total 0"::equals), metrics);
        } finally {
            db.drop();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
