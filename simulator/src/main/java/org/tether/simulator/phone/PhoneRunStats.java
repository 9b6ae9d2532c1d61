package org.tether.simulator.phone;

import java.util.concurrent.atomic.AtomicLong;

/** What a running phone has done so far. Thread-safe. */
public final class PhoneRunStats {

    private final AtomicLong fixesSent = new AtomicLong();
    private final AtomicLong fixesAcknowledged = new AtomicLong();
    private final AtomicLong fixesFailed = new AtomicLong();
    private final AtomicLong checkIns = new AtomicLong();
    private final AtomicLong photos = new AtomicLong();
    private final AtomicLong checksSeen = new AtomicLong();
    private final AtomicLong checksAnswered = new AtomicLong();
    private final AtomicLong checksIgnored = new AtomicLong();
    private final AtomicLong requestsFailed = new AtomicLong();

    /** A consistent-enough copy for reports and tests. */
    public record Snapshot(long fixesSent, long fixesAcknowledged, long fixesFailed, long checkIns, long photos,
                           long checksSeen, long checksAnswered, long checksIgnored, long requestsFailed) {
    }

    void fixSent() {
        fixesSent.incrementAndGet();
    }

    void fixAcknowledged() {
        fixesAcknowledged.incrementAndGet();
    }

    void fixFailed() {
        fixesFailed.incrementAndGet();
    }

    void checkedIn() {
        checkIns.incrementAndGet();
    }

    void photoAttached() {
        photos.incrementAndGet();
    }

    void checkSeen() {
        checksSeen.incrementAndGet();
    }

    void checkAnswered() {
        checksAnswered.incrementAndGet();
    }

    void checkIgnored() {
        checksIgnored.incrementAndGet();
    }

    void requestFailed() {
        requestsFailed.incrementAndGet();
    }

    public Snapshot snapshot() {
        return new Snapshot(fixesSent.get(), fixesAcknowledged.get(), fixesFailed.get(), checkIns.get(), photos.get(),
                checksSeen.get(), checksAnswered.get(), checksIgnored.get(), requestsFailed.get());
    }
}
