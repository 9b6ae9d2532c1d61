package org.tether.simulator.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

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

    /**
     * Runs {@code run} with Ctrl-C wired to a clean stop: the shutdown hook raises a fresh signal and waits up
     * to {@code shutdownWait} for the run to tidy up (disconnect, flush) before the JVM exits.
     */
    public static int runUntilDone(ToIntFunction<StopSignal> run, Duration shutdownWait) {
        StopSignal stop = new StopSignal();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.stop();
            try {
                finished.await(shutdownWait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run.applyAsInt(stop);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // already running: nothing to remove
            }
        }
    }
}
