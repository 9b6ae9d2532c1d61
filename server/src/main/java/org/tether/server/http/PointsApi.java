package org.tether.server.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.tether.server.audit.AuditEntry;
import org.tether.server.http.Writes.Audited;
import org.tether.server.points.AssessmentMonth;
import org.tether.server.points.BoardHtml;
import org.tether.server.points.BoardNames;
import org.tether.server.points.BoardXlsx;
import org.tether.server.points.PointsEntry;
import org.tether.server.points.PointsException;
import org.tether.server.points.PointsKind;
import org.tether.server.points.PointsLedger.NewEntry;
import org.tether.server.points.PointsService;
import org.tether.server.points.Proposals;
import org.tether.server.registry.PersonRepository;
import org.tether.server.staff.StaffPrincipal;
import org.tether.server.staff.StaffRole;

/**
 * Points (量化积分), the monthly assessment (每月一考核) and its board (一公示), for staff. Officers and
 * county supervisors record entries, close months and decide proposals; only a county supervisor
 * approves a month; procurators read. Every change and every board export is audited in its
 * transaction.
 */
final class PointsApi {

    private static final int MAX_TEXT = 2_000;
    private static final int MAX_REF = 500;
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Writes writes;
    private final PersonRepository persons;
    private final PointsService points;
    private final java.time.Clock clock;

    PointsApi(Writes writes, PersonRepository persons, PointsService points) {
        this.writes = writes;
        this.persons = persons;
        this.points = points;
        this.clock = points == null ? java.time.Clock.systemUTC() : points.clock();
    }

    void mount(Router router) {
        router.get("/api/persons/:personId/points").handler(this::entries);
        router.post("/api/persons/:personId/points").handler(this::record);
        router.post("/api/points/:entryId/corrections").handler(this::correct);
        router.get("/api/offices/:officeId/assessments/:month").handler(this::assessment);
        router.post("/api/offices/:officeId/assessments/:month/close").handler(this::close);
        router.post("/api/offices/:officeId/assessments/:month/approve").handler(this::approve);
        router.get("/api/offices/:officeId/assessments/:month/board").handler(this::board);
        router.get("/api/offices/:officeId/proposals").handler(this::proposals);
        router.post("/api/proposals/:proposalId/accept").handler(ctx -> decide(ctx, true));
        router.post("/api/proposals/:proposalId/reject").handler(ctx -> decide(ctx, false));
        router.get("/api/offices/:officeId/points-settings").handler(this::settings);
        router.put("/api/offices/:officeId/points-settings").handler(this::changeSettings);
    }

    private void entries(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        UUID personId = JsonBodies.pathUuid(ctx, "personId");
        Optional<YearMonth> month = Optional.ofNullable(ctx.queryParams().get("month")).map(PointsApi::month);
        Access.person(persons, writes.pool(), who, personId)
                .compose(ref -> points.ledger().list(writes.pool(), personId, month))
                .onSuccess(list -> Responses.items(ctx, list.stream().map(PointsEntry::toJson).toList()))
                .onFailure(e -> fail(ctx, e));
    }

    private void record(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        UUID personId = JsonBodies.pathUuid(ctx, "personId");
        JsonObject body = JsonBodies.object(ctx);
        PointsKind kind = JsonBodies.requiredEnum(body, "kind", PointsKind.class);
        if (!kind.manual()) {
            throw new ProblemException(Problem.badRequest("kind", "'kind' must be one of COMMUNITY_SERVICE, EDUCATION,"
                    + " COMMENDATION, REPRIMAND, WARNING, PUBLIC_SECURITY_PENALTY"));
        }
        int quantity = quantity(body);
        LocalDate occurredOn = JsonBodies.optionalDate(body, "occurredOn").orElseGet(() -> AssessmentMonth.today(clock));
        String reason = JsonBodies.requiredText(body, "reason", MAX_TEXT);
        String evidence = JsonBodies.requiredText(body, "evidenceRef", MAX_REF);
        writes.run(who, tx -> Access.lockPerson(persons, tx, who, personId)
                        .compose(ref -> points.ledger().record(tx, personId, ref.officeId(),
                                new NewEntry(kind, quantity, occurredOn, reason, evidence), who.id()))
                        .map(e -> new Audited<>(e, entryAudit("points.entry.record", e))))
                .onSuccess(e -> Responses.json(ctx, 201, e.toJson()))
                .onFailure(e -> fail(ctx, e));
    }

    private void correct(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        long entryId = longParam(ctx, "entryId");
        JsonObject body = JsonBodies.object(ctx);
        String reason = JsonBodies.requiredText(body, "reason", MAX_TEXT);
        String evidence = JsonBodies.requiredText(body, "evidenceRef", MAX_REF);
        writes.run(who, tx -> points.ledger().correct(tx, who.officeArray(), entryId, reason, evidence, who.id())
                        .map(e -> new Audited<>(e, entryAudit("points.entry.correct", e))))
                .onSuccess(e -> Responses.json(ctx, 201, e.toJson()))
                .onFailure(e -> fail(ctx, e));
    }

    private static AuditEntry entryAudit(String action, PointsEntry e) {
        return AuditEntry.of(action, "points_entry", e.id(), e.officeId(), new JsonObject()
                .put("personId", e.personId().toString()).put("kind", e.kind().name()).put("points", e.points())
                .put("month", e.month().toString()).put("correctsEntryId", e.correctsEntryId()));
    }

    private void assessment(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        UUID office = office(ctx, who);
        YearMonth month = month(ctx.pathParam("month"));
        points.close().get(writes.pool(), office, month)
                .onSuccess(a -> a.ifPresentOrElse(json -> Responses.json(ctx, 200, json),
                        () -> notClosed(month).send(ctx)))
                .onFailure(e -> fail(ctx, e));
    }

    private void close(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        UUID office = office(ctx, who);
        YearMonth month = month(ctx.pathParam("month"));
        writes.run(who, tx -> points.close().close(tx, office, month, who.id())
                        .map(a -> new Audited<>(a, assessmentAudit("assessment.close", office, month, a))))
                .onSuccess(a -> Responses.json(ctx, 200, a))
                .onFailure(e -> fail(ctx, e));
    }

    private void approve(RoutingContext ctx) {
        StaffPrincipal who = Access.role(ctx, StaffRole.COUNTY_SUPERVISOR,
                "only a county supervisor approves a monthly assessment");
        UUID office = office(ctx, who);
        YearMonth month = month(ctx.pathParam("month"));
        writes.run(who, tx -> points.close().approve(tx, office, month, who.id())
                        .map(a -> new Audited<>(a, assessmentAudit("assessment.approve", office, month, a))))
                .onSuccess(a -> Responses.json(ctx, 200, a))
                .onFailure(e -> fail(ctx, e));
    }

    private static AuditEntry assessmentAudit(String action, UUID office, YearMonth month, JsonObject a) {
        return AuditEntry.of(action, "assessment", office + "/" + month, office, new JsonObject()
                .put("month", month.toString()).put("persons", a.getJsonArray("results").size())
                .put("proposals", a.getJsonArray("proposals").size()).put("closings", a.getInteger("closings")));
    }

    /** JSON by default; {@code format=html} the same as a web page; {@code format=xlsx} or {@code format=pdf} downloads the export (audited). */
    private void board(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        UUID office = office(ctx, who);
        YearMonth month = month(ctx.pathParam("month"));
        String format = Optional.ofNullable(ctx.queryParams().get("format")).orElse("json").toLowerCase(Locale.ROOT);
        if (!format.equals("json") && !format.equals("html") && !format.equals("xlsx") && !format.equals("pdf")) {
            throw new ProblemException(Problem.badRequest("format", "format must be json, html, xlsx or pdf"));
        }
        if (format.equals("json") || format.equals("html")) {
            // The page shows what the JSON shows, for reading on screen: not an export, so not audited.
            points.boards().board(writes.pool(), office, month)
                    .onSuccess(b -> b.ifPresentOrElse(board -> {
                        if (format.equals("json")) {
                            Responses.json(ctx, 200, board.toJson());
                        } else {
                            ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                                    .putHeader("X-Content-Type-Options", "nosniff")
                                    .end(BoardHtml.render(board));
                        }
                    }, () -> notClosed(month).send(ctx)))
                    .onFailure(e -> fail(ctx, e));
            return;
        }
        if (format.equals("pdf") && !points.pdf().available()) {
            new Problem(503, "Export unavailable", "the PDF font " + points.pdf().font()
                    + " is not installed (configuration key points.board.pdfFont; bin/ensure-infra installs fonts-wqy-microhei)",
                    "format").send(ctx);
            return;
        }
        writes.run(who, tx -> points.boards().board(tx, office, month)
                        .compose(b -> b.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(
                                new ProblemException(notClosed(month)))))
                        .map(b -> new Audited<>(b, AuditEntry.of("assessment.board.export", "assessment",
                                office + "/" + month, office, new JsonObject().put("format", format)
                                        .put("rows", b.rows().size()).put("names", b.names().name())))))
                .compose(b -> ctx.vertx().executeBlocking(() -> format.equals("xlsx") ? BoardXlsx.render(b)
                        : points.pdf().render(b), false))
                .onSuccess(bytes -> ctx.response().putHeader("Content-Type", format.equals("xlsx") ? XLSX : "application/pdf")
                        .putHeader("Content-Disposition", "attachment; filename=\"board-" + month + "." + format + "\"")
                        .end(Buffer.buffer(bytes)))
                .onFailure(e -> fail(ctx, e));
    }

    private void proposals(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        UUID office = office(ctx, who);
        Optional<YearMonth> month = Optional.ofNullable(ctx.queryParams().get("month")).map(PointsApi::month);
        Optional<String> status = Optional.ofNullable(ctx.queryParams().get("status")).map(s -> {
            String st = s.toUpperCase(Locale.ROOT);
            if (!java.util.List.of("PENDING", "ACCEPTED", "REJECTED", "WITHDRAWN").contains(st)) {
                throw new ProblemException(Problem.badRequest("status", "status must be PENDING, ACCEPTED, REJECTED or WITHDRAWN"));
            }
            return st;
        });
        Proposals.list(writes.pool(), office, month, status)
                .onSuccess(list -> Responses.items(ctx, list))
                .onFailure(e -> fail(ctx, e));
    }

    private void decide(RoutingContext ctx, boolean accept) {
        StaffPrincipal who = Access.writer(ctx);
        long id = longParam(ctx, "proposalId");
        JsonObject body = JsonBodies.object(ctx);
        String reason = JsonBodies.requiredText(body, "reason", MAX_TEXT);
        Optional<String> evidence = JsonBodies.optionalText(body, "evidenceRef", MAX_REF);
        // A tier change is read by the fix path and the watches: decisions go through the registry reload.
        writes.registry(who, tx -> points.proposals().decide(tx, who.officeArray(), id, accept, reason, evidence, who.id())
                        .map(d -> {
                            JsonObject p = d.proposal();
                            JsonObject detail = new JsonObject().put("personId", p.getString("personId"))
                                    .put("rule", p.getString("rule")).put("reason", reason);
                            d.previousTier().ifPresent(t -> detail.put("tierBefore", t.name())
                                    .put("tierAfter", p.getString("proposedTier")));
                            d.entry().ifPresent(e -> detail.put("pointsEntryId", e.id()));
                            return new Audited<>(p, AuditEntry.of(accept ? "proposal.accept" : "proposal.reject", "proposal",
                                    id, UUID.fromString(p.getString("officeId")), detail));
                        }))
                .onSuccess(p -> Responses.json(ctx, 200, p))
                .onFailure(e -> fail(ctx, e));
    }

    private void settings(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        UUID office = office(ctx, who);
        points.boards().names(writes.pool(), office)
                .onSuccess(n -> Responses.json(ctx, 200, new JsonObject().put("officeId", office.toString())
                        .put("boardNames", n.name())))
                .onFailure(e -> fail(ctx, e));
    }

    private void changeSettings(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        UUID office = office(ctx, who);
        BoardNames names = JsonBodies.requiredEnum(JsonBodies.object(ctx), "boardNames", BoardNames.class);
        writes.run(who, tx -> points.boards().setNames(tx, office, names, who.id())
                        .map(n -> new Audited<>(n, AuditEntry.of("office.points_settings", "office", office, office,
                                new JsonObject().put("boardNames", n.name())))))
                .onSuccess(n -> Responses.json(ctx, 200, new JsonObject().put("officeId", office.toString())
                        .put("boardNames", n.name())))
                .onFailure(e -> fail(ctx, e));
    }

    private static UUID office(RoutingContext ctx, StaffPrincipal who) {
        UUID office = JsonBodies.pathUuid(ctx, "officeId");
        if (!who.sees(office)) {
            throw new ProblemException(Problem.notFound("officeId", "no office " + office + " among yours"));
        }
        return office;
    }

    private static YearMonth month(String text) {
        return AssessmentMonth.parse(text).orElseThrow(() -> new ProblemException(
                Problem.badRequest("month", "'" + text + "' is not a month like 2026-11")));
    }

    private static Problem notClosed(YearMonth month) {
        return Problem.notFound("month", "the assessment of " + month + " has not been closed");
    }

    private static int quantity(JsonObject body) {
        Object v = body.getValue("quantity");
        if (v == null) {
            return 1;
        }
        if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 1 || ((Number) v).longValue() > 1000) {
            throw new ProblemException(Problem.badRequest("quantity", "'quantity' must be a whole number from 1 to 1000"));
        }
        return ((Number) v).intValue();
    }

    private static long longParam(RoutingContext ctx, String name) {
        String text = ctx.pathParam(name);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.badRequest(name, "'" + text + "' is not an id"));
        }
    }

    private static void fail(RoutingContext ctx, Throwable e) {
        if (e instanceof PointsException pe) {
            String title = switch (pe.status()) {
                case 404 -> "Not found";
                case 409 -> "Conflict";
                case 422 -> "Request cannot be applied";
                default -> "Error";
            };
            new Problem(pe.status(), title, pe.getMessage(), pe.field()).send(ctx);
        } else {
            ctx.fail(e);
        }
    }
}
