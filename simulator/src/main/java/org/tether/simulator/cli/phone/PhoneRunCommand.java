package org.tether.simulator.cli.phone;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tether.simulator.cli.VersionProvider;
import org.tether.simulator.device.FixJson;
import org.tether.simulator.geo.GeoPoint;
import org.tether.simulator.mqtt.HiveMqDeviceUplink;
import org.tether.simulator.phone.EnrolledPhone;
import org.tether.simulator.phone.PhoneConsole;
import org.tether.simulator.phone.PhoneMovement;
import org.tether.simulator.phone.PhoneRunOptions;
import org.tether.simulator.phone.PhoneRunner;
import org.tether.simulator.phone.PhotoKind;
import org.tether.simulator.run.StopSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code phone run}: the enrolled phone lives: moves, publishes fixes, answers location checks, checks in. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Run the enrolled phone: fixes over MQTT, location checks answered, scheduled check-ins.",
        description = {
                "",
                "The person carrying the phone moves (--movement) around --center-lat/--center-lon. The phone "
                        + "publishes a GNSS fix every --interval seconds to its fix topic with its own MQTT login, "
                        + "polls GET /phone/v1/location-checks every --poll-checks seconds and answers each new "
                        + "check after --answer-delay seconds with a fresh fix of where the person is (or never, "
                        + "with --ignore-checks: the server then raises LOCATION_CHECK_UNANSWERED), and checks in "
                        + "every --check-in-every seconds, optionally with a generated photo.",
                "",
                "Runs until Ctrl-C or for --duration seconds. Exit status as for 'phone'; 3 also when the server "
                        + "stops accepting the token while running.",
                ""})
public final class PhoneRunCommand implements Callable<Integer> {

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    @Mixin
    PhoneOptions common;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between two fixes over MQTT; fractions allowed (default: ${DEFAULT-VALUE}).")
    double intervalS;

    @Option(names = "--poll-checks", paramLabel = "SECONDS", defaultValue = "15",
            description = "Seconds between two polls of the open location checks (default: ${DEFAULT-VALUE}).")
    double pollS;

    @Option(names = "--answer-delay", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds the person takes to answer a check once seen (default: ${DEFAULT-VALUE}).")
    double answerDelayS;

    @Option(names = "--ignore-checks",
            description = "Never answer location checks (to test LOCATION_CHECK_UNANSWERED).")
    boolean ignoreChecks;

    @Option(names = "--check-in-every", paramLabel = "SECONDS", defaultValue = "0",
            description = "Seconds between two check-ins; 0 for none (default: ${DEFAULT-VALUE}).")
    double checkInEveryS;

    @Option(names = "--check-in-first", paramLabel = "SECONDS", defaultValue = "0",
            description = "Seconds before the first check-in (default: ${DEFAULT-VALUE}).")
    double checkInFirstS;

    @Option(names = "--photo", paramLabel = "NONE|JPEG|PNG", defaultValue = "NONE",
            description = "Attach a generated photo of this format to each check-in (default: ${DEFAULT-VALUE}).")
    PhotoKind photo;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop after this many seconds; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE}).")
    long durationS;

    @Option(names = "--center-lat", paramLabel = "DEG", defaultValue = "30.2741",
            description = "Latitude of the person's home, WGS-84 (default: ${DEFAULT-VALUE}).")
    double centerLat;

    @Option(names = "--center-lon", paramLabel = "DEG", defaultValue = "120.1551",
            description = "Longitude of the person's home, WGS-84 (default: ${DEFAULT-VALUE}).")
    double centerLon;

    @Option(names = "--radius-km", paramLabel = "KM", defaultValue = "3",
            description = "Radius of the person's area: a wanderer stays within 70%% of it, a walker-out leaves it "
                    + "(default: ${DEFAULT-VALUE}).")
    double radiusKm;

    @Option(names = "--movement", paramLabel = "WANDER|WALK_OUT", defaultValue = "WANDER",
            description = "How the person moves (default: ${DEFAULT-VALUE}).")
    PhoneMovement movement;

    @Option(names = "--walk-out-speed", paramLabel = "M/S", defaultValue = "10",
            description = "Speed of a walker-out (default: ${DEFAULT-VALUE}).")
    double walkOutSpeedMps;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of movement, GNSS error and photos (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--push-token", paramLabel = "TOKEN",
            description = "Register this FCM registration token at start (PUT /phone/v1/push-token).")
    String pushToken;

    @Override
    public Integer call() {
        common.applyVerbosity();
        PhoneRunOptions options = options();
        PhoneConsole console = common.console();
        EnrolledPhone phone;
        try {
            phone = common.enrolledPhone(console);
        } catch (PhoneOptions.Exit e) {
            return e.code;
        }
        PhoneRunner runner = new PhoneRunner(phone, options, common.api(phone),
                new HiveMqDeviceUplink(phone.deviceId(), phone.mqttClientId(), phone.fixTopic(), phone.brokerAddress(),
                        phone.mqttCredentials()),
                new FixJson(common.json), Clock.systemUTC(), console);
        return StopSignal.runUntilDone(runner::run, SHUTDOWN_WAIT);
    }

    /** Validates the options; bad ones are usage errors (exit status 2). */
    PhoneRunOptions options() {
        GeoPoint center;
        try {
            center = new GeoPoint(centerLat, centerLon);
        } catch (IllegalArgumentException e) {
            throw common.usage("--center-lat/--center-lon: " + e.getMessage());
        }
        common.require(Double.isFinite(radiusKm) && radiusKm > 0 && radiusKm <= 1000,
                "--radius-km must be above 0 and at most 1000");
        common.require(Double.isFinite(walkOutSpeedMps) && walkOutSpeedMps > 0 && walkOutSpeedMps <= 100,
                "--walk-out-speed must be above 0 and at most 100 m/s");
        common.require(durationS >= 0, "--duration must not be negative (0 = until Ctrl-C)");
        common.require(pushToken == null || !pushToken.isBlank(), "--push-token must not be empty");
        Duration interval = common.seconds("--interval", intervalS, false);
        common.require(interval.toMillis() >= 50, "--interval must be at least 0.05 seconds");
        return new PhoneRunOptions(interval, common.seconds("--poll-checks", pollS, false),
                common.seconds("--answer-delay", answerDelayS, true), ignoreChecks,
                common.seconds("--check-in-every", checkInEveryS, true),
                common.seconds("--check-in-first", checkInFirstS, true), photo, Duration.ofSeconds(durationS), center,
                radiusKm * 1000, movement, walkOutSpeedMps, seed, Optional.ofNullable(pushToken));
    }

}
