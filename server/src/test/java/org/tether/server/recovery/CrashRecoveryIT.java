package org.tether.server.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tether.server.support.Await;
import org.tether.server.support.FreePort;
import org.tether.server.support.ServerProcess;
import org.tether.server.support.StaffClient;
import org.tether.server.support.TestOrg;
import org.tether.server.support.TestDatabase;
import org.tether.server.support.TestDevice;

/**
 * Kills the real server process (SIGKILL) while it is ingesting, restarts it, and checks that the
 * broker's redelivery lost and doubled nothing: every published fix stored exactly once, one alert
 * per person who left the area, each counted once.
 */
class CrashRecoveryIT {

    private static final int DEVICES = 8;
    private static final int FIXES_PER_DEVICE = 100;
    private static final double LAT = 30.2741;
    private static final double LON = 120.1551;

    private TestDatabase db;
    private ServerProcess server;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create();
        Map<String, String> env = new HashMap<>(db.configOverrides());
        String run = UUID.randomUUID().toString().substring(0, 8);
        env.putAll(StaffClient.serverEnv());
        env.put("TETHER_HTTP_PORT", Integer.toString(FreePort.find()));
        // Mosquitto keeps our persistent session while we are dead; no shared group, so its queue is ours alone.
        env.put("TETHER_MQTT_URL", "tcp://127.0.0.1:1883");
        env.put("TETHER_MQTT_CLIENTID", "tether-crash-" + run);
        env.put("TETHER_MQTT_SHAREDGROUP", "");
        env.put("TETHER_MQTT_SESSIONEXPIRYSECONDS", "300");
        env.put("TETHER_GEOFENCE_INCLUSION_DWELLFIXES", "2");
        env.put("TETHER_GEOFENCE_INCLUSION_DWELLSECONDS", "0");
        Path log = Files.createTempFile("tether-crash-", ".log");
        server = new ServerProcess(env, log);
        server.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            server.close();
        } finally {
            db.drop();
        }
    }

    @Test
    void aKilledServerLosesAndDoublesNothing() throws Exception {
        StaffClient staff = StaffClient.officer(server.httpPort());
        StaffClient supervisor = StaffClient.signIn(server.httpPort(), TestOrg.SUPERVISOR, TestOrg.PASSWORD);
        JsonArray ring = new JsonArray();
        for (double[] c : new double[][] {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}}) {
            ring.add(new JsonArray().add(LON + 0.02 * c[0]).add(LAT + 0.02 * c[1]));
        }
        String zone = staff.create("/api/zones", new JsonObject().put("name", "县").put("kind", "INCLUSION")
                .put("geometry", new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring))))
                .getString("id");
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            String person = staff.create("/api/persons", new JsonObject().put("displayName", "对象" + i)
                    .put("zoneIds", new JsonArray().add(zone))).getString("id");
            supervisor.create("/api/persons/" + person + "/em-orders", TestOrg.emOrder());
            String device = "CR-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
            staff.create("/api/devices", new JsonObject().put("id", device).put("kind", "BRACELET").put("personId", person));
            devices.add(device);
        }
        String inClause = "'" + String.join("','", devices) + "'";

        // Each device: half its fixes inside, then it rides out (≈4 km over 50 minutes) and stays out.
        Instant t0 = Instant.now().minus(Duration.ofHours(3));
        List<TestDevice> clients = new ArrayList<>();
        for (String d : devices) {
            clients.add(new TestDevice(d, 1883));
        }
        Thread publisher = new Thread(() -> {
            for (int k = 0; k < FIXES_PER_DEVICE; k++) {
                for (int i = 0; i < DEVICES; i++) {
                    double lat = k < FIXES_PER_DEVICE / 2 ? LAT : LAT + 0.03 + 0.0001 * k;
                    clients.get(i).sendFix(t0.plusSeconds(60L * k), lat, LON, 10);
                }
            }
        });
        publisher.start();

        Await.until("some fixes stored before the kill", Duration.ofSeconds(60),
                () -> db.count("SELECT count(*) FROM positions WHERE device_id IN (" + inClause + ")") >= 150);
        server.kill();
        long atKill = db.count("SELECT count(*) FROM positions WHERE device_id IN (" + inClause + ")");
        publisher.join();
        for (TestDevice c : clients) {
            c.close();
        }
        server.start();

        int expected = DEVICES * FIXES_PER_DEVICE;
        Await.until("every fix stored after the restart", Duration.ofSeconds(90),
                () -> db.count("SELECT count(*) FROM positions WHERE device_id IN (" + inClause + ")") >= expected);
        Thread.sleep(1000); // anything doubled would show up now
        assertEquals(expected, db.count("SELECT count(*) FROM positions WHERE device_id IN (" + inClause + ")"),
                "killed after " + atKill + " fixes");
        assertEquals(DEVICES, db.count("SELECT count(*) FROM alerts WHERE type = 'OUT_OF_AREA'"));
        assertEquals(DEVICES, db.count("SELECT sum(occurrences) FROM alerts WHERE type = 'OUT_OF_AREA'"),
                "a departure was counted twice");
        assertEquals(0, db.count("SELECT count(*) FROM dead_letters"));
    }
}
