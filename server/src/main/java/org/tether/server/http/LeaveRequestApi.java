package org.tether.server.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.tether.server.audit.AuditEntry;
import org.tether.server.http.Writes.Audited;
import org.tether.server.leave.LeaveDecisions;
import org.tether.server.leave.LeaveLimits;
import org.tether.server.registry.PersonRepository;
import org.tether.server.staff.StaffPrincipal;

/**
 * Staff decide on leave requests from the phone (外出请假): lists scoped to the caller's offices, approval
 * within the limits ({@link LeaveLimits}: a breach answers 403 for the role's limit, 422 for the length
 * and yearly limits, with the rule in the title and detail) and rejection with a reason. Each decision
 * is one transaction with its audit row and its push to the phone; an approval reloads the registry
 * so the geofence honours the leave before the answer.
 */
final class LeaveRequestApi {

    private static final Set<String> STATUSES = Set.of("PENDING", "APPROVED", "REJECTED", "CANCELLED");

    private final Writes writes;
    private final PersonRepository persons;
    /** Null in a router built only to list its routes. */
    private final LeaveDecisions decisions;

    LeaveRequestApi(Writes writes, PersonRepository persons, LeaveDecisions decisions) {
        this.writes = writes;
        this.persons = persons;
        this.decisions = decisions;
    }

    void mount(Router router) {
        router.get("/api/leave-requests").handler(this::list);
        router.get("/api/leave-requests/:requestId").handler(this::get);
        router.get("/api/persons/:personId/leave-requests").handler(this::listForPerson);
        router.post("/api/leave-requests/:requestId/approve").handler(this::approve);
        router.post("/api/leave-requests/:requestId/reject").handler(this::reject);
    }

    /** {@code ?status=PENDING&personId=…}: requests of persons in the caller's offices, newest first. */
    private void list(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        String status = status(ctx);
        UUID personId = Optional.ofNullable(ctx.queryParams().get("personId")).map(p -> {
            try {
                return UUID.fromString(p);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(Problem.badRequest("personId", "'personId' is not an id (UUID)"));
            }
        }).orElse(null);
        writes.run(who, tx -> decisions.list(tx, who.officeArray(), status, personId, null, 500)
                        .map(items -> new Audited<>(items, read("office", who.officeId(), who.officeId(),
                                new JsonObject().put("count", items.size()).put("status", status)
                                        .put("personId", personId == null ? null : personId.toString())))))
                .onSuccess(items -> Responses.items(ctx, items))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        UUID id = JsonBodies.pathUuid(ctx, "requestId");
        writes.run(who, tx -> decisions.list(tx, who.officeArray(), null, null, id, 1).compose(items -> items.isEmpty()
                        ? Future.<Audited<JsonObject>>failedFuture(new ProblemException(notFound(id)))
                        : Future.succeededFuture(new Audited<>(items.get(0), read("leave_request", id, who.officeId(),
                                new JsonObject().put("personId", items.get(0).getString("personId")))))))
                .onSuccess(item -> Responses.json(ctx, 200, item))
                .onFailure(ctx::fail);
    }

    private void listForPerson(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        UUID personId = JsonBodies.pathUuid(ctx, "personId");
        String status = status(ctx);
        writes.run(who, tx -> Access.person(persons, tx, who, personId)
                        .compose(ref -> decisions.list(tx, who.officeArray(), status, personId, null, 500)
                                .map(items -> new Audited<>(items, read("person", personId, ref.officeId(),
                                        new JsonObject().put("count", items.size()).put("status", status))))))
                .onSuccess(items -> Responses.items(ctx, items))
                .onFailure(ctx::fail);
    }

    /**
     * Leave requests say where a person will be and when (destinations, corridors), so every read is recorded
     * like a trail read, in the transaction that reads them.
     */
    private static AuditEntry read(String targetType, UUID targetId, UUID officeId, JsonObject detail) {
        return AuditEntry.of("leave_request.read", targetType, targetId, officeId, detail);
    }

    /** {@code {note?}} → 200 the request, APPROVED, with the permit's zones. */
    private void approve(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        UUID id = JsonBodies.pathUuid(ctx, "requestId");
        Optional<String> note = ctx.body().isEmpty() ? Optional.empty()
                : JsonBodies.optionalText(JsonBodies.object(ctx), "note", 1000);
        writes.registry(who, tx -> lockPersonOf(tx, who, id)
                        .compose(office -> decisions.approve(tx, id, who.id(), who.role(), note.orElse(null))
                                .map(json -> new Audited<>(json, AuditEntry.of("leave.approve", "leave", id, office,
                                        new JsonObject().put("personId", json.getString("personId"))
                                                .put("startsAt", json.getString("startsAt"))
                                                .put("endsAt", json.getString("endsAt")).put("days", json.getDouble("days"))
                                                .put("zoneIds", json.getValue("zoneIds")))))))
                .onSuccess(json -> Responses.json(ctx, 200, json))
                .onFailure(e -> ctx.fail(problem(e, id)));
    }

    /** {@code {reason}} (required: the person is told why) → 200 the request, REJECTED. */
    private void reject(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        UUID id = JsonBodies.pathUuid(ctx, "requestId");
        String reason = JsonBodies.requiredText(JsonBodies.object(ctx), "reason", 1000);
        writes.run(who, tx -> lockPersonOf(tx, who, id)
                        .compose(office -> decisions.reject(tx, id, who.id(), reason)
                                .map(json -> new Audited<>(json, AuditEntry.of("leave.reject", "leave", id, office,
                                        new JsonObject().put("personId", json.getString("personId"))
                                                .put("reason", reason))))))
                .onSuccess(json -> Responses.json(ctx, 200, json))
                .onFailure(e -> ctx.fail(problem(e, id)));
    }

    /** Locks the request's person (decisions on one person take turns: the yearly total stays true); its office. */
    private Future<UUID> lockPersonOf(io.vertx.sqlclient.SqlClient tx, StaffPrincipal who, UUID id) {
        return decisions.personOf(tx, id).compose(person -> person
                .map(p -> Access.lockPerson(persons, tx, who, p).map(PersonRepository.PersonRef::officeId)
                        .recover(e -> Future.failedFuture(new ProblemException(notFound(id)))))
                .orElseGet(() -> Future.failedFuture(new ProblemException(notFound(id)))));
    }

    private static Throwable problem(Throwable e, UUID id) {
        if (e instanceof LeaveLimits.Violation v) {
            return limit(v);
        }
        if (e instanceof LeaveDecisions.NotFound) {
            return new ProblemException(notFound(id));
        }
        if (e instanceof LeaveDecisions.NotDecidable n) {
            return new ProblemException(Problem.conflict("requestId", n.getMessage()));
        }
        return e;
    }

    /** A broken approval limit: the rule in the title, the numbers in the detail. */
    static ProblemException limit(LeaveLimits.Violation v) {
        return new ProblemException(new Problem(v.rule().status(), "Leave limit: " + v.rule().name(), v.getMessage(),
                v.field()));
    }

    private static Problem notFound(UUID id) {
        return Problem.notFound("requestId", "no leave request " + id + " in your offices");
    }

    private static String status(RoutingContext ctx) {
        String s = ctx.queryParams().get("status");
        if (s == null) {
            return null;
        }
        String upper = s.toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(upper)) {
            throw new ProblemException(Problem.badRequest("status", "status must be one of " + STATUSES));
        }
        return upper;
    }
}
