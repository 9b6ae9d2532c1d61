package org.tether.server.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries an operation until it succeeds, backing off exponentially to a ceiling. Used where giving
 * up would lose accepted data: the message stays unacknowledged meanwhile, so the broker stops
 * sending more once our receive window is full — that is the back-pressure. Only outages are
 * retried: an error about the data itself fails at once, since repeating it would block forever.
 */
public final class Retry {

    private static final Logger LOG = LoggerFactory.getLogger(Retry.class);

    private final Vertx vertx;
    private final long firstDelayMs;
    private final long maxDelayMs;

    public Retry(Vertx vertx, long firstDelayMs, long maxDelayMs) {
        this.vertx = vertx;
        this.firstDelayMs = firstDelayMs;
        this.maxDelayMs = maxDelayMs;
    }

    public <T> Future<T> untilSuccess(String what, Supplier<Future<T>> operation) {
        Promise<T> promise = Promise.promise();
        attempt(what, operation, promise, 1, firstDelayMs);
        return promise.future();
    }

    /**
     * PostgreSQL errors of the classes connection (08), resources (53), operator intervention (57)
     * and transaction rollback (40) are outages; so is anything that is not a server error at all
     * (connection refused, pool queue full, timeouts).
     */
    static boolean isTransient(Throwable e) {
        if (e instanceof PgException pg) {
            String state = pg.getSqlState();
            return state == null || state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                    || state.startsWith("40");
        }
        return true;
    }

    private <T> void attempt(String what, Supplier<Future<T>> operation, Promise<T> promise, int attempt, long delay) {
        Future<T> f;
        try {
            f = operation.get();
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        f.onSuccess(promise::complete).onFailure(e -> {
            if (!isTransient(e)) {
                promise.fail(e);
                return;
            }
            LOG.warn("{} failed (attempt {}), retrying in {} ms: {}", what, attempt, delay, e.toString());
            vertx.setTimer(delay, t -> attempt(what, operation, promise, attempt + 1, Math.min(maxDelayMs, delay * 2)));
        });
    }
}
