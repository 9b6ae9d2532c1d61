package org.tether.server.alert;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the live {@link AlertFeed} from the database: every committed alert change (by ingest, a watch,
 * an officer, on any instance) sends a NOTIFY with the alert's id (trigger {@code tether_alert_changed});
 * this listener gathers the ids for a moment and publishes the alerts as committed. So a console
 * connected to one instance sees what another instance raised, and nothing uncommitted is ever shown.
 */
public final class AlertChanges {

    private static final Logger LOG = LoggerFactory.getLogger(AlertChanges.class);
    static final String CHANNEL = "tether_alert_changed";
    private static final long GATHER_MS = 50;

    private final Vertx vertx;
    private final Pool pool;
    private final AlertFeed feed;
    private final PgSubscriber subscriber;
    private final Set<Long> pending = new LinkedHashSet<>();
    private boolean scheduled;

    public AlertChanges(Vertx vertx, Pool pool, PgConnectOptions connect, AlertFeed feed) {
        this.vertx = vertx;
        this.pool = pool;
        this.feed = feed;
        this.subscriber = PgSubscriber.subscriber(vertx, connect).reconnectPolicy(retries -> 1_000L);
        subscriber.channel(CHANNEL).handler(this::changed);
        subscriber.closeHandler(v -> LOG.warn("alert change listener disconnected; reconnecting"));
    }

    public Future<Void> listen() {
        return subscriber.connect();
    }

    public Future<Void> close() {
        return subscriber.close();
    }

    private void changed(String payload) {
        try {
            pending.add(Long.parseLong(payload));
        } catch (NumberFormatException e) {
            LOG.warn("ignoring alert change notice with payload {}", payload);
            return;
        }
        if (!scheduled) {
            scheduled = true;
            vertx.setTimer(GATHER_MS, t -> publishPending());
        }
    }

    private void publishPending() {
        scheduled = false;
        List<Long> ids = new ArrayList<>(pending);
        pending.clear();
        pool.preparedQuery("SELECT " + Alert.COLUMNS + " FROM alerts WHERE id = ANY($1) ORDER BY updated_at, id")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .onSuccess(rows -> {
                    for (Row r : rows) {
                        feed.publish(Alert.fromRow(r));
                    }
                })
                .onFailure(e -> LOG.warn("could not read {} changed alert(s) for the live feed: {}", ids.size(), e.getMessage()));
    }
}
