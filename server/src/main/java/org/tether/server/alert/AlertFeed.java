package org.tether.server.alert;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * Announces committed alert changes to live listeners (the staff stream). Fire-and-forget by design:
 * the database is the record; a listener that missed a change re-reads {@code GET /api/alerts}.
 */
public final class AlertFeed {

    private static final String ADDRESS = "tether.alerts.changed";

    private final EventBus bus;

    public AlertFeed(EventBus bus) {
        this.bus = bus;
    }

    public void publish(Alert alert) {
        bus.publish(ADDRESS, alert.toJson());
    }

    public MessageConsumer<JsonObject> subscribe(Consumer<JsonObject> listener) {
        return bus.<JsonObject>consumer(ADDRESS, m -> listener.accept(m.body()));
    }
}
