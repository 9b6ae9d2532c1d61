package org.tether.server.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import java.util.UUID;
import org.tether.server.registry.PersonRepository;
import org.tether.server.registry.PersonRepository.PersonRef;
import org.tether.server.staff.StaffPrincipal;
import org.tether.server.staff.StaffRole;

/**
 * Who may do what. Roles decide the kind of action (403 when the role may not); offices decide which
 * persons, devices and zones (a thing outside the caller's offices answers 404, as if it did not exist,
 * so its existence does not leak).
 */
final class Access {

    private Access() {
    }

    /** Reads of supervision data: every role but the administrator. */
    static StaffPrincipal reader(RoutingContext ctx) {
        StaffPrincipal p = StaffAuth.principal(ctx);
        if (p.role() == StaffRole.ADMIN) {
            throw new ProblemException(Problem.forbidden("administrators manage the organisation; they do not see"
                    + " supervised persons' data"));
        }
        return p;
    }

    /** Changes to supervision data: officers and county supervisors. */
    static StaffPrincipal writer(RoutingContext ctx) {
        StaffPrincipal p = StaffAuth.principal(ctx);
        if (!p.role().changesRegistry()) {
            throw new ProblemException(Problem.forbidden("the role " + p.role() + " may not change the registry"));
        }
        return p;
    }

    static StaffPrincipal role(RoutingContext ctx, StaffRole role, String why) {
        StaffPrincipal p = StaffAuth.principal(ctx);
        if (p.role() != role) {
            throw new ProblemException(Problem.forbidden(why));
        }
        return p;
    }

    /** The office a new thing goes to: the one given, else an officer's own; it must be one of the caller's. */
    static UUID office(StaffPrincipal p, Optional<UUID> given) {
        UUID office = given.orElseGet(() -> {
            if (p.role() == StaffRole.OFFICER) {
                return p.officeId();
            }
            throw new ProblemException(Problem.badRequest("officeId", "'officeId' is required for the role " + p.role()));
        });
        if (!p.sees(office)) {
            throw new ProblemException(Problem.notFound("officeId", "no office " + office + " among yours"));
        }
        return office;
    }

    /** Locks the person's row when it is in the caller's offices; else fails with 404. */
    static Future<PersonRef> lockPerson(PersonRepository persons, SqlClient tx, StaffPrincipal p, UUID personId) {
        return persons.lock(tx, personId).compose(ref -> visible(ref, p, personId));
    }

    static Future<PersonRef> person(PersonRepository persons, SqlClient client, StaffPrincipal p, UUID personId) {
        return persons.ref(client, personId).compose(ref -> visible(ref, p, personId));
    }

    private static Future<PersonRef> visible(Optional<PersonRef> ref, StaffPrincipal p, UUID personId) {
        return ref.filter(r -> p.sees(r.officeId())).map(Future::succeededFuture).orElseGet(() ->
                Future.failedFuture(new ProblemException(Problem.notFound("personId",
                        "no person " + personId + " in your offices"))));
    }
}
