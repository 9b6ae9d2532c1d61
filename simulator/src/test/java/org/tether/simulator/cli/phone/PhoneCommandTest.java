package org.tether.simulator.cli.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tether.simulator.ExitCodes;
import org.tether.simulator.cli.SimulatorCommand;
import org.tether.simulator.phone.EnrolledPhone;
import org.tether.simulator.phone.PhoneMovement;
import org.tether.simulator.phone.PhoneRunOptions;
import org.tether.simulator.phone.PhoneStateFile;
import org.tether.simulator.phone.PhotoKind;
import picocli.CommandLine;

class PhoneCommandTest {

    private static final String TOKEN = "tok-3f9a-very-secret";
    private static final String MQTT_PASSWORD = "mqtt-pw-7c1e-very-secret";
    private static final String ENROLLED = "{\"personId\":\"6f1c0f1e-8a3b-4d7e-9a51-0c2b9d4e7f10\",\"deviceId\":\"PH-9\","
            + "\"token\":\"" + TOKEN + "\",\"expiresAt\":\"2027-12-03T10:00:00Z\",\"mqtt\":{\"username\":\"PH-9\","
            + "\"password\":\"" + MQTT_PASSWORD + "\",\"fixTopic\":\"tether/v1/devices/PH-9/fixes\"}}";

    @TempDir
    Path dir;

    private PhoneServerStandIn server;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        server = new PhoneServerStandIn();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int run(String... args) {
        CommandLine cli = SimulatorCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path state() {
        return dir.resolve("phone.json");
    }

    private int enrol() {
        server.answer("POST /phone/v1/enrolment", 201, ENROLLED);
        return run("phone", "enrol", "--server", server.url(), "--code", "k7qm-2xpa", "--state", state().toString());
    }

    @Test
    void enrolKeepsTheLoginOwnerOnlyAndNeverPrintsTheSecrets() throws Exception {
        assertEquals(ExitCodes.OK, enrol(), err.toString());

        JsonNode sent = new ObjectMapper().readTree(server.requests.get(0).text());
        assertEquals("k7qm-2xpa", sent.get("code").asText());
        assertEquals("ANDROID", sent.get("platform").asText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state())));
        EnrolledPhone phone = new PhoneStateFile(state(), new ObjectMapper()).read();
        assertEquals(TOKEN, phone.token());
        assertEquals(MQTT_PASSWORD, phone.mqttPassword());
        assertEquals("PH-9", phone.mqttClientId());
        assertEquals("tcp://127.0.0.1:1883", phone.broker(), "the server's host by default");
        assertEquals("tether/v1/devices/PH-9/fixes", phone.fixTopic());
        String printed = out + err.toString();
        assertTrue(printed.contains("PH-9"), printed);
        assertFalse(printed.contains(TOKEN), printed);
        assertFalse(printed.contains(MQTT_PASSWORD), printed);
    }

    @Test
    void aRefusedCodeShowsTheProblemsFieldAndReason() {
        server.answer("POST /phone/v1/enrolment", 410, "{\"type\":\"about:blank\",\"title\":\"Gone\",\"status\":410,"
                + "\"detail\":\"the code has expired\",\"field\":\"code\"}");
        int code = run("phone", "enrol", "--server", server.url(), "--code", "K7QM-2XPA", "--state", state().toString());
        assertEquals(ExitCodes.SETUP_FAILED, code);
        assertTrue(err.toString().contains("410 Gone — code: the code has expired"), err.toString());
        assertFalse(Files.exists(state()), "nothing written for a failed enrolment");
    }

    @Test
    void anUnreachableServerIsASetupFailure() {
        String url = server.url();
        server.close();
        assertEquals(ExitCodes.SETUP_FAILED,
                run("phone", "enrol", "--server", url, "--code", "K7QM-2XPA", "--state", state().toString()));
        assertTrue(err.toString().contains("connection refused"), err.toString());
    }

    @Test
    void checkInSendsAFreshFixAndAGeneratedPhoto() throws Exception {
        assertEquals(ExitCodes.OK, enrol());
        server.answer("POST /phone/v1/check-ins", 201, "{\"id\":\"c0ffee00-0000-4000-8000-000000000001\","
                + "\"inWindow\":true,\"area\":\"INSIDE\"}");
        server.answer("PUT /phone/v1/check-ins/", 204, null);
        long before = System.currentTimeMillis();
        assertEquals(ExitCodes.OK, run("phone", "check-in", "--state", state().toString(), "--lat", "30.28",
                "--lon", "120.16", "--accuracy", "12", "--photo", "png"), err.toString());

        PhoneServerStandIn.Request checkIn = server.requests.get(1);
        assertEquals("Bearer " + TOKEN, checkIn.authorization());
        JsonNode fix = new ObjectMapper().readTree(checkIn.text()).get("fix");
        assertEquals(30.28, fix.get("lat").asDouble());
        assertEquals(120.16, fix.get("lon").asDouble());
        assertEquals(12, fix.get("accuracy").asDouble());
        assertEquals("WGS84", fix.get("crs").asText());
        assertTrue(fix.get("time").asLong() >= before, "a fresh fix, in epoch ms");
        PhoneServerStandIn.Request photo = server.requests.get(2);
        assertEquals("/phone/v1/check-ins/c0ffee00-0000-4000-8000-000000000001/photo", photo.path());
        assertEquals("image/png", photo.contentType());
        assertEquals((byte) 0x89, photo.body()[0]);
        assertTrue(out.toString().contains("in the window, area INSIDE, photo attached"), out.toString());
    }

    @Test
    void aRefusedFixNamesItsFieldAndARevokedTokenMeansNotEnrolled() {
        assertEquals(ExitCodes.OK, enrol());
        server.answer("POST /phone/v1/check-ins", 422, "{\"title\":\"Request cannot be applied\",\"status\":422,"
                + "\"detail\":\"the fix is older than 120 s\",\"field\":\"fix.time\"}");
        assertEquals(ExitCodes.SETUP_FAILED, run("phone", "check-in", "--state", state().toString()));
        assertTrue(err.toString().contains("fix.time: the fix is older than 120 s"), err.toString());

        server.answer("GET /phone/v1/location-checks", 401, "{\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"the token is unknown, expired or revoked: enrol again with a new code\"}");
        assertEquals(ExitCodes.NOT_ENROLLED, run("phone", "answer-checks", "--state", state().toString()));
        assertTrue(err.toString().contains("401 Unauthorized"), err.toString());
        assertTrue(err.toString().contains("enrol again"), err.toString());
    }

    @Test
    void answerChecksAnswersEachOpenCheckWithAFix() throws Exception {
        assertEquals(ExitCodes.OK, enrol());
        String id = "c0ffee00-0000-4000-8000-0000000000aa";
        server.answer("GET /phone/v1/location-checks", 200, "{\"items\":[{\"id\":\"" + id + "\",\"requestedAt\":"
                + "\"2026-12-03T10:00:00Z\",\"dueAt\":\"2026-12-03T10:05:00Z\",\"answeredAt\":null,\"late\":false,"
                + "\"area\":null}]}");
        server.answer("POST /phone/v1/location-checks/", 200, "{\"id\":\"" + id + "\",\"requestedAt\":"
                + "\"2026-12-03T10:00:00Z\",\"dueAt\":\"2026-12-03T10:05:00Z\",\"answeredAt\":\"2026-12-03T10:01:00Z\","
                + "\"late\":false,\"area\":\"INSIDE\"}");
        assertEquals(ExitCodes.OK, run("phone", "answer-checks", "--state", state().toString(), "--lat", "30.2",
                "--lon", "120.1"), err.toString());
        PhoneServerStandIn.Request answer = server.requests.get(2);
        assertEquals("/phone/v1/location-checks/" + id + "/answer", answer.path());
        assertEquals(30.2, new ObjectMapper().readTree(answer.text()).get("fix").get("lat").asDouble());
        assertTrue(out.toString().contains("Answered location check " + id), out.toString());
        assertTrue(out.toString().contains("in time, area INSIDE"), out.toString());
    }

    @Test
    void withoutAStateFileThePhoneIsNotEnrolled() {
        Path missing = dir.resolve("missing.json");
        assertEquals(ExitCodes.NOT_ENROLLED, run("phone", "check-in", "--state", missing.toString()));
        assertTrue(err.toString().contains("no phone state file at " + missing), err.toString());
        assertEquals(ExitCodes.NOT_ENROLLED, run("phone", "run", "--state", missing.toString()));
        assertTrue(server.requests.isEmpty());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, run("phone"));
        assertEquals(ExitCodes.USAGE, run("phone", "enrol", "--server", server.url()), "--code is required");
        assertEquals(ExitCodes.USAGE, run("phone", "enrol", "--server", "ftp://x", "--code", "A"));
        assertEquals(ExitCodes.USAGE, run("phone", "enrol", "--code", "A", "--platform", "WINDOWS"));
        assertEquals(ExitCodes.USAGE, run("phone", "enrol", "--code", "A", "--broker", "ssl://x:8883"));
        assertEquals(ExitCodes.USAGE, run("phone", "check-in", "--lat", "95"));
        assertEquals(ExitCodes.USAGE, run("phone", "check-in", "--accuracy", "0"));
        assertEquals(ExitCodes.USAGE, run("phone", "check-in", "--photo", "gif"));
        assertEquals(ExitCodes.USAGE, run("phone", "run", "--interval", "0"));
        assertEquals(ExitCodes.USAGE, run("phone", "run", "--answer-delay", "-1"));
        assertEquals(ExitCodes.USAGE, run("phone", "run", "--poll-checks", "0"));
        assertEquals(ExitCodes.USAGE, run("phone", "run", "--radius-km", "0"));
        assertEquals(ExitCodes.USAGE, run("phone", "run", "--movement", "fly"));
        assertEquals(ExitCodes.USAGE, run("phone", "run", "--duration", "-5"));
        assertTrue(server.requests.isEmpty(), "nothing sent for a bad command line");
        assertTrue(err.toString().contains("--answer-delay must not be negative"), err.toString());
    }

    @Test
    void runOptionsDefaultsAndValues() {
        PhoneRunCommand defaults = new PhoneRunCommand();
        new CommandLine(defaults).parseArgs();
        PhoneRunOptions d = defaults.options();
        assertEquals(Duration.ofSeconds(10), d.interval());
        assertEquals(Duration.ofSeconds(15), d.checkPoll());
        assertEquals(Duration.ofSeconds(5), d.answerDelay());
        assertFalse(d.ignoreChecks());
        assertFalse(d.checksIn());
        assertEquals(PhotoKind.NONE, d.photo());
        assertTrue(d.runsUntilStopped());
        assertEquals(PhoneMovement.WANDER, d.movement());

        PhoneRunCommand command = new PhoneRunCommand();
        CommandLine cli = new CommandLine(command);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.parseArgs("--interval", "0.5", "--poll-checks", "2", "--answer-delay", "0", "--ignore-checks",
                "--check-in-every", "60", "--check-in-first", "1", "--photo", "jpeg", "--duration", "30",
                "--movement", "walk_out", "--radius-km", "1.5", "--push-token", "fcm-1");
        PhoneRunOptions o = command.options();
        assertEquals(Duration.ofMillis(500), o.interval());
        assertEquals(Duration.ZERO, o.answerDelay());
        assertTrue(o.ignoreChecks());
        assertEquals(Duration.ofSeconds(60), o.checkInEvery());
        assertEquals(Duration.ofSeconds(1), o.checkInFirst());
        assertEquals(PhotoKind.JPEG, o.photo());
        assertEquals(Duration.ofSeconds(30), o.duration());
        assertEquals(PhoneMovement.WALK_OUT, o.movement());
        assertEquals(1500, o.radiusM());
        assertEquals("fcm-1", o.pushToken().orElseThrow());
        assertThrows(CommandLine.ParameterException.class, () -> {
            PhoneRunCommand bad = new PhoneRunCommand();
            new CommandLine(bad).parseArgs("--interval", "0.01");
            bad.options();
        });
    }

    @Test
    void helpExplainsTheCommands() {
        assertEquals(ExitCodes.OK, run("phone", "--help"));
        for (String c : new String[] {"enrol", "check-in", "answer-checks", "run"}) {
            assertTrue(out.toString().contains(c), out.toString());
        }
        assertEquals(ExitCodes.OK, run("phone", "run", "--help"));
        assertTrue(out.toString().contains("--ignore-checks"));
    }
}
