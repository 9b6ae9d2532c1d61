package org.tether.simulator.run;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of fixes sent, acknowledged and failed. Thread-safe. */
public final class PublishStats {

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    void sent() {
        sent.incrementAndGet();
    }

    void acknowledged() {
        acknowledged.incrementAndGet();
    }

    void failed() {
        failed.incrementAndGet();
    }

    public Snapshot snapshot() {
        return new Snapshot(sent.get(), acknowledged.get(), failed.get());
    }

    /** Counts at one moment. */
    public record Snapshot(long sent, long acknowledged, long failed) {
    }
}
