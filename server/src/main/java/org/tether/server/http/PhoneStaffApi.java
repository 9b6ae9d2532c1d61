package org.tether.server.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.tether.server.audit.AuditEntry;
import org.tether.server.http.Writes.Audited;
import org.tether.server.phone.CheckIns;
import org.tether.server.phone.Enrolments;
import org.tether.server.phone.LocationChecks;
import org.tether.server.push.PushOutbox;
import org.tether.server.registry.PersonRepository;
import org.tether.server.registry.PersonRepository.PersonRef;
import org.tether.server.registry.PersonStatus;
import org.tether.server.registry.SupervisionTier;
import org.tether.server.staff.StaffPrincipal;

/**
 * The staff side of the phone app: enrolment codes, check-in schedules (per person, per office and
 * tier), check-ins and their photos, location checks, and push delivery. Scoped and audited like the
 * rest of the staff API; reads of positions (check-ins, answered checks) and photos are audited too.
 */
final class PhoneStaffApi {

    /** What this needs; the whole record may be null in a router built only to list its routes. */
    record Deps(Enrolments enrolments, LocationChecks locationChecks, PushOutbox outbox, long defaultAnswerSeconds) {
    }

    private final Writes writes;
    private final PersonRepository persons;
    private final Deps deps;

    PhoneStaffApi(Writes writes, PersonRepository persons, Deps deps) {
        this.writes = writes;
        this.persons = persons;
        this.deps = deps;
    }

    void mount(Router router) {
        router.post("/api/persons/:personId/enrolment-codes").handler(this::issueCode);
        router.put("/api/persons/:personId/check-in-schedule").handler(this::setPersonSchedule);
        router.delete("/api/persons/:personId/check-in-schedule").handler(this::clearPersonSchedule);
        router.put("/api/offices/:officeId/check-in-schedules/:tier").handler(this::setOfficeSchedule);
        router.get("/api/persons/:personId/check-ins").handler(this::listCheckIns);
        router.get("/api/check-ins/:checkInId/photo").handler(this::photo);
        router.post("/api/persons/:personId/location-checks").handler(this::requestCheck);
        router.get("/api/persons/:personId/location-checks").handler(this::listChecks);
        router.get("/api/persons/:personId/push-messages").handler(this::listPushes);
    }

    /** A one-time code for the person's phone app (shown once; only its hash is kept). */
    private void issueCode(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        UUID personId = JsonBodies.pathUuid(ctx, "personId");
        writes.run(who, tx -> Access.lockPerson(persons, tx, who, personId).compose(ref -> inSupervision(ref)
                        .compose(v -> deps.enrolments().issue(tx, personId, who.id()))
                        .map(code -> new Audited<>(code, AuditEntry.of("phone.enrolment-code.issue", "person", personId,
                                ref.officeId(), new JsonObject().put("expiresAt", code.expiresAt().toString()))))))
                .onSuccess(code -> Responses.json(ctx, 201, new JsonObject().put("personId", personId.toString())
                        .put("code", code.code()).put("expiresAt", code.expiresAt().toString())))
                .onFailure(ctx::fail);
    }

    /** {@code {days: [1..7], windowStart: "HH:mm", windowEnd: "HH:mm"}} (Asia/Shanghai): the person's own schedule. */
    private void setPersonSchedule(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        UUID personId = JsonBodies.pathUuid(ctx, "personId");
        Schedule s = Schedule.parse(JsonBodies.object(ctx));
        writes.run(who, tx -> Access.lockPerson(persons, tx, who, personId).compose(ref -> tx.preparedQuery("""
                                INSERT INTO check_in_schedules (person_id, days, window_start, window_end, updated_by)
                                VALUES ($1, $2, $3, $4, $5)
                                ON CONFLICT (person_id) WHERE person_id IS NOT NULL DO UPDATE
                                   SET days = EXCLUDED.days, window_start = EXCLUDED.window_start,
                                       window_end = EXCLUDED.window_end, effective_from = now(),
                                       updated_by = EXCLUDED.updated_by""")
                        .execute(io.vertx.sqlclient.Tuple.of(personId, s.days(), s.start(), s.end(), who.id()))
                        .map(v -> new Audited<>(s.toJson().put("personId", personId.toString()),
                                AuditEntry.of("check-in-schedule.set", "person", personId, ref.officeId(), s.toJson())))))
                .onSuccess(json -> Responses.json(ctx, 200, json))
                .onFailure(ctx::fail);
    }

    /** The person follows their office's (or the default) schedule for their tier again. */
    private void clearPersonSchedule(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        UUID personId = JsonBodies.pathUuid(ctx, "personId");
        writes.run(who, tx -> Access.lockPerson(persons, tx, who, personId).compose(ref -> tx
                        .preparedQuery("DELETE FROM check_in_schedules WHERE person_id = $1")
                        .execute(io.vertx.sqlclient.Tuple.of(personId))
                        .map(v -> new Audited<>(ref, AuditEntry.of("check-in-schedule.clear", "person", personId,
                                ref.officeId(), new JsonObject())))))
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    /** An office's schedule for one tier (its persons without their own schedule). */
    private void setOfficeSchedule(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        UUID officeId = JsonBodies.pathUuid(ctx, "officeId");
        SupervisionTier tier;
        try {
            tier = SupervisionTier.valueOf(ctx.pathParam("tier"));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.badRequest("tier", "'tier' must be one of STRICT, NORMAL, LENIENT"));
        }
        if (!who.sees(officeId)) {
            throw new ProblemException(Problem.notFound("officeId", "no office " + officeId + " among yours"));
        }
        Schedule s = Schedule.parse(JsonBodies.object(ctx));
        writes.run(who, tx -> tx.preparedQuery("""
                                INSERT INTO check_in_schedules (office_id, tier, days, window_start, window_end, updated_by)
                                VALUES ($1, $2, $3, $4, $5, $6)
                                ON CONFLICT (office_id, tier) WHERE person_id IS NULL AND office_id IS NOT NULL DO UPDATE
                                   SET days = EXCLUDED.days, window_start = EXCLUDED.window_start,
                                       window_end = EXCLUDED.window_end, effective_from = now(),
                                       updated_by = EXCLUDED.updated_by""")
                        .execute(io.vertx.sqlclient.Tuple.of(officeId, tier.name(), s.days(), s.start(), s.end(), who.id()))
                        .map(v -> new Audited<>(s.toJson().put("officeId", officeId.toString()).put("tier", tier.name()),
                                AuditEntry.of("office.check-in-schedule.set", "office", officeId, officeId,
                                        s.toJson().put("tier", tier.name())))))
                .onSuccess(json -> Responses.json(ctx, 200, json))
                .onFailure(ctx::fail);
    }

    /** The person's check-ins (with positions: an audited read). */
    private void listCheckIns(RoutingContext ctx) {
        auditedPersonList(ctx, "check-ins.read", CheckIns::list);
    }

    /**
     * Up to 200 of a person's records that carry positions: checked against the caller's offices and
     * recorded in the audit trail in the same transaction, like a trail read.
     */
    private void auditedPersonList(RoutingContext ctx, String action,
                                   PersonRecords records) {
        StaffPrincipal who = Access.reader(ctx);
        UUID personId = JsonBodies.pathUuid(ctx, "personId");
        writes.run(who, tx -> Access.person(persons, tx, who, personId).compose(ref -> records.list(tx, personId, 200)
                        .map(items -> new Audited<>(items, AuditEntry.of(action, "person", personId,
                                ref.officeId(), new JsonObject().put("count", items.size()))))))
                .onSuccess(items -> Responses.items(ctx, items))
                .onFailure(ctx::fail);
    }

    /** Reads a person's records in the caller's transaction. */
    @FunctionalInterface
    private interface PersonRecords {
        Future<java.util.List<JsonObject>> list(io.vertx.sqlclient.SqlConnection tx, UUID personId, int limit);
    }

    /** A check-in's photo, to staff who see the person, audited. */
    private void photo(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        UUID checkInId = JsonBodies.pathUuid(ctx, "checkInId");
        writes.run(who, tx -> CheckIns.photo(tx, checkInId).compose(photo -> photo
                        .map(p -> Access.person(persons, tx, who, p.personId()).map(ref -> new Audited<>(p,
                                AuditEntry.of("check-in.photo.read", "check-in", checkInId, ref.officeId(),
                                        new JsonObject().put("personId", p.personId().toString())))))
                        .orElseGet(() -> Future.failedFuture(new ProblemException(Problem.notFound("checkInId",
                                "no photo of check-in " + checkInId))))))
                .onSuccess(p -> ctx.response().putHeader("Content-Type", p.contentType())
                        .putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff")
                        .end(io.vertx.core.buffer.Buffer.buffer(p.bytes())))
                .onFailure(e -> ctx.fail(e instanceof ProblemException pe && pe.problem().status() == 404
                        ? new ProblemException(Problem.notFound("checkInId", "no photo of check-in " + checkInId
                        + " in your offices")) : e));
    }

    /** {@code {answerWithinSeconds?}}: a location check; its push goes out through the outbox. */
    private void requestCheck(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        UUID personId = JsonBodies.pathUuid(ctx, "personId");
        JsonObject body = ctx.body().length() == 0 ? new JsonObject() : JsonBodies.object(ctx);
        Object within = body.getValue("answerWithinSeconds");
        long seconds;
        if (within == null) {
            seconds = deps.defaultAnswerSeconds();
        } else if (within instanceof Number n && n.longValue() >= 5 && n.longValue() <= 86_400 && n.doubleValue() == n.longValue()) {
            seconds = n.longValue();
        } else {
            throw new ProblemException(Problem.badRequest("answerWithinSeconds",
                    "'answerWithinSeconds' must be a whole number from 5 to 86400"));
        }
        writes.run(who, tx -> Access.lockPerson(persons, tx, who, personId).compose(ref -> inSupervision(ref)
                        .compose(v -> deps.locationChecks().request(tx, personId, who.id(), seconds))
                        .recover(e -> e instanceof IllegalStateException
                                ? Future.failedFuture(new ProblemException(Problem.unprocessable("personId",
                                "the person has no enrolled phone: issue an enrolment code first")))
                                : Future.failedFuture(e))
                        .map(json -> new Audited<>(json, AuditEntry.of("location-check.request", "person", personId,
                                ref.officeId(), new JsonObject().put("checkId", json.getString("id"))
                                        .put("dueAt", json.getString("dueAt")))))))
                .onSuccess(json -> Responses.json(ctx, 201, json))
                .onFailure(ctx::fail);
    }

    private void listChecks(RoutingContext ctx) {
        auditedPersonList(ctx, "location-checks.read", LocationChecks::list);
    }

    /** The person's pushes with their delivery state (DELIVERED, PENDING, NOT_DELIVERED with the reason). */
    private void listPushes(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        UUID personId = JsonBodies.pathUuid(ctx, "personId");
        Access.person(persons, writes.pool(), who, personId)
                .compose(ref -> deps.outbox().list(personId, 200))
                .onSuccess(items -> Responses.items(ctx, items))
                .onFailure(ctx::fail);
    }

    private static Future<Void> inSupervision(PersonRef ref) {
        return ref.status() == PersonStatus.IN_SUPERVISION ? Future.succeededFuture()
                : Future.failedFuture(new ProblemException(Problem.unprocessable("personId",
                "the person's supervision has ended")));
    }

    /** A check-in schedule as given: ISO days of week and a local window (Asia/Shanghai) within one day. */
    private record Schedule(Short[] days, LocalTime start, LocalTime end) {

        static Schedule parse(JsonObject body) {
            Object d = body.getValue("days");
            if (!(d instanceof JsonArray array) || array.isEmpty()) {
                throw new ProblemException(Problem.badRequest("days", "'days' must be a non-empty array of days of week"
                        + " (1 = Monday … 7 = Sunday)"));
            }
            TreeSet<Short> days = new TreeSet<>();
            for (int i = 0; i < array.size(); i++) {
                if (!(array.getValue(i) instanceof Integer n) || n < 1 || n > 7) {
                    throw new ProblemException(Problem.badRequest("days[" + i + "]", "a day of week is 1 (Monday) … 7 (Sunday)"));
                }
                days.add(n.shortValue());
            }
            LocalTime start = time(body, "windowStart");
            LocalTime end = time(body, "windowEnd");
            if (!end.isAfter(start)) {
                throw new ProblemException(Problem.badRequest("windowEnd", "'windowEnd' must be after 'windowStart'"
                        + " (a window does not cross midnight)"));
            }
            return new Schedule(days.toArray(Short[]::new), start, end);
        }

        private static LocalTime time(JsonObject body, String field) {
            String text = JsonBodies.requiredText(body, field, 16);
            try {
                return LocalTime.parse(text).withNano(0);
            } catch (DateTimeParseException e) {
                throw new ProblemException(Problem.badRequest(field, "'" + field + "' must be a local time like 08:00"
                        + " (Asia/Shanghai)"));
            }
        }

        JsonObject toJson() {
            List<Integer> list = new ArrayList<>();
            for (Short s : days) {
                list.add(s.intValue());
            }
            return new JsonObject().put("days", new JsonArray(new ArrayList<>(list)))
                    .put("windowStart", start.toString()).put("windowEnd", end.toString())
                    .put("timeZone", "Asia/Shanghai");
        }
    }
}
