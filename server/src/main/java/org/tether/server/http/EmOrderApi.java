package org.tether.server.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.tether.server.audit.AuditEntry;
import org.tether.server.http.Writes.Audited;
import org.tether.server.registry.EmGround;
import org.tether.server.registry.EmOrder;
import org.tether.server.registry.EmOrderRepository;
import org.tether.server.registry.PersonRepository;
import org.tether.server.registry.PersonStatus;
import org.tether.server.staff.StaffPrincipal;
import org.tether.server.staff.StaffRole;

/**
 * Electronic-monitoring orders (law Art. 29). The county agency approves: a county supervisor creates an
 * order and is recorded as its approver, with the time. A term is at most three calendar months; an
 * extension is a new approved term starting where the extended one ends.
 */
final class EmOrderApi {

    private static final String APPROVER_ONLY = "electronic-monitoring orders are approved by the county agency:"
            + " only a county supervisor creates, extends or ends one";

    private final Writes writes;
    private final EmOrderRepository orders;
    private final PersonRepository persons;

    EmOrderApi(Writes writes, EmOrderRepository orders, PersonRepository persons) {
        this.writes = writes;
        this.orders = orders;
        this.persons = persons;
    }

    void mount(Router router) {
        router.post("/api/persons/:personId/em-orders").handler(this::create);
        router.get("/api/persons/:personId/em-orders").handler(this::list);
        router.post("/api/em-orders/:orderId/extensions").handler(this::extend);
        router.post("/api/em-orders/:orderId/end").handler(this::end);
    }

    /** {@code {ground, groundDetail?, startsAt? (default now), endsAt}}. */
    private void create(RoutingContext ctx) {
        StaffPrincipal who = Access.role(ctx, StaffRole.COUNTY_SUPERVISOR, APPROVER_ONLY);
        UUID personId = JsonBodies.pathUuid(ctx, "personId");
        JsonObject body = JsonBodies.object(ctx);
        EmGround ground = JsonBodies.requiredEnum(body, "ground", EmGround.class);
        Optional<String> detail = JsonBodies.optionalText(body, "groundDetail", 2000);
        Instant now = Instant.now();
        Instant starts = JsonBodies.optionalInstant(body, "startsAt").orElse(now);
        Instant ends = JsonBodies.requiredInstant(body, "endsAt");
        checkTerm(starts, ends);
        writes.run(who, tx -> Access.lockPerson(persons, tx, who, personId).compose(ref -> {
                    if (ref.status() != PersonStatus.IN_SUPERVISION) {
                        return Future.failedFuture(new ProblemException(Problem.unprocessable("personId",
                                "the person's supervision has ended")));
                    }
                    return orders.create(tx, personId, ground, detail.orElse(null), who.id(), starts, ends, null)
                            .map(o -> new Audited<>(o, AuditEntry.of("em_order.create", "em_order", o.id(), ref.officeId(),
                                    o.toJson(now))));
                }))
                .onSuccess(o -> Responses.json(ctx, 201, o.toJson(Instant.now())))
                .onFailure(ctx::fail);
    }

    private static void checkTerm(Instant starts, Instant ends) {
        if (!ends.isAfter(starts)) {
            throw new ProblemException(Problem.badRequest("endsAt", "'endsAt' must be after the start"));
        }
        if (ends.isAfter(EmOrder.latestEnd(starts))) {
            throw new ProblemException(Problem.unprocessable("endsAt", "a term lasts at most "
                    + EmOrder.MAX_TERM_MONTHS + " months (law Art. 29): from " + starts + " it ends by "
                    + EmOrder.latestEnd(starts) + "; extend it with a new approval for longer"));
        }
    }

    private void list(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        UUID personId = JsonBodies.pathUuid(ctx, "personId");
        Access.person(persons, writes.pool(), who, personId)
                .compose(ref -> orders.forPerson(personId))
                .onSuccess(list -> {
                    Instant now = Instant.now();
                    Responses.items(ctx, list.stream().map(o -> o.toJson(now)).toList());
                })
                .onFailure(ctx::fail);
    }

    /** {@code {endsAt, ground?, groundDetail?}}: a new term from the extended order's end. */
    private void extend(RoutingContext ctx) {
        StaffPrincipal who = Access.role(ctx, StaffRole.COUNTY_SUPERVISOR, APPROVER_ONLY);
        UUID orderId = JsonBodies.pathUuid(ctx, "orderId");
        JsonObject body = JsonBodies.object(ctx);
        Instant ends = JsonBodies.requiredInstant(body, "endsAt");
        Optional<EmGround> ground = JsonBodies.optionalEnum(body, "ground", EmGround.class);
        Optional<String> detail = JsonBodies.optionalText(body, "groundDetail", 2000);
        Instant now = Instant.now();
        writes.run(who, tx -> lockOrder(tx, who, orderId).compose(old -> {
                    if (!"IN_FORCE".equals(old.state(now)) && !"PENDING".equals(old.state(now))) {
                        return Future.failedFuture(new ProblemException(Problem.unprocessable("orderId",
                                "the order is " + old.state(now) + "; approve a new order instead of extending it")));
                    }
                    checkTerm(old.endsAt(), ends);
                    return Access.lockPerson(persons, tx, who, old.personId())
                            .compose(ref -> orders.create(tx, old.personId(), ground.orElse(old.ground()),
                                            detail.orElse(old.groundDetail()), who.id(), old.endsAt(), ends, old.id())
                                    .map(o -> new Audited<>(o, AuditEntry.of("em_order.extend", "em_order", o.id(),
                                            ref.officeId(), o.toJson(now)))));
                }))
                .onSuccess(o -> Responses.json(ctx, 201, o.toJson(Instant.now())))
                .onFailure(ctx::fail);
    }

    /** Ends the order early (the device is no longer needed). Unbinding the bracelet is a separate step. */
    private void end(RoutingContext ctx) {
        StaffPrincipal who = Access.role(ctx, StaffRole.COUNTY_SUPERVISOR, APPROVER_ONLY);
        UUID orderId = JsonBodies.pathUuid(ctx, "orderId");
        writes.run(who, tx -> lockOrder(tx, who, orderId).compose(old -> {
                    if ("ENDED".equals(old.status())) {
                        return Future.failedFuture(new ProblemException(Problem.conflict("orderId", "the order has ended")));
                    }
                    return Access.lockPerson(persons, tx, who, old.personId())
                            .compose(ref -> orders.end(tx, orderId, who.id()).map(o -> new Audited<>(o,
                                    AuditEntry.of("em_order.end", "em_order", o.id(), ref.officeId(), new JsonObject()))));
                }))
                .onSuccess(o -> Responses.json(ctx, 200, o.toJson(Instant.now())))
                .onFailure(ctx::fail);
    }

    private Future<EmOrder> lockOrder(io.vertx.sqlclient.SqlClient tx, StaffPrincipal who, UUID orderId) {
        ProblemException missing = new ProblemException(Problem.notFound("orderId", "no order " + orderId + " in your offices"));
        return orders.lock(tx, orderId).compose(o -> o.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(missing)))
                .compose(o -> persons.ref(tx, o.personId()).compose(ref -> ref.filter(r -> who.sees(r.officeId())).isPresent()
                        ? Future.succeededFuture(o) : Future.failedFuture(missing)));
    }
}
