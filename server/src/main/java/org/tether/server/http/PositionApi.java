package org.tether.server.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.tether.server.audit.AuditEntry;
import org.tether.server.http.Writes.Audited;
import org.tether.server.position.LatestPositions;
import org.tether.server.position.PersonPosition;
import org.tether.server.staff.StaffPrincipal;

/**
 * The live map: persons in supervision in the caller's offices at their newest fix. A read of many
 * persons' locations at once: one audit entry per call (offices and count), written in the transaction
 * that reads, so no positions leave without it.
 */
final class PositionApi {

    private final Writes writes;
    private final LatestPositions positions;

    PositionApi(Writes writes, LatestPositions positions) {
        this.writes = writes;
        this.positions = positions;
    }

    void mount(Router router) {
        router.get("/api/positions").handler(this::list);
    }

    private void list(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        Optional<UUID> officeId = Optional.ofNullable(ctx.queryParams().get("officeId")).map(text -> {
            try {
                return UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(Problem.badRequest("officeId", "'" + text + "' is not an id (UUID)"));
            }
        });
        if (officeId.isPresent() && !who.sees(officeId.get())) {
            throw new ProblemException(Problem.notFound("officeId", "no office " + officeId.get() + " among yours"));
        }
        Optional<java.time.Instant> since = JsonBodies.queryInstant(ctx, "since");
        UUID[] offices = officeId.map(o -> new UUID[] {o}).orElseGet(who::officeArray);
        writes.run(who, tx -> positions.read(tx, offices, since).map(snapshot -> new Audited<>(snapshot,
                        AuditEntry.of("positions.read", "office", officeId.orElse(who.officeId()), officeId.orElse(who.officeId()),
                                new JsonObject().put("offices", new JsonArray(Arrays.stream(offices).map(UUID::toString)
                                                .sorted().toList()))
                                        .put("count", snapshot.items().size())
                                        .put("since", since.map(Object::toString).orElse(null))))))
                .onSuccess(s -> Responses.json(ctx, 200, new JsonObject().put("asOf", s.asOf().toString())
                        .put("items", new JsonArray(s.items().stream().map(PersonPosition::toJson).toList()))
                        .put("removedPersonIds", new JsonArray(s.ended().stream().map(UUID::toString).toList()))))
                .onFailure(ctx::fail);
    }
}
