package org.tether.simulator.run;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tether.simulator.device.Fix;
import org.tether.simulator.device.FixBatch;
import org.tether.simulator.device.FixJson;
import org.tether.simulator.geo.LocalFrame;
import org.tether.simulator.movement.MovementState;

/**
 * One tick of the simulation: every person moves one interval on, and every device publishes one fix.
 * Called from a single thread.
 */
public final class FixTicker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(FixTicker.class);

    private final List<SimulatedPerson> persons;
    private final LocalFrame frame;
    private final double intervalS;
    private final Clock clock;
    private final FixJson encoder;
    private final PublishStats stats;
    private final TickListener listener;
    private final Set<String> devicesWithFailures = ConcurrentHashMap.newKeySet();
    private long tick;

    /** Told after each tick, e.g. to report progress. */
    @FunctionalInterface
    public interface TickListener {
        void afterTick(long tick, List<SimulatedPerson> persons);
    }

    public FixTicker(List<SimulatedPerson> persons, LocalFrame frame, double intervalS, Clock clock, FixJson encoder,
                     PublishStats stats, TickListener listener) {
        this.persons = List.copyOf(persons);
        this.frame = frame;
        this.intervalS = intervalS;
        this.clock = clock;
        this.encoder = encoder;
        this.stats = stats;
        this.listener = listener;
    }

    @Override
    public void run() {
        try {
            long now = clock.millis();
            for (SimulatedPerson person : persons) {
                // The first tick reports where everyone starts; later ticks move them on first.
                MovementState state = tick == 0 ? person.mover().current() : person.mover().advance(intervalS);
                Fix fix = person.device().takeFix(frame, state, now, tick == 0 ? 0 : intervalS);
                publish(person, FixBatch.of(person.device().deviceId(), List.of(fix)));
            }
            listener.afterTick(tick, persons);
            tick++;
        } catch (RuntimeException e) {
            // An exception would silently cancel the scheduled task; log and carry on instead.
            log.error("Simulation tick failed", e);
        }
    }

    private void publish(SimulatedPerson person, FixBatch batch) {
        String deviceId = batch.deviceId();
        byte[] payload = encoder.encode(batch);
        stats.sent();
        log.debug("{} -> {}", deviceId, new String(payload, java.nio.charset.StandardCharsets.UTF_8));
        person.uplink().publishFixes(payload).whenComplete((ok, error) -> {
            if (error == null) {
                stats.acknowledged();
                if (devicesWithFailures.remove(deviceId)) {
                    log.info("{}: publishing again", deviceId);
                }
            } else {
                stats.failed();
                if (devicesWithFailures.add(deviceId)) {
                    log.warn("{}: publish failed: {}", deviceId, rootMessage(error));
                }
            }
        });
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
