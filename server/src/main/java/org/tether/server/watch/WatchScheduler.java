package org.tether.server.watch;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link Watch} periodically, one at a time, each in its own transaction. Several server
 * instances may run this: a transaction-scoped advisory lock per watch lets only one of them scan at
 * a time (the others skip that round), and the scans are idempotent anyway.
 */
public final class WatchScheduler extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(WatchScheduler.class);
    /** First key of the advisory locks: "tether watches". */
    private static final int LOCK_NAMESPACE = 7_411_001;

    private final Pool pool;
    private final List<Watch> watches;
    private final long intervalMs;
    private final Clock clock;
    private final AtomicLong rounds = new AtomicLong();
    private long timer = -1;
    private boolean running;

    public WatchScheduler(Pool pool, List<Watch> watches, long intervalMs, Clock clock) {
        this.pool = pool;
        this.watches = List.copyOf(watches);
        this.intervalMs = intervalMs;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        // A first round at once: whatever fell due while no instance was running is raised now.
        vertx.setTimer(1, t -> round());
        timer = vertx.setPeriodic(intervalMs, t -> round());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return Future.succeededFuture();
    }

    /** Completed scan rounds, for tests and metrics. */
    public long rounds() {
        return rounds.get();
    }

    private void round() {
        if (running) {
            return; // a slow round (a large backlog after an outage) is not stacked on
        }
        running = true;
        Future<Void> chain = Future.succeededFuture();
        for (int i = 0; i < watches.size(); i++) {
            Watch watch = watches.get(i);
            int key = i;
            chain = chain.compose(v -> scan(watch, key));
        }
        chain.onComplete(ar -> {
            running = false;
            rounds.incrementAndGet();
        });
    }

    private Future<Void> scan(Watch watch, int key) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1, $2) AS locked")
                        .execute(Tuple.of(LOCK_NAMESPACE, key))
                        .compose(rows -> rows.iterator().next().getBoolean("locked")
                                ? watch.scan(tx, clock.instant()) : Future.succeededFuture(0)))
                .onSuccess(n -> {
                    if (n > 0) {
                        LOG.info("watch {}: {} alert change(s)", watch.name(), n);
                    }
                })
                // One failing watch (or a database outage) must not stop the others or later rounds.
                .<Void>mapEmpty()
                .recover(e -> {
                    LOG.warn("watch {} failed: {}", watch.name(), e.getMessage());
                    return Future.succeededFuture();
                });
    }
}
