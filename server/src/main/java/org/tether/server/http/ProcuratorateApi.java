package org.tether.server.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.tether.server.audit.AuditEntry;
import org.tether.server.http.Writes.Audited;
import org.tether.server.procuratorate.MajorEvents;
import org.tether.server.procuratorate.NotificationKind;
import org.tether.server.procuratorate.NotificationLog;
import org.tether.server.procuratorate.RecommendationKind;
import org.tether.server.procuratorate.Recommendations;
import org.tether.server.registry.PersonRepository;
import org.tether.server.staff.StaffPrincipal;
import org.tether.server.staff.StaffRole;

/**
 * Procuratorial supervision (检察监督): officers record major events on a person (each owes the
 * procuratorate a notification, written with it); staff and procurators read the notification log with
 * its delivery; procurators issue recommendations (检察建议 / 纠正意见) and the office answers in writing
 * by the deadline (law Art. 62). Scoped by the caller's offices; every change is audited.
 */
final class ProcuratorateApi {

    private static final int MAX_TEXT = 5_000;
    /** Clocks of the officer's device and ours may differ a little; an event from the future is a mistake. */
    private static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

    private final Writes writes;
    private final PersonRepository persons;
    private final MajorEvents events;
    private final NotificationLog log;
    private final Recommendations recommendations;

    ProcuratorateApi(Writes writes, PersonRepository persons, MajorEvents events, NotificationLog log,
                     Recommendations recommendations) {
        this.writes = writes;
        this.persons = persons;
        this.events = events;
        this.log = log;
        this.recommendations = recommendations;
    }

    void mount(Router router) {
        router.post("/api/persons/:personId/major-events").handler(this::recordEvent);
        router.get("/api/procuratorate/notifications").handler(this::notifications);
        router.get("/api/procuratorate/recommendations").handler(this::listRecommendations);
        router.post("/api/procuratorate/recommendations").handler(this::issue);
        router.post("/api/procuratorate/recommendations/:recommendationId/reply").handler(this::reply);
    }

    private void recordEvent(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        UUID personId = JsonBodies.pathUuid(ctx, "personId");
        JsonObject body = JsonBodies.object(ctx);
        NotificationKind kind = eventKind(JsonBodies.requiredText(body, "kind", 64));
        String summary = JsonBodies.requiredText(body, "summary", MAX_TEXT);
        Instant occurredAt = JsonBodies.requiredInstant(body, "occurredAt");
        if (occurredAt.isAfter(Instant.now().plus(FUTURE_SKEW))) {
            throw new ProblemException(Problem.badRequest("occurredAt", "'occurredAt' is in the future"));
        }
        writes.run(who, tx -> Access.lockPerson(persons, tx, who, personId)
                        .compose(ref -> events.record(tx, personId, kind, summary, occurredAt, who.id())
                                .map(event -> new Audited<>(event, AuditEntry.of("person.major_event", "person", personId,
                                        ref.officeId(), new JsonObject().put("eventId", event.getLong("id"))
                                                .put("kind", kind.name()).put("notificationId",
                                                        event.getLong("notificationId")))))))
                .onSuccess(event -> Responses.json(ctx, 201, event))
                .onFailure(ctx::fail);
    }

    private static NotificationKind eventKind(String text) {
        try {
            NotificationKind kind = NotificationKind.valueOf(text.toUpperCase(Locale.ROOT));
            if (kind.fromEvent()) {
                return kind;
            }
        } catch (IllegalArgumentException e) {
            // the problem below names the allowed kinds
        }
        throw new ProblemException(Problem.badRequest("kind", "'kind' must be one of "
                + Arrays.stream(NotificationKind.values()).filter(NotificationKind::fromEvent).toList()));
    }

    private void notifications(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        Optional<NotificationLog.Filter> status = Optional.ofNullable(ctx.queryParams().get("status")).map(s -> {
            try {
                return NotificationLog.Filter.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(Problem.badRequest("status", "status must be PENDING or DELIVERED"));
            }
        });
        Optional<UUID> person = Optional.ofNullable(ctx.queryParams().get("personId")).map(s -> {
            try {
                return UUID.fromString(s);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(Problem.badRequest("personId", "personId must be a UUID"));
            }
        });
        log.list(who.officeArray(), status, person, QueryParams.limit(ctx))
                .onSuccess(items -> Responses.items(ctx, items))
                .onFailure(ctx::fail);
    }

    private void listRecommendations(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        String overdue = ctx.queryParams().get("overdue");
        if (overdue != null && !overdue.equals("true") && !overdue.equals("false")) {
            throw new ProblemException(Problem.badRequest("overdue", "overdue must be true or false"));
        }
        recommendations.list(who.officeArray(), "true".equals(overdue), QueryParams.limit(ctx))
                .onSuccess(items -> Responses.items(ctx, items))
                .onFailure(ctx::fail);
    }

    private void issue(RoutingContext ctx) {
        StaffPrincipal who = Access.role(ctx, StaffRole.PROCURATOR,
                "only procurators issue recommendations (检察建议) and correction opinions (纠正意见)");
        JsonObject body = JsonBodies.object(ctx);
        RecommendationKind kind = JsonBodies.requiredEnum(body, "kind", RecommendationKind.class);
        Optional<UUID> personId = JsonBodies.optionalUuid(body, "personId");
        Optional<UUID> officeId = JsonBodies.optionalUuid(body, "officeId");
        String content = JsonBodies.requiredText(body, "content", MAX_TEXT);
        Instant due = JsonBodies.requiredInstant(body, "replyDueAt");
        if (!due.isAfter(Instant.now())) {
            throw new ProblemException(Problem.badRequest("replyDueAt", "'replyDueAt' must be in the future"));
        }
        if (personId.isEmpty() && officeId.isEmpty()) {
            throw new ProblemException(Problem.badRequest("officeId", "'officeId' or 'personId' is required"));
        }
        officeId.ifPresent(o -> {
            if (!who.sees(o)) {
                throw new ProblemException(Problem.notFound("officeId", "no office " + o + " in your jurisdiction"));
            }
        });
        writes.run(who, tx -> personId
                        .map(p -> Access.person(persons, tx, who, p).compose(ref -> officeId.isPresent()
                                && !officeId.get().equals(ref.officeId())
                                ? Future.<UUID>failedFuture(new ProblemException(Problem.unprocessable("officeId",
                                        "the person belongs to office " + ref.officeId() + ", not " + officeId.get())))
                                : Future.succeededFuture(ref.officeId())))
                        .orElseGet(() -> Future.succeededFuture(officeId.get()))
                        .compose(office -> recommendations.issue(tx, new Recommendations.Issue(kind, office,
                                personId.orElse(null), content, due), who.id()))
                        .map(r -> new Audited<>(r, AuditEntry.of("procuratorate.recommendation.issue", "recommendation",
                                r.getString("id"), UUID.fromString(r.getString("officeId")), new JsonObject()
                                        .put("kind", kind.name()).put("personId", r.getString("personId"))
                                        .put("replyDueAt", r.getString("replyDueAt"))))))
                .onSuccess(r -> Responses.json(ctx, 201, r))
                .onFailure(ctx::fail);
    }

    private void reply(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        UUID id = JsonBodies.pathUuid(ctx, "recommendationId");
        String reply = JsonBodies.requiredText(JsonBodies.object(ctx), "reply", MAX_TEXT);
        UUID[] offices = who.officeArray();
        writes.run(who, tx -> recommendations.reply(tx, offices, id, reply, who.id())
                        .compose(done -> done.map(Future::succeededFuture).orElseGet(() -> recommendations
                                .find(tx, offices, id).compose(existing -> Future.failedFuture(existing.isPresent()
                                        ? new ProblemException(Problem.conflict("recommendationId",
                                        "the recommendation was answered already at " + existing.get().getString("repliedAt")))
                                        : new ProblemException(Problem.notFound("recommendationId",
                                        "no recommendation " + id + " for your offices"))))))
                        .map(r -> new Audited<>(r, AuditEntry.of("procuratorate.recommendation.reply", "recommendation", id,
                                UUID.fromString(r.getString("officeId")), new JsonObject()
                                        .put("repliedLate", r.getBoolean("repliedLate"))))))
                .onSuccess(r -> Responses.json(ctx, 200, r))
                .onFailure(ctx::fail);
    }
}
