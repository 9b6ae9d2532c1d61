package org.tether.simulator.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tether.simulator.ExitCodes;
import org.tether.simulator.device.Battery;
import org.tether.simulator.device.FixJson;
import org.tether.simulator.device.GnssSensor;
import org.tether.simulator.device.SimulatedDevice;
import org.tether.simulator.geo.GeoJson;
import org.tether.simulator.movement.Mover;
import org.tether.simulator.mqtt.BrokerProbe;
import org.tether.simulator.mqtt.DeviceUplink;
import org.tether.simulator.mqtt.DeviceUplinkFactory;
import org.tether.simulator.scenario.DemoPlan;
import org.tether.simulator.scenario.DemoScenario;
import org.tether.simulator.scenario.PersonPlan;
import org.tether.simulator.tether.AlertWatcher;
import org.tether.simulator.tether.NewDevice;
import org.tether.simulator.tether.NewPerson;
import org.tether.simulator.tether.NewZone;
import org.tether.simulator.tether.TetherApi;
import org.tether.simulator.tether.TetherApiException;
import org.tether.simulator.tether.ZoneKind;

/**
 * Runs the demo: waits for the server, creates the zone, persons and devices through the staff API,
 * connects the devices to the broker, follows alerts and publishes fixes until stopped.
 */
public final class DemoRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);
    private static final Duration HEALTH_POLL = Duration.ofSeconds(1);
    private static final Duration BROKER_PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MQTT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration ALERT_STREAM_WAIT = Duration.ofSeconds(5);
    private static final Duration TICKER_STOP_WAIT = Duration.ofSeconds(5);
    private static final double BATTERY_DRAIN_PERCENT_PER_HOUR = 2.0;
    private static final double REPORT_EVERY_S = 30;

    private final DemoOptions options;
    private final TetherApi api;
    private final DeviceUplinkFactory uplinks;
    private final ObjectMapper json;
    private final Clock clock;
    private final DemoConsole console;

    public DemoRunner(DemoOptions options, TetherApi api, DeviceUplinkFactory uplinks, ObjectMapper json, Clock clock,
                      DemoConsole console) {
        this.options = options;
        this.api = api;
        this.uplinks = uplinks;
        this.json = json;
        this.clock = clock;
        this.console = console;
    }

    /** Runs until {@code stop} fires or the duration is over; returns the process exit code. */
    public int run(StopSignal stop) {
        DemoPlan plan = DemoScenario.plan(options.scenario());
        console.plan(options, plan);

        if (!awaitHealthy(stop)) {
            return stop.isStopped() ? ExitCodes.INTERRUPTED : ExitCodes.SETUP_FAILED;
        }

        Optional<String> brokerProblem = BrokerProbe.problemReaching(options.broker(), BROKER_PROBE_TIMEOUT);
        if (brokerProblem.isPresent()) {
            console.error("Cannot reach the MQTT broker at " + options.broker() + ": " + brokerProblem.get() + ".",
                    List.of("Is the broker running and reachable? (--broker, now " + options.broker() + ")"));
            return ExitCodes.SETUP_FAILED;
        }

        List<SimulatedPerson> persons;
        try {
            persons = createOnServer(plan, stop);
        } catch (TetherApiException e) {
            console.error("Setting up the demo through the staff API failed: " + e.getMessage(),
                    List.of("Server: " + api.baseUri()));
            return ExitCodes.SETUP_FAILED;
        }
        if (stop.isStopped()) {
            closeAll(persons);
            return ExitCodes.INTERRUPTED;
        }

        try {
            connect(persons);
        } catch (SetupException e) {
            closeAll(persons);
            console.error(e.getMessage(), List.of(
                    "Is the broker running and reachable? (--broker, now " + options.broker() + ")",
                    "If it needs a login, pass --mqtt-username and --mqtt-password."));
            return ExitCodes.SETUP_FAILED;
        }

        Map<String, SimulatedPerson> byPersonId = new LinkedHashMap<>();
        persons.forEach(p -> byPersonId.put(p.personId(), p));
        AtomicLong alertsSeen = new AtomicLong();
        AlertWatcher watcher = new AlertWatcher(api, json, alert -> {
            alertsSeen.incrementAndGet();
            console.alert(alert, byPersonId);
        });
        PublishStats stats = new PublishStats();
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fix-ticker");
            t.setDaemon(true);
            return t;
        });
        try {
            watcher.start();
            if (!watcher.awaitConnected(ALERT_STREAM_WAIT)) {
                log.warn("Alert stream not connected yet; alerts will show once it is");
            }
            console.whereToLook(api);
            console.running(options);

            FixTicker ticker = new FixTicker(persons, plan.frame(), options.intervalSeconds(), clock, new FixJson(json),
                    stats, new ProgressReporter(console, stats, plan.zoneRadiusM(), options.intervalSeconds(),
                    REPORT_EVERY_S));
            ticks.scheduleAtFixedRate(ticker, 0, options.interval().toNanos(), TimeUnit.NANOSECONDS);

            if (options.runsUntilStopped()) {
                stop.await();
            } else {
                stop.await(options.duration());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ticks.shutdown();
            try {
                ticks.awaitTermination(TICKER_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeAll(persons);
            watcher.close();
        }
        console.summary(stats.snapshot(), persons.size(), alertsSeen.get());
        return ExitCodes.OK;
    }

    private boolean awaitHealthy(StopSignal stop) {
        Instant deadline = clock.instant().plus(options.healthWait());
        String last = "no answer";
        boolean announced = false;
        while (true) {
            try {
                String status = api.health();
                if ("UP".equalsIgnoreCase(status)) {
                    log.info("Tether server at {} is up", api.baseUri());
                    return true;
                }
                last = "status " + status;
            } catch (TetherApiException e) {
                last = e.getMessage();
            }
            if (!announced) {
                log.info("Waiting up to {} s for the Tether server at {} ({})", options.healthWait().toSeconds(),
                        api.baseUri(), last);
                announced = true;
            }
            if (!clock.instant().isBefore(deadline)) {
                console.error("The Tether server at " + api.baseUri() + " did not become healthy within "
                                + options.healthWait().toSeconds() + " s (last: " + last + ").",
                        List.of("Start the server first, or point --server at it."));
                return false;
            }
            if (stop.await(HEALTH_POLL)) {
                return false;
            }
        }
    }

    /**
     * Signs in as the administrator, creates a county agency and a justice office for this run and a county
     * supervisor (who may register persons and devices and approve bracelet orders), and continues as that
     * supervisor. Returns the justice office's id.
     */
    private String setUpOrganisation() throws TetherApiException {
        if (options.adminPassword() == null || options.adminPassword().isBlank()) {
            throw new TetherApiException("POST", api.endpoint("/api/session"), new IllegalStateException(
                    "no administrator password: give --admin-password or set TETHER_STAFF_ADMINPASSWORD"));
        }
        api.signIn(options.adminUsername(), options.adminPassword());
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        String county = api.createOffice("COUNTY_AGENCY", "模拟县 " + run, null);
        String office = api.createOffice("JUSTICE_OFFICE", "模拟司法所 " + run, county);
        String password = java.util.UUID.randomUUID().toString();
        api.createStaff("sim-supervisor-" + run, "COUNTY_SUPERVISOR", county, password);
        api.signIn("sim-supervisor-" + run, password);
        log.info("Signed in as county supervisor sim-supervisor-{} (county agency {}, justice office {})", run, county, office);
        return office;
    }

    private List<SimulatedPerson> createOnServer(DemoPlan plan, StopSignal stop) throws TetherApiException {
        String officeId = setUpOrganisation();
        String zoneId = api.createZone(new NewZone(plan.zoneName(), ZoneKind.INCLUSION, officeId,
                GeoJson.polygon(plan.zone())));
        log.info("Created zone {} \"{}\" ({} vertices)", zoneId, plan.zoneName(), plan.zone().exteriorRing().size() - 1);
        List<SimulatedPerson> persons = new ArrayList<>();
        for (PersonPlan p : plan.persons()) {
            if (stop.isStopped()) {
                break;
            }
            String personId = api.createPerson(new NewPerson(p.displayName(), officeId, List.of(zoneId)));
            if (p.deviceKind() == org.tether.simulator.device.DeviceKind.BRACELET) {
                // A bracelet is bound only under an approved electronic-monitoring order (law Art. 29).
                api.approveEmOrder(personId, "LEFT_AREA_WITHOUT_APPROVAL", java.time.OffsetDateTime.now().plusMonths(1));
            }
            java.util.Optional<org.tether.simulator.mqtt.MqttCredentials> login =
                    api.registerDevice(new NewDevice(p.deviceId(), p.deviceKind(), personId));
            log.info("Created person #{} {} [{}] wearing {} {} — {}", p.index(), p.displayName(), personId,
                    p.deviceKind().name().toLowerCase(java.util.Locale.ROOT), p.deviceId(), p.role().description());
            persons.add(bringToLife(p, personId, login));
        }
        return persons;
    }

    private SimulatedPerson bringToLife(PersonPlan p, String personId,
                                        java.util.Optional<org.tether.simulator.mqtt.MqttCredentials> login) {
        Mover mover = new Mover(p.movement(), new SplittableRandom(p.movementSeed()));
        SimulatedDevice device = new SimulatedDevice(p.deviceId(), p.deviceKind(),
                GnssSensor.typical(new SplittableRandom(p.sensorSeed())),
                new Battery(p.batteryPercent(), BATTERY_DRAIN_PERCENT_PER_HOUR), p.altitudeM(), 1);
        DeviceUplink uplink = uplinks.create(p.deviceId(), login);
        return new SimulatedPerson(p, personId, mover, device, uplink);
    }

    private void connect(List<SimulatedPerson> persons) throws SetupException {
        List<CompletableFuture<Void>> connecting = persons.stream().map(p -> p.uplink().connect()).toList();
        try {
            CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new))
                    .get(MQTT_CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            log.info("{} device{} connected to {}", persons.size(), persons.size() == 1 ? "" : "s", options.broker());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SetupException("Cannot connect devices to the MQTT broker at " + options.broker() + ": "
                    + describe(cause));
        } catch (TimeoutException e) {
            throw new SetupException("Connecting devices to the MQTT broker at " + options.broker() + " timed out after "
                    + MQTT_CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException("Interrupted while connecting to the MQTT broker");
        }
    }

    private static void closeAll(List<SimulatedPerson> persons) {
        persons.parallelStream().forEach(p -> p.uplink().close());
    }

    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (root instanceof java.net.ConnectException || (message != null && message.contains("Connection refused"))) {
            return "connection refused";
        }
        return message == null ? root.getClass().getSimpleName() : message;
    }

    /** Setup could not be completed; the message says why. */
    private static final class SetupException extends Exception {
        private static final long serialVersionUID = 1L;

        SetupException(String message) {
            super(message);
        }
    }
}
