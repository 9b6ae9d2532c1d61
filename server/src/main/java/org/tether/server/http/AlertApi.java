package org.tether.server.http;

import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.tether.server.alert.Alert;
import org.tether.server.alert.AlertFeed;
import org.tether.server.alert.AlertRepository;
import org.tether.server.alert.AlertState;

/** Alerts for staff: the list, and a live server-sent-events stream of changes. */
final class AlertApi {

    private static final long KEEPALIVE_MS = 15_000;

    private final AlertRepository alerts;
    private final AlertFeed feed;

    AlertApi(AlertRepository alerts, AlertFeed feed) {
        this.alerts = alerts;
        this.feed = feed;
    }

    void mount(Router router) {
        router.get("/api/alerts").handler(this::list);
        router.get("/api/alerts/stream").handler(this::stream);
    }

    private void list(RoutingContext ctx) {
        Optional<AlertState> state = Optional.ofNullable(ctx.queryParams().get("state")).map(s -> {
            try {
                return AlertState.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(Problem.badRequest("state", "state must be OPEN, ACKNOWLEDGED or RESOLVED"));
            }
        });
        Optional<UUID> person = Optional.ofNullable(ctx.queryParams().get("personId")).map(s -> {
            try {
                return UUID.fromString(s);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(Problem.badRequest("personId", "personId must be a UUID"));
            }
        });
        int limit = limit(ctx.queryParams().get("limit"));
        alerts.list(state, person, limit)
                .onSuccess(list -> ctx.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("items", new JsonArray(list.stream().map(Alert::toJson).toList()))
                                .encode()))
                .onFailure(ctx::fail);
    }

    private static int limit(String text) {
        if (text == null) {
            return 100;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the problem below
        }
        throw new ProblemException(Problem.badRequest("limit", "limit must be an integer from 1 to 1000"));
    }

    /**
     * One SSE connection: every alert change as {@code event: alert}. A comment line every 15 s keeps
     * proxies from closing an idle stream. Clients reconnect and re-read the list; the stream itself
     * keeps no history.
     */
    private void stream(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write(": connected\n\n");
        MessageConsumer<JsonObject> consumer = feed.subscribe(alert -> {
            if (!response.closed()) {
                response.write("event: alert\nid: " + alert.getLong("id") + "\ndata: " + alert.encode() + "\n\n");
            }
        });
        long timer = ctx.vertx().setPeriodic(KEEPALIVE_MS, t -> {
            if (!response.closed()) {
                response.write(": keepalive\n\n");
            }
        });
        response.closeHandler(v -> {
            consumer.unregister();
            ctx.vertx().cancelTimer(timer);
        });
    }
}
