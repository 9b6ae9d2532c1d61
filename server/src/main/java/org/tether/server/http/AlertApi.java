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
import org.tether.server.alert.AlertType;
import org.tether.server.alert.Severity;
import org.tether.server.alert.Resolution;
import org.tether.server.audit.AuditEntry;
import org.tether.server.http.Writes.Audited;
import org.tether.server.registry.LeaveReturns;
import org.tether.server.registry.LiveRegistry;
import org.tether.server.staff.StaffPrincipal;
import org.tether.server.staff.StaffSessions;

/**
 * Alerts for staff, of persons in their offices: the list, one alert with its evidence and history,
 * the officer's steps (acknowledge, resolve, major incident; officers and county supervisors), leave
 * report-back, and a live server-sent-events stream. Every step and every evidence read (it shows
 * positions) is written to the audit trail in its transaction.
 */
final class AlertApi {

    private static final long KEEPALIVE_MS = 15_000;
    private static final int MAX_NOTE = 2_000;

    private final Writes writes;
    private final AlertRepository alerts;
    private final AlertLifecycle lifecycle;
    private final AlertEvidence evidence;
    private final LeaveReturns leaveReturns;
    private final AlertFeed feed;
    private final LiveRegistry registry;
    private final StaffSessions sessions;

    AlertApi(Writes writes, AlertRepository alerts, AlertLifecycle lifecycle, AlertEvidence evidence,
             LeaveReturns leaveReturns, AlertFeed feed, LiveRegistry registry, StaffSessions sessions) {
        this.writes = writes;
        this.alerts = alerts;
        this.lifecycle = lifecycle;
        this.evidence = evidence;
        this.leaveReturns = leaveReturns;
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
        router.get("/api/alerts/:alertId").handler(this::one);
        router.post("/api/alerts/:alertId/acknowledge").handler(this::acknowledge);
        router.post("/api/alerts/:alertId/resolve").handler(this::resolve);
        router.post("/api/alerts/:alertId/major-incident").handler(this::majorIncident);
        router.post("/api/leaves/:leaveId/report-back").handler(this::reportBack);
    }

    /** The alert, why it fired (rule, fixes, events) and everything that happened to it since. */
    private void one(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        long id = alertId(ctx);
        writes.run(who, tx -> lifecycle.get(tx, who.officeArray(), id)
                        .compose(alert -> evidence.of(tx, alert).compose(ev -> lifecycle.history(tx, id)
                                .map(history -> new Audited<>(alert.toJson().put("evidence", ev)
                                        .put("history", new JsonArray(history.stream().map(AlertHistoryEntry::toJson).toList())),
                                        entry("alert.evidence.read", alert, new JsonObject()
                                                .put("fixes", ev.getJsonArray("fixes").size())))))))
                .onSuccess(json -> Responses.json(ctx, 200, json))
                .onFailure(e -> fail(ctx, e));
    }

    private void acknowledge(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        long id = alertId(ctx);
        act(ctx, who, tx -> lifecycle.acknowledge(tx, who.officeArray(), id, who.id()), "alert.acknowledge", new JsonObject());
    }

    private void resolve(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        long id = alertId(ctx);
        JsonObject body = JsonBodies.object(ctx);
        Resolution resolution = JsonBodies.requiredEnum(body, "resolution", Resolution.class);
        // A closed alert must say why: "cleared itself" is not a resolution.
        String note = JsonBodies.requiredText(body, "note", MAX_NOTE);
        act(ctx, who, tx -> lifecycle.resolve(tx, who.officeArray(), id, who.id(), resolution, note), "alert.resolve",
                new JsonObject().put("resolution", resolution.name()).put("note", note));
    }

    private void majorIncident(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        long id = alertId(ctx);
        String note = JsonBodies.requiredText(JsonBodies.object(ctx), "note", MAX_NOTE);
        act(ctx, who, tx -> lifecycle.markMajorIncident(tx, who.officeArray(), id, who.id(), note),
                "alert.major_incident", new JsonObject().put("note", note));
    }

    private void act(RoutingContext ctx, StaffPrincipal who,
                     java.util.function.Function<io.vertx.sqlclient.SqlConnection, Future<Alert>> step,
                     String action, JsonObject detail) {
        writes.run(who, tx -> step.apply(tx).map(a -> new Audited<>(a, entry(action, a, detail))))
                .onSuccess(a -> Responses.json(ctx, 200, a.toJson()))
                .onFailure(e -> fail(ctx, e));
    }

    private AuditEntry entry(String action, Alert alert, JsonObject detail) {
        return AuditEntry.of(action, "alert", alert.id(), registry.current().officeOf(alert.personId()).orElse(null),
                detail.copy().put("personId", alert.personId().toString()).put("type", alert.type().name()));
    }

    /** 销假: the person reported back from leave; ends a LEAVE_OVERDUE condition. */
    private void reportBack(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        UUID leaveId = JsonBodies.pathUuid(ctx, "leaveId");
        writes.run(who, tx -> leaveReturns.reportBack(tx, who.officeArray(), leaveId, Instant.now(), who.id())
                        .compose(back -> back.map(b -> Future.succeededFuture(new Audited<>(b, AuditEntry.of(
                                        "leave.report_back", "leave", leaveId,
                                        registry.current().officeOf(b.personId()).orElse(null),
                                        new JsonObject().put("personId", b.personId().toString())))))
                                .orElseGet(() -> Future.failedFuture(new ProblemException(
                                        Problem.notFound("leaveId", "no leave " + leaveId + " in your offices"))))))
                .onSuccess(b -> Responses.json(ctx, 200, new JsonObject()
                        .put("leaveId", b.leaveId().toString()).put("personId", b.personId().toString())
                        .put("endsAt", b.endsAt().toInstant().toString())
                        .put("reportedBackAt", b.reportedBackAt().toInstant().toString())))
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
            Problem.notFound("alertId", e.getMessage() + " in your offices").send(ctx);
        } else if (e instanceof AlertStateConflict c) {
            new Problem(409, "Conflict", c.getMessage() + " (state " + c.alert().state() + ")", "alertId").send(ctx);
        } else {
            ctx.fail(e);
        }
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
        int limit = QueryParams.limit(ctx);
        // The county supervisor's queue: HIGH/CRITICAL alerts nobody acknowledged in time.
        String escalatedText = ctx.queryParams().get("escalated");
        if (escalatedText != null && !escalatedText.equals("true") && !escalatedText.equals("false")) {
            throw new ProblemException(Problem.badRequest("escalated", "escalated must be true or false"));
        }
        Optional<Boolean> escalated = Optional.ofNullable(escalatedText).map(Boolean::parseBoolean);
        List<AlertType> types = enumList(ctx, "type", AlertType.class);
        List<Severity> severities = enumList(ctx, "severity", Severity.class);
        Optional<UUID> office = Optional.ofNullable(ctx.queryParams().get("officeId")).map(s -> {
            try {
                return UUID.fromString(s);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(Problem.badRequest("officeId", "officeId must be a UUID"));
            }
        });
        if (office.isPresent() && !who.sees(office.get())) {
            throw new ProblemException(Problem.notFound("officeId", "no office " + office.get() + " among yours"));
        }
        String sort = Optional.ofNullable(ctx.queryParams().get("sort")).orElse("changed");
        if (!sort.equals("changed") && !sort.equals("priority")) {
            throw new ProblemException(Problem.badRequest("sort", "sort must be 'priority' (most severe, then newest)"
                    + " or 'changed' (most recently changed; the default)"));
        }
        alerts.queue(new AlertRepository.QueueFilter(office.map(o -> new UUID[] {o}).orElseGet(who::officeArray), state,
                        person, escalated, types, severities, sort.equals("priority"), limit))
                .onSuccess(list -> ctx.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("items", new JsonArray(list.stream()
                                .map(AlertRepository.QueuedAlert::toJson).toList())).encode()))
                .onFailure(ctx::fail);
    }

    /** {@code ?name=A,B}: every value one of the enum's names (case-insensitive); empty when absent. */
    private static <E extends Enum<E>> List<E> enumList(RoutingContext ctx, String name, Class<E> type) {
        String text = ctx.queryParams().get(name);
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<E> out = new java.util.ArrayList<>();
        for (String part : text.split(",")) {
            try {
                out.add(Enum.valueOf(type, part.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(Problem.badRequest(name, "'" + part.trim() + "' is not a " + name + "; one of "
                        + java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
            }
        }
        return List.copyOf(out);
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
                // The queue's rows carry the person's office; so do live events (from the registry snapshot).
                JsonObject event = alert.copy().put("officeId", registry.current()
                        .officeOf(UUID.fromString(alert.getString("personId"))).map(UUID::toString).orElse(null));
                response.write("event: alert\nid: " + alert.getLong("id") + "\ndata: " + event.encode() + "\n\n");
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
