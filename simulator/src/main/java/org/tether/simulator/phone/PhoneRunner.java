package org.tether.simulator.phone;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tether.simulator.ExitCodes;
import org.tether.simulator.device.Battery;
import org.tether.simulator.device.DeviceKind;
import org.tether.simulator.device.Fix;
import org.tether.simulator.device.FixBatch;
import org.tether.simulator.device.FixJson;
import org.tether.simulator.device.GnssSensor;
import org.tether.simulator.device.SimulatedDevice;
import org.tether.simulator.geo.LocalFrame;
import org.tether.simulator.movement.MovementState;
import org.tether.simulator.movement.Mover;
import org.tether.simulator.mqtt.DeviceUplink;
import org.tether.simulator.run.StopSignal;
import org.tether.simulator.tether.TetherApiException;

/**
 * An enrolled phone carried by a simulated person: the person moves, the phone publishes a fix every interval
 * over MQTT with its own login, polls its open location checks and answers each with its current fix (or
 * ignores them), and checks in on a schedule, optionally with a photo.
 *
 * <p>Everything that touches the person or the phone runs on one scheduler thread, so movement, fixes and
 * answers never race; HTTP calls are blocking but few (one phone).
 */
public final class PhoneRunner {

    private static final Logger log = LoggerFactory.getLogger(PhoneRunner.class);
    private static final Duration MQTT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    private static final double BATTERY_DRAIN_PERCENT_PER_HOUR = 3.0;
    private static final double ALTITUDE_M = 10;

    private final EnrolledPhone phone;
    private final PhoneRunOptions options;
    private final PhoneApi api;
    private final DeviceUplink uplink;
    private final FixJson encoder;
    private final Clock clock;
    private final PhoneConsole console;
    private final PhoneRunStats stats = new PhoneRunStats();
    private final AtomicBoolean tokenRefused = new AtomicBoolean();

    // Touched only on the scheduler thread.
    private final LocalFrame frame;
    private final Mover mover;
    private final SimulatedDevice device;
    private final SplittableRandom photoRng;
    private final Set<String> checksHandled = new HashSet<>();
    private long ticks;

    public PhoneRunner(EnrolledPhone phone, PhoneRunOptions options, PhoneApi api, DeviceUplink uplink, FixJson encoder,
                       Clock clock, PhoneConsole console) {
        this.phone = phone;
        this.options = options;
        this.api = api;
        this.uplink = uplink;
        this.encoder = encoder;
        this.clock = clock;
        this.console = console;
        SplittableRandom rng = new SplittableRandom(options.seed());
        this.frame = new LocalFrame(options.center());
        this.mover = new Mover(options.movement().model(options.radiusM(), options.walkOutSpeedMps(), rng.split()),
                rng.split());
        // The sequence starts at the start time in ms: a restarted phone never repeats a recent seq (which the
        // server would drop as a redelivery).
        this.device = new SimulatedDevice(phone.deviceId(), DeviceKind.PHONE, GnssSensor.typical(rng.split()),
                new Battery(60 + rng.nextDouble(40), BATTERY_DRAIN_PERCENT_PER_HOUR), ALTITUDE_M, clock.millis());
        this.photoRng = rng.split();
    }

    public PhoneRunStats stats() {
        return stats;
    }

    /** Runs until {@code stop} fires, the duration is over or the server refuses the token; the exit code. */
    public int run(StopSignal stop) {
        if (options.pushToken().isPresent()) {
            try {
                api.registerPushToken(options.pushToken().get());
                log.info("Push token registered");
            } catch (TetherApiException e) {
                return failed("Registering the push token failed: " + e.getMessage(), e);
            }
        }
        try {
            uplink.connect().get(MQTT_CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            uplink.close();
            if (loginRefused(e.getCause())) {
                console.error("The MQTT broker at " + phone.broker() + " refused phone " + phone.deviceId()
                        + "'s login: " + rootMessage(e), List.of("The phone was revoked (a newer enrolment or an "
                        + "unbinding): ask for a new code and run 'phone enrol' again."));
                return ExitCodes.NOT_ENROLLED;
            }
            console.error("Cannot connect phone " + phone.deviceId() + " to the MQTT broker at " + phone.broker() + ": "
                    + rootMessage(e), List.of("Is the broker running there? (chosen at enrolment: --broker)"));
            return ExitCodes.SETUP_FAILED;
        } catch (TimeoutException e) {
            uplink.close();
            console.error("Connecting to the MQTT broker at " + phone.broker() + " timed out after "
                    + MQTT_CONNECT_TIMEOUT.toSeconds() + " s", List.of());
            return ExitCodes.SETUP_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            uplink.close();
            return ExitCodes.INTERRUPTED;
        }

        console.running(phone, options);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "phone-" + phone.deviceId());
            t.setDaemon(true);
            return t;
        });
        try {
            scheduler.scheduleAtFixedRate(guarded(this::publishFix, stop), 0, options.interval().toNanos(),
                    TimeUnit.NANOSECONDS);
            scheduler.scheduleWithFixedDelay(guarded(() -> pollChecks(scheduler, stop), stop), 0,
                    options.checkPoll().toNanos(), TimeUnit.NANOSECONDS);
            if (options.checksIn()) {
                scheduler.scheduleAtFixedRate(guarded(this::checkIn, stop), options.checkInFirst().toNanos(),
                        options.checkInEvery().toNanos(), TimeUnit.NANOSECONDS);
            }
            if (options.runsUntilStopped()) {
                stop.await();
            } else {
                stop.await(options.duration());
            }
        } finally {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            uplink.close();
        }
        console.summary(stats.snapshot());
        if (tokenRefused.get()) {
            console.error("The server no longer accepts this phone's token (revoked by a newer enrolment or an "
                    + "unbinding, or expired).", List.of("Ask for a new enrolment code and run 'phone enrol' again."));
            return ExitCodes.NOT_ENROLLED;
        }
        return ExitCodes.OK;
    }

    /** A call that failed: the exit code, with the server's problem (field and reason) shown. */
    private int failed(String message, TetherApiException e) {
        if (PhoneApi.notEnrolled(e)) {
            console.error(message, List.of("The token is unknown, revoked or expired: enrol again with a new code."));
            return ExitCodes.NOT_ENROLLED;
        }
        console.error(message, List.of("Server: " + phone.server()));
        return ExitCodes.SETUP_FAILED;
    }

    private interface ApiTask {
        void run() throws TetherApiException;
    }

    /**
     * Keeps a scheduled task alive through failures (an exception would cancel it silently); a refused token
     * ends the run, since nothing else will work either.
     */
    private Runnable guarded(ApiTask task, StopSignal stop) {
        return () -> {
            try {
                task.run();
            } catch (TetherApiException e) {
                if (stop.isStopped()) {
                    return; // a call cut short by stopping is no failure
                }
                stats.requestFailed();
                if (PhoneApi.notEnrolled(e)) {
                    tokenRefused.set(true);
                    stop.stop();
                } else {
                    log.warn("{}", e.getMessage());
                }
            } catch (RuntimeException e) {
                log.error("Phone task failed", e);
            }
        };
    }

    private void publishFix() {
        MovementState state = ticks == 0 ? mover.current() : mover.advance(seconds(options.interval()));
        Fix fix = device.takeFix(frame, state, clock.millis(), ticks == 0 ? 0 : seconds(options.interval()));
        ticks++;
        byte[] payload = encoder.encode(FixBatch.of(phone.deviceId(), List.of(fix)));
        stats.fixSent();
        log.debug("{} -> {}", phone.fixTopic(), new String(payload, java.nio.charset.StandardCharsets.UTF_8));
        uplink.publishFixes(payload).whenComplete((ok, error) -> {
            if (error == null) {
                stats.fixAcknowledged();
            } else {
                stats.fixFailed();
                log.warn("{}: publishing a fix failed: {}", phone.deviceId(), rootMessage(error));
            }
        });
    }

    /** A fix taken now, where the person is now (not moving them on). */
    private PhoneFix freshFix() {
        return PhoneFix.of(device.takeFix(frame, mover.current(), clock.millis(), 0));
    }

    private void pollChecks(ScheduledExecutorService scheduler, StopSignal stop) throws TetherApiException {
        for (PhoneApi.LocationCheck check : api.openLocationChecks()) {
            if (!checksHandled.add(check.id())) {
                continue;
            }
            stats.checkSeen();
            console.checkSeen(check, options.ignoreChecks(), options.answerDelay().toSeconds());
            if (options.ignoreChecks()) {
                stats.checkIgnored();
            } else {
                scheduler.schedule(guarded(() -> answer(check), stop), options.answerDelay().toNanos(),
                        TimeUnit.NANOSECONDS);
            }
        }
    }

    private void answer(PhoneApi.LocationCheck check) throws TetherApiException {
        PhoneFix fix = freshFix();
        try {
            PhoneApi.LocationCheck answered = api.answer(check.id(), fix);
            stats.checkAnswered();
            console.answered(answered, fix);
        } catch (TetherApiException e) {
            if (e.problem().map(p -> p.status() == 409).orElse(false)) {
                log.info("Location check {} was answered already", check.id());
                return;
            }
            throw e;
        }
    }

    private void checkIn() throws TetherApiException {
        PhoneFix fix = freshFix();
        Optional<Photo> photo = options.photo().generate(photoRng);
        checkIn(api, fix, photo, stats, console);
    }

    /** A check-in with {@code fix}, then its photo if any; shared by {@code phone run} and {@code phone check-in}. */
    public static PhoneApi.CheckInReceipt checkIn(PhoneApi api, PhoneFix fix, Optional<Photo> photo,
                                                  PhoneRunStats stats, PhoneConsole console) throws TetherApiException {
        PhoneApi.CheckInReceipt receipt = api.checkIn(fix);
        stats.checkedIn();
        if (photo.isPresent()) {
            api.attachPhoto(receipt.id(), photo.get());
            stats.photoAttached();
        }
        console.checkedIn(receipt, fix, photo.isPresent());
        return receipt;
    }

    /** The broker turned the login down (as opposed to not being reachable). */
    static boolean loginRefused(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof Mqtt5ConnAckException refused) {
                Mqtt5ConnAckReasonCode code = refused.getMqttMessage().getReasonCode();
                return code == Mqtt5ConnAckReasonCode.NOT_AUTHORIZED
                        || code == Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD;
            }
        }
        return false;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
