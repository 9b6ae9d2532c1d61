package org.tether.simulator.cli;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import org.tether.simulator.geo.GeoPoint;
import org.tether.simulator.movement.WanderParams;
import org.tether.simulator.mqtt.BrokerAddress;
import org.tether.simulator.mqtt.HiveMqDeviceUplink;
import org.tether.simulator.mqtt.MqttCredentials;
import org.tether.simulator.run.DemoConsole;
import org.tether.simulator.run.DemoOptions;
import org.tether.simulator.run.DemoRunner;
import org.tether.simulator.run.StopSignal;
import org.tether.simulator.scenario.DemoSettings;
import org.tether.simulator.tether.TetherApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tether-simulator demo}: a few persons, one of whom walks out of their zone. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "A few simulated persons share one inclusion zone; person #1 walks out of it.",
        description = {
                "",
                "Waits for the server's /health, creates a circular INCLUSION zone, the persons (assigned to it) and "
                        + "one bracelet each through the staff API, then publishes one GNSS fix per device per "
                        + "interval over MQTT. Person #1 starts 150 m inside the edge and rides straight out at "
                        + "about 10 m/s (an e-bike) to 1 km outside, where they stay; the others wander on foot "
                        + "within 70%% of the radius. Alerts are printed as the server raises them.",
                "",
                "Runs until Ctrl-C, or for --duration seconds. Exit status: 0 done, 1 setup failed "
                        + "(server unhealthy, API error, broker unreachable), 2 bad command line.",
                ""})
public final class DemoCommand implements Callable<Integer> {

    private static final Duration HEALTH_WAIT = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    @Spec
    private CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "Base URL of Tether's staff HTTP API (default: ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--broker", paramLabel = "tcp://HOST:PORT", defaultValue = "tcp://127.0.0.1:1883",
            description = "MQTT broker the devices publish to (default: ${DEFAULT-VALUE}).")
    String broker;

    @Option(names = "--mqtt-username", paramLabel = "NAME", description = "Username for the broker (default: none).")
    String mqttUsername;

    @Option(names = "--mqtt-password", paramLabel = "SECRET",
            description = "Password for the broker (default: none).")
    String mqttPassword;

    @Option(names = "--admin-user", paramLabel = "NAME", defaultValue = "admin",
            description = "Tether administrator to sign in as; the demo creates its own county, office and supervisor"
                    + " (default: ${DEFAULT-VALUE}).")
    String adminUsername;

    @Option(names = "--admin-password", paramLabel = "SECRET", defaultValue = "${env:TETHER_STAFF_ADMINPASSWORD}",
            description = "The administrator's password (default: the TETHER_STAFF_ADMINPASSWORD environment variable).")
    String adminPassword;

    @Option(names = "--persons", paramLabel = "N", defaultValue = "5",
            description = "How many persons to simulate, at least 1 (default: ${DEFAULT-VALUE}).")
    int persons;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "Seconds between two fixes of a device; fractions allowed (default: ${DEFAULT-VALUE}).")
    double intervalS;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed for homes, routes and GNSS error: the same seed replays the same movements "
                    + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop after this many seconds; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE}).")
    long durationS;

    @Option(names = "--center-lat", paramLabel = "DEG", defaultValue = "30.2741",
            description = "Latitude of the zone centre, WGS-84 (default: ${DEFAULT-VALUE}, Hangzhou).")
    double centerLat;

    @Option(names = "--center-lon", paramLabel = "DEG", defaultValue = "120.1551",
            description = "Longitude of the zone centre, WGS-84 (default: ${DEFAULT-VALUE}).")
    double centerLon;

    @Option(names = "--zone-radius-km", paramLabel = "KM", defaultValue = "3",
            description = "Radius of the inclusion zone (default: ${DEFAULT-VALUE}).")
    double zoneRadiusKm;

    @Option(names = "--device-prefix", paramLabel = "TEXT",
            description = "Prefix of device ids, which are {prefix}BR-{n} (default: SIM-<random run id>-, "
                    + "so repeated runs do not collide).")
    String devicePrefix;

    @Option(names = "--walk-out-speed", paramLabel = "M/S",
            defaultValue = "" + DemoSettings.DEFAULT_WALK_OUT_SPEED_MPS,
            description = "Speed at which person #1 leaves the zone (default: ${DEFAULT-VALUE}).")
    double walkOutSpeedMps;

    @Option(names = {"-v", "--verbose"}, description = "Log every fix sent and other details.")
    boolean verbose;

    @Override
    public Integer call() {
        DemoOptions options = options();
        if (verbose) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.tether.simulator")).setLevel(Level.DEBUG);
        }
        ObjectMapper json = new ObjectMapper();
        Clock clock = Clock.systemUTC();
        DemoRunner runner = new DemoRunner(options, TetherApi.create(options.server(), json),
                HiveMqDeviceUplink.factory(options.broker(), options.credentials()), json, clock,
                new DemoConsole(System.out, ZoneId.systemDefault(), clock));
        return StopSignal.runUntilDone(runner::run, SHUTDOWN_WAIT);
    }

    /** Validates the options; bad ones are reported as usage errors (exit status 2). */
    DemoOptions options() {
        URI serverUri = serverUri();
        BrokerAddress brokerAddress;
        try {
            brokerAddress = BrokerAddress.parse(broker);
        } catch (IllegalArgumentException e) {
            throw usage("--broker: " + e.getMessage());
        }
        require(persons >= 1, "--persons must be at least 1");
        require(Double.isFinite(intervalS) && intervalS >= 0.05, "--interval must be at least 0.05 seconds");
        require(durationS >= 0, "--duration must not be negative (0 = until Ctrl-C)");
        require(Double.isFinite(zoneRadiusKm) && zoneRadiusKm > 0 && zoneRadiusKm <= 1000,
                "--zone-radius-km must be above 0 and at most 1000");
        require(Double.isFinite(walkOutSpeedMps) && walkOutSpeedMps > 0 && walkOutSpeedMps <= 100,
                "--walk-out-speed must be above 0 and at most 100 m/s");
        GeoPoint center;
        try {
            center = new GeoPoint(centerLat, centerLon);
        } catch (IllegalArgumentException e) {
            throw usage("--center-lat/--center-lon: " + e.getMessage());
        }
        String prefix = devicePrefix != null ? devicePrefix : "SIM-" + RunId.random(new SecureRandom()) + "-";
        require(prefix.matches("[A-Za-z0-9._-]{0,40}"),
                "--device-prefix may only contain letters, digits, '.', '_' and '-' (at most 40)");

        DemoSettings settings = new DemoSettings(persons, seed, center, zoneRadiusKm * 1000, prefix, walkOutSpeedMps,
                DemoSettings.DEFAULT_WALK_OUT_INSIDE_M, DemoSettings.DEFAULT_WALK_OUT_BEYOND_M, WanderParams.DEFAULTS);
        return new DemoOptions(serverUri, brokerAddress, MqttCredentials.of(mqttUsername, mqttPassword),
                Duration.ofNanos(Math.round(intervalS * 1e9)), Duration.ofSeconds(durationS), HEALTH_WAIT, settings,
                adminUsername, adminPassword);
    }

    private URI serverUri() {
        try {
            URI uri = new URI(server.trim());
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw usage("--server must be an http(s) URL such as http://127.0.0.1:8080, got '" + server + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw usage("--server is not a URL: " + e.getMessage());
        }
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw usage(message);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
