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
import org.tether.server.registry.LiveRegistry;
import org.tether.server.staff.StaffPrincipal;
import org.tether.server.staff.StaffSessions;

/** Alerts for staff, of persons in their offices: the list, and a live server-sent-events stream of changes. */
final class AlertApi {

    private static final long KEEPALIVE_MS = 15_000;

    private final AlertRepository alerts;
    private final AlertFeed feed;
    private final LiveRegistry registry;
    private final StaffSessions sessions;

    AlertApi(AlertRepository alerts, AlertFeed feed, LiveRegistry registry, StaffSessions sessions) {
        this.alerts = alerts;
        this.feed = feed;
        this.registry = registry;
        this.sessions = sessions;
    }

    /** Whether the alert's person is in the caller's offices (by the live registry's person → office map). */
    private boolean visible(StaffPrincipal who, JsonObject alert) {
        try {
            UUID person = UUID.fromString(alert.getString("personId"));
            return registry.current().officeOf(person).map(who::sees).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    void mount(Router router) {
        router.get("/api/alerts").handler(this::list);
        router.get("/api/alerts/stream").handler(this::stream);
    }

    private void list(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
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
        alerts.list(who.officeArray(), state, person, limit)
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
        StaffPrincipal who = Access.reader(ctx);
        String token = StaffAuth.token(ctx);
        HttpServerResponse response = ctx.response();
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write(": connected\n\n");
        MessageConsumer<JsonObject> consumer = feed.subscribe(alert -> {
            if (!response.closed() && visible(who, alert)) {
                response.write("event: alert\nid: " + alert.getLong("id") + "\ndata: " + alert.encode() + "\n\n");
            }
        });
        // The session is checked again with every keepalive: a revoked or expired session ends the stream.
        long timer = ctx.vertx().setPeriodic(KEEPALIVE_MS, t -> sessions.resolve(token).onComplete(r -> {
            if (response.closed()) {
                return;
            }
            if (r.succeeded() && r.result().isEmpty()) {
                response.end();
            } else {
                response.write(": keepalive\n\n");
            }
        }));
        response.closeHandler(v -> {
            consumer.unregister();
            ctx.vertx().cancelTimer(timer);
        });
    }
}
