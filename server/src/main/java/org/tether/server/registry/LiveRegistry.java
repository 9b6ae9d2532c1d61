package org.tether.server.registry;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the current {@link RegistrySnapshot} for the hot path and swaps in a new one after every
 * registry change, so the fix path never queries the registry per message and never sees half an
 * update.
 */
public final class LiveRegistry {

    private final Vertx vertx;
    private final RegistryRepository repository;
    private final AtomicReference<RegistrySnapshot> current = new AtomicReference<>(RegistrySnapshot.EMPTY);
    private final Object lock = new Object();
    /** The last reload queued; the next one starts when it has finished. Guarded by {@link #lock}. */
    private Future<RegistrySnapshot> tail = Future.succeededFuture(RegistrySnapshot.EMPTY);
    /** A queued reload that has not begun reading yet, which new callers may share. Guarded by {@link #lock}. */
    private Promise<RegistrySnapshot> notStarted;

    public LiveRegistry(Vertx vertx, RegistryRepository repository) {
        this.vertx = vertx;
        this.repository = repository;
    }

    public RegistrySnapshot current() {
        return current.get();
    }

    /**
     * Reloads from the database; the returned snapshot was read after this call began, so a caller that
     * committed a change before calling sees it. Reloads run one at a time (two overlapping ones could
     * finish out of order and swap an older snapshot in last); callers arriving while one waits to start
     * share it. Preparing zone geometries is CPU work proportional to their vertices, so it runs on a
     * worker thread, not an event loop.
     */
    public Future<RegistrySnapshot> reload() {
        synchronized (lock) {
            if (notStarted != null) {
                return notStarted.future();
            }
            Promise<RegistrySnapshot> reload = Promise.promise();
            notStarted = reload;
            tail = tail.transform(previous -> {
                synchronized (lock) {
                    notStarted = null;
                }
                Future<RegistrySnapshot> read = repository.loadRawRegistry()
                        .compose(raw -> vertx.executeBlocking(raw::prepare, false))
                        .onSuccess(current::set);
                read.onComplete(reload);
                return read;
            });
            return reload.future();
        }
    }
}
