package org.tether.server.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every server instance that the registry changed (PostgreSQL NOTIFY on one channel), so a zone
 * drawn through one instance is enforced by all of them within moments. Each instance listens with a
 * dedicated connection that reconnects by itself, and reloads its {@link LiveRegistry} on every
 * notification (and after every reconnection, in case one was missed while it was away).
 */
public final class RegistryChanges {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryChanges.class);
    static final String CHANNEL = "tether_registry";

    private final Pool pool;
    private final PgSubscriber subscriber;

    public RegistryChanges(Vertx vertx, Pool pool, PgConnectOptions connect, LiveRegistry registry) {
        this.pool = pool;
        this.subscriber = PgSubscriber.subscriber(vertx, connect)
                .reconnectPolicy(retries -> 1_000L);
        subscriber.channel(CHANNEL)
                .handler(payload -> reload(registry))
                // Also on every (re)subscription: a notice sent while we were disconnected is lost.
                .subscribeHandler(v -> reload(registry));
        subscriber.closeHandler(v -> LOG.warn("registry change listener disconnected; reconnecting"));
    }

    private static void reload(LiveRegistry registry) {
        registry.reload().onFailure(e -> LOG.warn("registry reload after a change notice failed: {}", e.getMessage()));
    }

    public Future<Void> listen() {
        return subscriber.connect();
    }

    /** Announces a change to every instance (this one included). */
    public Future<Void> announce() {
        return pool.query("NOTIFY " + CHANNEL).execute().mapEmpty();
    }

    public Future<Void> close() {
        return subscriber.close();
    }
}
