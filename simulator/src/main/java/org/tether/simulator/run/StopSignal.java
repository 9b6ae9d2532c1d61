package org.tether.simulator.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A one-way "please stop" flag that can also be waited on (Ctrl-C, end of --duration). */
public final class StopSignal {

    private final CountDownLatch latch = new CountDownLatch(1);

    public void stop() {
        latch.countDown();
    }

    public boolean isStopped() {
        return latch.getCount() == 0;
    }

    /** Waits up to {@code timeout}; true if stopped (or interrupted) meanwhile. */
    public boolean await(Duration timeout) {
        try {
            return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Waits until stopped (or interrupted). */
    public void await() {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
