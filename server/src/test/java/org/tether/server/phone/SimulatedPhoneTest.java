package org.tether.server.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tether.server.support.Await;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.FakeFcm;
import org.tether.server.support.RunningTether;
import org.tether.server.support.TestDatabase;
import org.tether.server.support.Teardown;
import org.tether.simulator.ExitCodes;
import org.tether.simulator.cli.SimulatorCommand;
import org.tether.simulator.device.FixJson;
import org.tether.simulator.geo.GeoPoint;
import org.tether.simulator.mqtt.HiveMqDeviceUplink;
import org.tether.simulator.phone.EnrolledPhone;
import org.tether.simulator.phone.PhoneApi;
import org.tether.simulator.phone.PhoneConsole;
import org.tether.simulator.phone.PhoneMovement;
import org.tether.simulator.phone.PhoneRunOptions;
import org.tether.simulator.phone.PhoneRunStats;
import org.tether.simulator.phone.PhoneRunner;
import org.tether.simulator.phone.PhoneStateFile;
import org.tether.simulator.phone.PhotoKind;
import org.tether.simulator.run.StopSignal;

/**
 * The simulator's phone mode against the real server, database and embedded broker (issue 6's last "done
 * when"): staff issue a code, the simulator enrols through its CLI, publishes fixes over MQTT with the login it
 * was given, checks in with a photo and answers a location check — each seen through the staff API; a
 * simulator that ignores checks leads to LOCATION_CHECK_UNANSWERED; a phone replaced by a newer enrolment and a
 * bad code end with the documented exit codes. The simulator is a client library here (test scope only).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatedPhoneTest {

    private static final double LAT = 30.2741;
    private static final double LON = 120.1551;
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Map<String, String> FAST = Map.of(
            "TETHER_ALERTS_WATCHINTERVALSECONDS", "1",
            "TETHER_PUSH_POLLMILLIS", "200",
            "TETHER_PUSH_RETRYBASESECONDS", "1");

    @TempDir
    Path dir;

    private TestDatabase db;
    private FakeFcm fcm;
    private RunningTether tether;
    private String zoneId;

    @BeforeAll
    void start() {
        db = TestDatabase.create();
        fcm = new FakeFcm();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, FAST, Optional.of(fcm.options()));
        zoneId = tether.inclusionCircle("县", LON, LAT, 3000);
    }

    @AfterAll
    void stop() {
        Teardown.all(tether, fcm, db::drop);
    }

    @Test
    void theSimulatedPhoneEnrolsPublishesChecksInAndAnswersALocationCheck() throws Exception {
        String person = person();
        scheduleOpenNow(person);
        Path state = dir.resolve("phone-1.json");

        Cli enrol = cli("phone", "enrol", "--server", server(), "--broker", broker(), "--code", code(person),
                "--state", state.toString());
        assertEquals(ExitCodes.OK, enrol.exit(), enrol.err());
        EnrolledPhone phone = new PhoneStateFile(state, new ObjectMapper()).read();
        assertEquals(person, phone.personId());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
        assertFalse(enrol.out().contains(phone.token()) || enrol.out().contains(phone.mqttPassword()), enrol.out());
        JsonObject device = tether.get("/api/devices/" + phone.deviceId()).bodyAsJsonObject();
        assertEquals("PHONE", device.getString("kind"));
        assertEquals(person, device.getString("personId"));

        String pushToken = "ok-sim-" + person;
        PhoneRunOptions options = options(false, Duration.ofHours(1), Optional.of(pushToken));
        try (Running running = Running.start(runner(phone, options))) {
            // Its fixes, over MQTT with its own login, are stored for the person: the staff trail shows them.
            Await.until("simulated phone fixes in the trail", Duration.ofSeconds(30), () -> trail(person).size() >= 3);
            JsonObject fix = trail(person).getJsonObject(0);
            assertEquals(phone.deviceId(), fix.getString("deviceId"));
            assertTrue(near(fix.getDouble("lat"), fix.getDouble("lon")), fix.encode());

            // It checked in at start, in the window and inside the area, with a JPEG the staff can read.
            Await.until("check-in with its photo", Duration.ofSeconds(20), () -> {
                JsonArray items = checkIns(person);
                return items.size() == 1 && items.getJsonObject(0).getString("photo") != null;
            });
            JsonObject checkIn = checkIns(person).getJsonObject(0);
            assertTrue(checkIn.getBoolean("inWindow"), checkIn.encode());
            assertEquals("INSIDE", checkIn.getString("area"));
            assertEquals(phone.deviceId(), checkIn.getString("deviceId"));
            var photo = tether.get(checkIn.getString("photo"));
            assertEquals(200, photo.statusCode());
            assertEquals("image/jpeg", photo.getHeader("Content-Type"));
            assertEquals((byte) 0xFF, photo.body().getByte(0));
            assertEquals((byte) 0xD8, photo.body().getByte(1));

            // Staff ask where the person is; the phone finds the check by polling and answers with its current fix.
            var check = tether.post("/api/persons/" + person + "/location-checks",
                    new JsonObject().put("answerWithinSeconds", 30));
            assertEquals(201, check.statusCode(), check.bodyAsString());
            String checkId = check.bodyAsJsonObject().getString("id");
            Await.until("location check answered", Duration.ofSeconds(30),
                    () -> "ANSWERED".equals(locationCheck(person, checkId).getString("state")));
            JsonObject answered = locationCheck(person, checkId);
            assertEquals("INSIDE", answered.getString("area"));
            JsonObject answer = answered.getJsonObject("fix");
            assertNotNull(answer, answered.encode());
            assertEquals(phone.deviceId(), answer.getString("deviceId"));
            assertTrue(near(answer.getDouble("lat"), answer.getDouble("lon")), answer.encode());
            assertTrue(answer.getDouble("accuracy") > 0 && answer.getDouble("accuracy") <= 15, answer.encode());
            // The push token it registered (PUT /push-token) got the high-priority request too.
            Await.until("location-check push to the registered token", Duration.ofSeconds(20),
                    () -> fcm.messages().stream().anyMatch(m -> pushToken.equals(m.getString("token"))
                            && m.getJsonObject("data") != null
                            && checkId.equals(m.getJsonObject("data").getString("checkId"))));

            assertEquals(ExitCodes.OK, running.stop());
            PhoneRunStats.Snapshot stats = running.runner().stats().snapshot();
            assertEquals(1, stats.checksAnswered());
            assertEquals(1, stats.checkIns());
            assertEquals(1, stats.photos());
            assertEquals(0, stats.requestsFailed());
            assertTrue(stats.fixesAcknowledged() >= 3, stats.toString());
            // The broker's PUBACK may come before the gateway's commit: every acknowledged fix is stored soon after
            // (and one in flight when the phone disconnected may be stored unacknowledged).
            String stored = "SELECT count(*) FROM positions WHERE person_id = ?::uuid AND device_id = ?";
            Await.until("every acknowledged fix stored", Duration.ofSeconds(10),
                    () -> db.count(stored, person, phone.deviceId()) >= stats.fixesAcknowledged());
            assertTrue(db.count(stored, person, phone.deviceId()) <= stats.fixesSent(), stats.toString());
            assertEquals(0, db.count("SELECT count(*) FROM dead_letters WHERE device_id = ?", phone.deviceId()),
                    "no fix of the simulated phone refused");
            Thread.sleep(2_000); // watch rounds after the answer
            assertEquals(0, alerts(person, "LOCATION_CHECK_UNANSWERED"));
        }
    }

    @Test
    void aSimulatedPhoneThatIgnoresChecksLeadsToLocationCheckUnanswered() throws Exception {
        String person = person();
        Path state = dir.resolve("phone-2.json");
        Cli enrol = cli("phone", "enrol", "--server", server(), "--broker", broker(), "--code", code(person),
                "--state", state.toString());
        assertEquals(ExitCodes.OK, enrol.exit(), enrol.err());
        EnrolledPhone phone = new PhoneStateFile(state, new ObjectMapper()).read();
        try (Running running = Running.start(runner(phone, options(true, Duration.ZERO, Optional.empty())))) {
            String checkId = tether.post("/api/persons/" + person + "/location-checks",
                    new JsonObject().put("answerWithinSeconds", 5)).bodyAsJsonObject().getString("id");
            Await.until("LOCATION_CHECK_UNANSWERED", Duration.ofSeconds(30),
                    () -> alerts(person, "LOCATION_CHECK_UNANSWERED") == 1);
            assertEquals("OPEN", locationCheck(person, checkId).getString("state"));

            assertEquals(ExitCodes.OK, running.stop());
            PhoneRunStats.Snapshot stats = running.runner().stats().snapshot();
            assertEquals(1, stats.checksSeen(), "the phone did see the check");
            assertEquals(1, stats.checksIgnored());
            assertEquals(0, stats.checksAnswered());
            assertTrue(stats.fixesAcknowledged() >= 1, stats.toString());
        }
    }

    @Test
    void aPhoneReplacedByANewerEnrolmentStopsAsNotEnrolled() throws Exception {
        String person = person();
        Path first = dir.resolve("phone-old.json");
        assertEquals(ExitCodes.OK, cli("phone", "enrol", "--server", server(), "--broker", broker(), "--code",
                code(person), "--state", first.toString()).exit());
        EnrolledPhone old = new PhoneStateFile(first, new ObjectMapper()).read();
        try (Running running = Running.start(runner(old, options(false, Duration.ZERO, Optional.empty())))) {
            Await.until("old phone publishing", Duration.ofSeconds(20),
                    () -> running.runner().stats().snapshot().fixesAcknowledged() >= 1);

            Path second = dir.resolve("phone-new.json");
            assertEquals(ExitCodes.OK, cli("phone", "enrol", "--server", server(), "--broker", broker(), "--code",
                    code(person), "--state", second.toString()).exit());

            // The old phone's next poll is refused (401): it stops by itself with "not enrolled".
            assertEquals(ExitCodes.NOT_ENROLLED, running.awaitExit(Duration.ofSeconds(20)));
            Cli oldAgain = cli("phone", "answer-checks", "--state", first.toString());
            assertEquals(ExitCodes.NOT_ENROLLED, oldAgain.exit());
            assertTrue(oldAgain.err().contains("401"), oldAgain.err());
            // Its MQTT login is gone too: started again, the broker turns it away.
            Cli oldRun = cli("phone", "run", "--state", first.toString(), "--duration", "5");
            assertEquals(ExitCodes.NOT_ENROLLED, oldRun.exit(), oldRun.out() + oldRun.err());
            assertTrue(oldRun.err().contains("refused phone " + old.deviceId() + "'s login"), oldRun.err());
            Cli newOne = cli("phone", "answer-checks", "--state", second.toString());
            assertEquals(ExitCodes.OK, newOne.exit(), newOne.err());
            assertTrue(newOne.out().contains("No open location checks"), newOne.out());
        }
    }

    @Test
    void theServersProblemsReachTheUserWithFieldAndReason() {
        Cli unknown = cli("phone", "enrol", "--server", server(), "--broker", broker(), "--code", "ZZZZ-ZZZZ",
                "--state", dir.resolve("never.json").toString());
        assertEquals(ExitCodes.SETUP_FAILED, unknown.exit());
        assertTrue(unknown.err().contains("404") && unknown.err().contains("— code: "), unknown.err());
        assertFalse(Files.exists(dir.resolve("never.json")));
        db.count("WITH d AS (DELETE FROM enrolment_attempts RETURNING 1) SELECT count(*) FROM d");

        String person = person();
        Path state = dir.resolve("phone-3.json");
        assertEquals(ExitCodes.OK, cli("phone", "enrol", "--server", server(), "--broker", broker(), "--code",
                code(person), "--state", state.toString()).exit());
        // A fix at the (0, 0) "no fix" placeholder is refused by the server, naming the field.
        Cli placeholder = cli("phone", "check-in", "--state", state.toString(), "--lat", "0", "--lon", "0");
        assertEquals(ExitCodes.SETUP_FAILED, placeholder.exit());
        assertTrue(placeholder.err().contains("400") && placeholder.err().contains("fix.lat"), placeholder.err());
        assertEquals(0, db.count("SELECT count(*) FROM check_ins WHERE person_id = ?::uuid", person));
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private record Cli(int exit, String out, String err) {
    }

    private static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = SimulatorCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }

    /** A phone run on its own thread until stopped; closing stops it (a failed test leaves nothing running). */
    private record Running(PhoneRunner runner, StopSignal signal, CompletableFuture<Integer> exit)
            implements AutoCloseable {

        static Running start(PhoneRunner runner) {
            StopSignal stop = new StopSignal();
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    exit.complete(runner.run(stop));
                } catch (Throwable e) {
                    exit.completeExceptionally(e);
                }
            }, "simulated-phone");
            t.setDaemon(true);
            t.start();
            return new Running(runner, stop, exit);
        }

        int stop() throws Exception {
            signal.stop();
            return awaitExit(Duration.ofSeconds(20));
        }

        int awaitExit(Duration timeout) throws Exception {
            return exit.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws Exception {
            if (!exit.isDone()) {
                stop();
            }
        }
    }

    private PhoneRunner runner(EnrolledPhone phone, PhoneRunOptions options) {
        ObjectMapper json = new ObjectMapper();
        return new PhoneRunner(phone, options, PhoneApi.create(phone.serverUri(), phone.token(), json),
                new HiveMqDeviceUplink(phone.deviceId(), phone.mqttClientId(), phone.fixTopic(), phone.brokerAddress(),
                        phone.mqttCredentials()),
                new FixJson(json), Clock.systemUTC(),
                new PhoneConsole(new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                        ZoneId.systemDefault(), Clock.systemUTC()));
    }

    /** Fast: a fix every 0.5 s, checks polled every 0.5 s and answered at once; wandering within 500 m of home. */
    private static PhoneRunOptions options(boolean ignoreChecks, Duration checkInEvery, Optional<String> pushToken) {
        return new PhoneRunOptions(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ZERO, ignoreChecks,
                checkInEvery, Duration.ZERO, PhotoKind.JPEG, Duration.ZERO, new GeoPoint(LAT, LON), 500,
                PhoneMovement.WANDER, 10, 7, pushToken);
    }

    private String server() {
        return "http://127.0.0.1:" + tether.httpPort();
    }

    private String broker() {
        return "tcp://127.0.0.1:" + tether.mqttPort();
    }

    /** Within the 500 m the wanderer keeps to, plus GNSS error. */
    private static boolean near(double lat, double lon) {
        return Math.abs(lat - LAT) < 0.006 && Math.abs(lon - LON) < 0.007;
    }

    private JsonArray trail(String person) {
        var r = tether.get("/api/persons/" + person + "/trail?purpose=test&from=" + Instant.now().minus(Duration.ofHours(1)));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getJsonArray("items");
    }

    private JsonArray checkIns(String person) {
        return tether.get("/api/persons/" + person + "/check-ins").bodyAsJsonObject().getJsonArray("items");
    }

    private JsonObject locationCheck(String person, String checkId) {
        return tether.get("/api/persons/" + person + "/location-checks").bodyAsJsonObject().getJsonArray("items")
                .stream().map(JsonObject.class::cast).filter(c -> checkId.equals(c.getString("id"))).findFirst()
                .orElseThrow();
    }

    private String person() {
        var r = tether.post("/api/persons", new JsonObject().put("displayName", "对象")
                .put("zoneIds", new JsonArray().add(zoneId)));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getString("id");
    }

    private String code(String person) {
        var r = tether.post("/api/persons/" + person + "/enrolment-codes", new JsonObject());
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getString("code");
    }

    /** Every day, from an hour ago to an hour ahead (Asia/Shanghai), unless that crosses midnight. */
    private void scheduleOpenNow(String person) {
        LocalTime now = LocalTime.now(SHANGHAI);
        LocalTime start = now.isBefore(LocalTime.of(1, 0)) ? LocalTime.MIN : now.minusHours(1);
        LocalTime end = now.isAfter(LocalTime.of(22, 58)) ? LocalTime.of(23, 59, 59) : now.plusHours(1);
        var r = tether.put("/api/persons/" + person + "/check-in-schedule", new JsonObject()
                .put("days", new JsonArray().add(1).add(2).add(3).add(4).add(5).add(6).add(7))
                .put("windowStart", start.truncatedTo(ChronoUnit.SECONDS).toString())
                .put("windowEnd", end.truncatedTo(ChronoUnit.SECONDS).toString()));
        assertEquals(200, r.statusCode(), r.bodyAsString());
    }

    private long alerts(String person, String type) {
        return db.count("SELECT count(*) FROM alerts WHERE person_id = ?::uuid AND type = ?", person, type);
    }
}
