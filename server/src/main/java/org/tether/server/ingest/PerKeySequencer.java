package org.tether.server.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks one after another per key, in submission order, while tasks for different
 * keys run concurrently. The fix path needs this per person: a message's transaction must see the
 * previous message's positions (alert evidence) and alerts (clearing a condition it raised), which
 * concurrent transactions on different connections would not.
 *
 * <p>Not thread-safe: use from one event loop.
 */
final class PerKeySequencer<K> {

    private final Map<K, Future<?>> tails = new HashMap<>();

    <T> Future<T> submit(K key, Supplier<Future<T>> task) {
        Future<?> previous = tails.getOrDefault(key, Future.succeededFuture());
        Promise<T> done = Promise.promise();
        // Whatever the previous task's outcome, this one runs after it.
        previous.onComplete(ignored -> {
            Future<T> f;
            try {
                f = task.get();
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            f.onComplete(done);
        });
        Future<T> result = done.future();
        tails.put(key, result);
        result.onComplete(ignored -> tails.remove(key, result));
        return result;
    }

    int pendingKeys() {
        return tails.size();
    }
}
