package org.tether.server.http;

import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.tether.server.alert.Alert;
import org.tether.server.alert.AlertHistoryEntry;
import org.tether.server.alert.AlertEvidence;
import org.tether.server.alert.AlertFeed;
import org.tether.server.alert.AlertLifecycle;
import org.tether.server.alert.AlertLifecycle.AlertNotFound;
import org.tether.server.alert.AlertLifecycle.AlertStateConflict;
import org.tether.server.alert.AlertRepository;
import org.tether.server.alert.AlertState;
import org.tether.server.alert.Resolution;
import org.tether.server.registry.LeaveReturns;

/**
 * Alerts for staff: the list, one alert with its evidence and history, the officer's steps
 * (acknowledge, resolve, major incident), leave report-back, and a live server-sent-events stream.
 */
final class AlertApi {

    private static final long KEEPALIVE_MS = 15_000;
    private static final int MAX_NOTE = 2_000;

    private final AlertRepository alerts;
    private final AlertLifecycle lifecycle;
    private final AlertEvidence evidence;
    private final LeaveReturns leaveReturns;
    private final AlertFeed feed;

    AlertApi(AlertRepository alerts, AlertLifecycle lifecycle, AlertEvidence evidence, LeaveReturns leaveReturns,
             AlertFeed feed) {
        this.alerts = alerts;
        this.lifecycle = lifecycle;
        this.evidence = evidence;
        this.leaveReturns = leaveReturns;
        this.feed = feed;
    }

    void mount(Router router) {
        router.get("/api/alerts").handler(this::list);
        router.get("/api/alerts/stream").handler(this::stream);
        router.get("/api/alerts/:alertId").handler(this::one);
        router.post("/api/alerts/:alertId/acknowledge").handler(this::acknowledge);
        router.post("/api/alerts/:alertId/resolve").handler(this::resolve);
        router.post("/api/alerts/:alertId/major-incident").handler(this::majorIncident);
        router.post("/api/leaves/:leaveId/report-back").handler(this::reportBack);
    }

    /** The alert, why it fired (rule, fixes, events) and everything that happened to it since. */
    private void one(RoutingContext ctx) {
        long id = alertId(ctx);
        lifecycle.get(id)
                .compose(alert -> Future.all(evidence.of(alert), lifecycle.history(id))
                        .map(all -> alert.toJson()
                                .put("evidence", all.<JsonObject>resultAt(0))
                                .put("history", new JsonArray(all.<List<AlertHistoryEntry>>resultAt(1).stream()
                                        .map(AlertHistoryEntry::toJson).toList()))))
                .onSuccess(json -> json(ctx, 200, json))
                .onFailure(e -> fail(ctx, e));
    }

    private void acknowledge(RoutingContext ctx) {
        lifecycle.acknowledge(alertId(ctx), Actors.of(ctx))
                .onSuccess(a -> json(ctx, 200, a.toJson()))
                .onFailure(e -> fail(ctx, e));
    }

    private void resolve(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        Resolution resolution = JsonBodies.requiredEnum(body, "resolution", Resolution.class);
        // A closed alert must say why: "cleared itself" is not a resolution.
        String note = JsonBodies.requiredText(body, "note", MAX_NOTE);
        lifecycle.resolve(alertId(ctx), Actors.of(ctx), resolution, note)
                .onSuccess(a -> json(ctx, 200, a.toJson()))
                .onFailure(e -> fail(ctx, e));
    }

    private void majorIncident(RoutingContext ctx) {
        String note = JsonBodies.requiredText(JsonBodies.object(ctx), "note", MAX_NOTE);
        lifecycle.markMajorIncident(alertId(ctx), Actors.of(ctx), note)
                .onSuccess(a -> json(ctx, 200, a.toJson()))
                .onFailure(e -> fail(ctx, e));
    }

    private void reportBack(RoutingContext ctx) {
        UUID leaveId = JsonBodies.pathUuid(ctx, "leaveId");
        leaveReturns.reportBack(leaveId, Instant.now(), Actors.of(ctx))
                .onSuccess(back -> back.ifPresentOrElse(b -> json(ctx, 200, new JsonObject()
                                .put("leaveId", b.leaveId().toString()).put("personId", b.personId().toString())
                                .put("endsAt", b.endsAt().toInstant().toString())
                                .put("reportedBackAt", b.reportedBackAt().toInstant().toString())),
                        () -> new Problem(404, "Not found", "no leave " + leaveId, "leaveId").send(ctx)))
                .onFailure(ctx::fail);
    }

    private static long alertId(RoutingContext ctx) {
        String text = ctx.pathParam("alertId");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.badRequest("alertId", "'" + text + "' is not an alert id"));
        }
    }

    private static void fail(RoutingContext ctx, Throwable e) {
        if (e instanceof AlertNotFound) {
            new Problem(404, "Not found", e.getMessage(), "alertId").send(ctx);
        } else if (e instanceof AlertStateConflict c) {
            new Problem(409, "Conflict", c.getMessage() + " (state " + c.alert().state() + ")", "alertId").send(ctx);
        } else {
            ctx.fail(e);
        }
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
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
