package org.tether.server.registry;

import io.vertx.core.Future;
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

    public LiveRegistry(Vertx vertx, RegistryRepository repository) {
        this.vertx = vertx;
        this.repository = repository;
    }

    public RegistrySnapshot current() {
        return current.get();
    }

    /**
     * Reloads from the database. Preparing zone geometries is CPU work proportional to their vertices,
     * so it runs on a worker thread, not an event loop. Concurrent reloads each read the database
     * after the change that triggered them, so whichever finishes last is at least as new.
     */
    public Future<RegistrySnapshot> reload() {
        return repository.loadRawRegistry()
                .compose(raw -> vertx.executeBlocking(raw::prepare, false))
                .onSuccess(current::set);
    }
}
