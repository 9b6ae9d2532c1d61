package org.tether.server.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.tether.geofence.rule.CurfewWindow;
import org.tether.server.audit.AuditEntry;
import org.tether.server.http.Writes.Audited;
import org.tether.server.leave.LeaveLimits;
import org.tether.server.registry.CaseType;
import org.tether.server.registry.EmOrder;
import org.tether.server.registry.IdCardNumbers;
import org.tether.server.registry.Person;
import org.tether.server.registry.PersonRepository;
import org.tether.server.registry.PersonRepository.Intake;
import org.tether.server.registry.PersonStatus;
import org.tether.server.registry.RegistryRepository;
import org.tether.server.registry.SupervisionTier;
import org.tether.server.staff.StaffPrincipal;
import org.tether.server.staff.StaffRole;

/**
 * Supervised persons: registration, case data, their zones, curfew and leaves, and their trail. Every
 * call is limited to the caller's offices; every change and every trail read leaves an audit entry.
 */
final class PersonApi {

    private static final int MAX_PURPOSE = 200;
    /** The longest trail one request may ask for. */
    static final Duration MAX_TRAIL_SPAN = Duration.ofDays(31);
    static final int MAX_TRAIL_POINTS = 20_000;

    private final Writes writes;
    private final PersonRepository persons;
    private final RegistryRepository registry;
    /** Leave approval limits; null in a router built only to list its routes. */
    private final LeaveLimits leaveLimits;

    PersonApi(Writes writes, PersonRepository persons, RegistryRepository registry, LeaveLimits leaveLimits) {
        this.writes = writes;
        this.persons = persons;
        this.registry = registry;
        this.leaveLimits = leaveLimits;
    }

    void mount(Router router) {
        router.post("/api/persons").handler(this::create);
        router.get("/api/persons").handler(this::list);
        router.get("/api/persons/:personId").handler(this::get);
        router.patch("/api/persons/:personId").handler(this::update);
        router.post("/api/persons/:personId/zones").handler(this::assignZones);
        router.put("/api/persons/:personId/curfew").handler(this::replaceCurfew);
        router.post("/api/persons/:personId/leaves").handler(this::createLeave);
        router.get("/api/persons/:personId/trail").handler(this::trail);
    }

    private void create(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        JsonObject body = JsonBodies.object(ctx);
        String displayName = JsonBodies.requiredText(body, "displayName", 100);
        UUID office = Access.office(who, JsonBodies.optionalUuid(body, "officeId"));
        Optional<UUID> officer = JsonBodies.optionalUuid(body, "responsibleOfficerId")
                .or(() -> who.role() == StaffRole.OFFICER ? Optional.of(who.id()) : Optional.empty());
        Optional<LocalDate> starts = JsonBodies.optionalDate(body, "correctionStartsOn");
        Optional<LocalDate> ends = JsonBodies.optionalDate(body, "correctionEndsOn");
        checkPeriod(starts, ends);
        Intake intake = new Intake(displayName, office, officer.orElse(null),
                JsonBodies.optionalEnum(body, "caseType", CaseType.class).orElse(null), starts.orElse(null),
                ends.orElse(null), JsonBodies.optionalEnum(body, "tier", SupervisionTier.class).orElse(SupervisionTier.STRICT),
                JsonBodies.optionalBoolean(body, "minor").orElse(false), idCard(body).orElse(null));
        List<UUID> zoneIds = JsonBodies.uuidList(body, "zoneIds");
        writes.registry(who, tx -> justiceOffice(tx, office)
                        .compose(v -> officer.map(o -> checkOfficer(tx, o, office)).orElse(Future.succeededFuture()))
                        .compose(v -> persons.create(tx, intake))
                        .compose(id -> usableZones(tx, id, office, zoneIds).compose(v -> registry.assignZones(tx, id, zoneIds))
                                .compose(v -> persons.find(tx, id)).map(Optional::orElseThrow))
                        .map(p -> new Audited<>(p, AuditEntry.of("person.create", "person", p.id(), office, p.toJson()))))
                .onSuccess(p -> Responses.json(ctx, 201, p.toJson()))
                .onFailure(ctx::fail);
    }

    private Future<Void> justiceOffice(SqlClient tx, UUID office) {
        return tx.preparedQuery("SELECT kind FROM offices WHERE id = $1").execute(io.vertx.sqlclient.Tuple.of(office))
                .compose(rows -> rows.size() == 1 && "JUSTICE_OFFICE".equals(rows.iterator().next().getString("kind"))
                        ? Future.succeededFuture()
                        : Future.failedFuture(new ProblemException(Problem.unprocessable("officeId",
                        "a person belongs to a justice office (司法所), not a county agency"))));
    }

    private Future<Void> checkOfficer(SqlClient tx, UUID officer, UUID office) {
        return persons.isOfficerOf(tx, officer, office).compose(ok -> ok ? Future.succeededFuture()
                : Future.failedFuture(new ProblemException(Problem.unprocessable("responsibleOfficerId",
                "the responsible officer must be an active officer of the person's office"))));
    }

    private Future<Void> usableZones(SqlClient tx, UUID personId, UUID office, List<UUID> zoneIds) {
        return registry.checkZonesUsable(tx, personId, office, zoneIds).recover(e -> Future.failedFuture(
                e instanceof NoSuchElementException ? new ProblemException(Problem.unprocessable("zoneIds",
                        "zone " + e.getMessage() + " is not a zone of the person's office, county or the person")) : e));
    }

    private static Optional<String> idCard(JsonObject body) {
        return JsonBodies.optionalText(body, "idCardNumber", 18).map(text -> IdCardNumbers.normalise(text)
                .orElseThrow(() -> new ProblemException(Problem.badRequest("idCardNumber",
                        "'idCardNumber' must be an 18-character resident ID number with a valid check character"))));
    }

    private static void checkPeriod(Optional<LocalDate> starts, Optional<LocalDate> ends) {
        if (starts.isPresent() && ends.isPresent() && ends.get().isBefore(starts.get())) {
            throw new ProblemException(Problem.badRequest("correctionEndsOn", "the correction period ends before it starts"));
        }
    }

    private void list(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        PersonStatus status = Optional.ofNullable(ctx.queryParams().get("status")).map(s -> {
            try {
                return PersonStatus.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(Problem.badRequest("status", "status must be IN_SUPERVISION or ENDED"));
            }
        }).orElse(null);
        persons.list(who.officeArray(), status, 1000)
                .onSuccess(list -> Responses.items(ctx, list.stream().map(Person::toJson).toList()))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        UUID id = JsonBodies.pathUuid(ctx, "personId");
        Access.person(persons, writes.pool(), who, id)
                .compose(ref -> persons.find(writes.pool(), id)).map(Optional::orElseThrow)
                .onSuccess(p -> Responses.json(ctx, 200, p.toJson()))
                .onFailure(ctx::fail);
    }

    /**
     * Changes the fields given: displayName, responsibleOfficerId, caseType, correctionStartsOn/EndsOn,
     * tier, minor, idCardNumber, status (ENDED with endedOn, default today). The office is not changed here.
     */
    private void update(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        UUID id = JsonBodies.pathUuid(ctx, "personId");
        JsonObject body = JsonBodies.object(ctx);
        if (body.containsKey("officeId") || body.containsKey("id")) {
            throw new ProblemException(Problem.badRequest(body.containsKey("id") ? "id" : "officeId",
                    "a person's id and office cannot be changed here"));
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        JsonObject changed = new JsonObject();
        JsonBodies.optionalText(body, "displayName", 100).ifPresent(v -> put(columns, changed, "display_name", "displayName", v));
        Optional<UUID> officer = JsonBodies.optionalUuid(body, "responsibleOfficerId");
        officer.ifPresent(v -> put(columns, changed, "responsible_officer_id", "responsibleOfficerId", v));
        JsonBodies.optionalEnum(body, "caseType", CaseType.class).ifPresent(v -> put(columns, changed, "case_type", "caseType", v.name()));
        Optional<LocalDate> starts = JsonBodies.optionalDate(body, "correctionStartsOn");
        Optional<LocalDate> ends = JsonBodies.optionalDate(body, "correctionEndsOn");
        checkPeriod(starts, ends);
        starts.ifPresent(v -> put(columns, changed, "correction_starts_on", "correctionStartsOn", v));
        ends.ifPresent(v -> put(columns, changed, "correction_ends_on", "correctionEndsOn", v));
        JsonBodies.optionalEnum(body, "tier", SupervisionTier.class).ifPresent(v -> put(columns, changed, "tier", "tier", v.name()));
        JsonBodies.optionalBoolean(body, "minor").ifPresent(v -> put(columns, changed, "minor", "minor", v));
        idCard(body).ifPresent(v -> {
            columns.put("id_card_number", v);
            changed.put("idCardNumber", IdCardNumbers.mask(v));
        });
        Optional<PersonStatus> status = JsonBodies.optionalEnum(body, "status", PersonStatus.class);
        status.ifPresent(v -> {
            put(columns, changed, "status", "status", v.name());
            LocalDate endedOn = v == PersonStatus.ENDED ? JsonBodies.optionalDate(body, "endedOn")
                    .orElse(LocalDate.now(EmOrder.CALENDAR)) : null;
            columns.put("ended_on", endedOn);
            changed.put("endedOn", endedOn == null ? null : endedOn.toString());
        });
        if (columns.isEmpty()) {
            throw new ProblemException(Problem.badRequest(null, "nothing to change"));
        }
        writes.registry(who, tx -> Access.lockPerson(persons, tx, who, id)
                        .compose(ref -> officer.map(o -> checkOfficer(tx, o, ref.officeId())).orElse(Future.succeededFuture())
                                .compose(v -> persons.update(tx, id, columns))
                                .compose(v -> persons.find(tx, id)).map(Optional::orElseThrow)
                                .map(p -> new Audited<>(p, AuditEntry.of("person.update", "person", id, ref.officeId(),
                                        new JsonObject().put("changed", changed))))))
                .onSuccess(p -> Responses.json(ctx, 200, p.toJson()))
                .onFailure(ctx::fail);
    }

    private static void put(Map<String, Object> columns, JsonObject changed, String column, String field, Object value) {
        columns.put(column, value);
        changed.put(field, value instanceof LocalDate || value instanceof UUID ? value.toString() : value);
    }

    private void assignZones(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        UUID personId = JsonBodies.pathUuid(ctx, "personId");
        List<UUID> zoneIds = JsonBodies.uuidList(JsonBodies.object(ctx), "zoneIds");
        writes.registry(who, tx -> Access.lockPerson(persons, tx, who, personId)
                        .compose(ref -> usableZones(tx, personId, ref.officeId(), zoneIds)
                                .compose(v -> registry.assignZones(tx, personId, zoneIds))
                                .map(v -> new Audited<>(ref, AuditEntry.of("person.zones.assign", "person", personId,
                                        ref.officeId(), new JsonObject().put("zoneIds", ids(zoneIds)))))))
                .onSuccess(v -> Responses.json(ctx, 201, new JsonObject().put("personId", personId.toString())
                        .put("zoneIds", ids(zoneIds))))
                .onFailure(ctx::fail);
    }

    private void replaceCurfew(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        UUID personId = JsonBodies.pathUuid(ctx, "personId");
        List<CurfewWindow> windows = CurfewInput.read(JsonBodies.object(ctx));
        JsonObject view = new JsonObject().put("personId", personId.toString()).put("windows", CurfewInput.toJson(windows));
        writes.registry(who, tx -> Access.lockPerson(persons, tx, who, personId)
                        .compose(ref -> registry.replaceCurfew(tx, personId, windows)
                                .map(v -> new Audited<>(ref, AuditEntry.of("person.curfew.replace", "person", personId,
                                        ref.officeId(), view)))))
                .onSuccess(v -> Responses.json(ctx, 200, view))
                .onFailure(ctx::fail);
    }

    private void createLeave(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        UUID personId = JsonBodies.pathUuid(ctx, "personId");
        JsonObject body = JsonBodies.object(ctx);
        Instant from = JsonBodies.requiredInstant(body, "from");
        Instant to = JsonBodies.requiredInstant(body, "to");
        if (!to.isAfter(from)) {
            throw new ProblemException(Problem.badRequest("to", "'to' must be after 'from'"));
        }
        List<UUID> zoneIds = JsonBodies.uuidList(body, "zoneIds");
        if (zoneIds.isEmpty()) {
            throw new ProblemException(Problem.badRequest("zoneIds", "a leave needs at least one destination zone"));
        }
        writes.registry(who, tx -> Access.lockPerson(persons, tx, who, personId)
                        .compose(ref -> usableZones(tx, personId, ref.officeId(), zoneIds)
                                // The same approval limits as a request from the phone (LeaveRequestApi).
                                .compose(v -> leaveLimits.checkApproval(tx, personId, who.role(), from, to, "to")
                                        .recover(e -> Future.failedFuture(e instanceof LeaveLimits.Violation lv
                                                ? LeaveRequestApi.limit(lv) : e)))
                                .compose(v -> registry.createLeave(tx, personId, from, to, zoneIds))
                                .map(id -> new JsonObject().put("id", id.toString()).put("personId", personId.toString())
                                        .put("from", from.toString()).put("to", to.toString()).put("zoneIds", ids(zoneIds)))
                                .map(json -> new Audited<>(json, AuditEntry.of("person.leave.create", "person", personId,
                                        ref.officeId(), json)))))
                .onSuccess(json -> Responses.json(ctx, 201, json))
                .onFailure(ctx::fail);
    }

    /**
     * The person's positions in [from, to) (default: the last 24 hours; at most 31 days). Location data
     * is confidential (law Art. 29, 61): the read is checked against the caller's offices and recorded
     * in the audit trail in the same transaction before anything is returned.
     */
    private void trail(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        UUID personId = JsonBodies.pathUuid(ctx, "personId");
        // Why the officer looks (law Art. 61: location data serves supervision only): kept with the read.
        String purpose = Optional.ofNullable(ctx.queryParams().get("purpose")).map(String::strip).orElse("");
        if (purpose.isEmpty() || purpose.length() > MAX_PURPOSE) {
            throw new ProblemException(Problem.badRequest("purpose", "'purpose' is required: why this trail is opened,"
                    + " 1–" + MAX_PURPOSE + " characters"));
        }
        Instant to = JsonBodies.queryInstant(ctx, "to").orElseGet(Instant::now);
        Instant from = JsonBodies.queryInstant(ctx, "from").orElse(to.minus(Duration.ofDays(1)));
        if (!to.isAfter(from)) {
            throw new ProblemException(Problem.badRequest("to", "'to' must be after 'from'"));
        }
        if (Duration.between(from, to).compareTo(MAX_TRAIL_SPAN) > 0) {
            throw new ProblemException(Problem.badRequest("from", "a trail request spans at most 31 days"));
        }
        writes.run(who, tx -> Access.person(persons, tx, who, personId)
                        .compose(ref -> persons.trail(tx, personId, from, to, MAX_TRAIL_POINTS)
                                .map(points -> new Audited<>(points, AuditEntry.of("person.trail.read", "person", personId,
                                        ref.officeId(), new JsonObject().put("from", from.toString())
                                                .put("to", to.toString()).put("points", points.size())
                                                .put("purpose", purpose))))))
                .onSuccess(points -> Responses.json(ctx, 200, new JsonObject().put("personId", personId.toString())
                        .put("from", from.toString()).put("to", to.toString())
                        .put("truncated", points.size() == MAX_TRAIL_POINTS).put("items", new io.vertx.core.json.JsonArray(points))))
                .onFailure(ctx::fail);
    }

    private static List<String> ids(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }
}
