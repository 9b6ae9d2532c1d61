package org.tether.benchmarks.gateway;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.tether.benchmarks.gateway.MqttConnections.Conn;

/**
 * Publishes QoS 1 messages over many connections with a bounded window of unacknowledged publishes per
 * connection (the async client's PUBACK completes a future), either paced to a total rate or as fast as the
 * windows allow ({@code rate <= 0}). Messages go round-robin over the connections; each connection asks
 * its {@link Source} for the next message, always on the same publisher thread, so sources need no locks.
 *
 * <p>Paced mode never bursts to catch up more than one second: when every window is full the shortfall is
 * dropped and counted ({@link #shortfall}), so "published" is what the broker really accepted per second.
 */
final class LoadPublisher {

    /** One message to send. */
    record Message(MqttTopic topic, byte[] payload) {
    }

    interface Source {
        /** The next message of connection {@code index} (called only on that connection's publisher thread). */
        Message next(int index, long nowMillis);
    }

    private final List<Conn> conns;
    private final Source source;
    private final int window;
    private final int threads;

    /** PUBACKs with success. */
    final LongAdder acked = new LongAdder();
    /** Publishes that failed (error or a PUBACK with an error reason code). */
    final LongAdder failed = new LongAdder();
    final AtomicLong issued = new AtomicLong();
    /** Paced mode: messages not sent because every window was full for over a second. */
    final AtomicLong shortfall = new AtomicLong();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private volatile boolean stop;
    /** Optional end-to-end bound: {@link #issued} minus this may not exceed {@link #maxOutstanding}. */
    private volatile java.util.function.LongSupplier delivered;
    private volatile long maxOutstanding = Long.MAX_VALUE;

    LoadPublisher(List<Conn> conns, Source source, int window, int threads) {
        this.conns = conns;
        this.source = source;
        this.window = window;
        this.threads = Math.max(1, Math.min(threads, conns.size()));
    }

    /** Publishes for {@code duration} (total {@code rate} per second; {@code <= 0}: as fast as possible); blocks. */
    void run(double rate, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Integer> mine = new ArrayList<>();
            for (int i = t; i < conns.size(); i += threads) {
                mine.add(i);
            }
            double myRate = rate <= 0 ? 0 : rate * mine.size() / conns.size();
            Thread w = new Thread(() -> loop(mine, myRate, end), "load-publisher-" + t);
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
    }

    /**
     * Closed loop for ceiling measurements: never more than {@code max} messages published but not yet
     * {@code delivered} (e.g. received by the subscriber), so a broker that accepts faster than it delivers
     * cannot build a queue that grows for the whole run; the rate found is the sustainable one.
     */
    void limitOutstanding(java.util.function.LongSupplier delivered, long max) {
        this.delivered = delivered;
        this.maxOutstanding = max;
    }

    void stop() {
        stop = true;
    }

    private void loop(List<Integer> mine, double rate, long endNanos) {
        int n = mine.size();
        int cursor = 0;
        long start = System.nanoTime();
        long sent = 0;    // by this thread
        long skipped = 0; // shortfall of this thread
        long tickNanos = rate > 0 ? 2_000_000 : 200_000;
        while (!stop) {
            long now = System.nanoTime();
            if (now >= endNanos) {
                break;
            }
            long due = rate > 0 ? (long) (rate * (now - start) / 1e9) - sent - skipped : Long.MAX_VALUE;
            if (rate > 0 && due > rate) { // more than a second behind: give up on the excess
                long excess = due - (long) rate;
                skipped += excess;
                shortfall.addAndGet(excess);
                due -= excess;
            }
            java.util.function.LongSupplier d = delivered;
            if (d != null) {
                // shared budget of all publisher threads, split evenly
                long budget = (maxOutstanding - (issued.get() - d.getAsLong())) / threads;
                due = Math.min(due, Math.max(0, budget));
            }
            int fullInARow = 0;
            long nowMillis = System.currentTimeMillis();
            while (due > 0 && fullInARow < n) {
                int index = mine.get(cursor);
                cursor = cursor + 1 == n ? 0 : cursor + 1;
                Conn c = conns.get(index);
                if (!c.up.get() || c.inFlight.get() >= window) {
                    fullInARow++;
                    continue;
                }
                fullInARow = 0;
                publish(c, source.next(index, nowMillis));
                sent++;
                due--;
            }
            LockSupport.parkNanos(tickNanos);
        }
    }

    private void publish(Conn c, Message m) {
        c.inFlight.incrementAndGet();
        issued.incrementAndGet();
        c.client.publishWith().topic(m.topic()).qos(MqttQos.AT_LEAST_ONCE).payload(m.payload()).send()
                .whenComplete((result, error) -> {
                    c.inFlight.decrementAndGet();
                    Throwable e = error != null ? error : result.getError().orElse(null);
                    if (e == null) {
                        acked.increment();
                    } else {
                        failed.increment();
                        errors.computeIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(),
                                k -> new LongAdder()).increment();
                    }
                });
    }

    /** Waits until no publish is unacknowledged, at most {@code timeout}; answers how many still are. */
    long awaitAcks(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            long open = inFlight();
            if (open == 0) {
                return 0;
            }
            LockSupport.parkNanos(50_000_000);
        }
        return inFlight();
    }

    long inFlight() {
        long n = 0;
        for (Conn c : conns) {
            n += c.inFlight.get();
        }
        return n;
    }
}
