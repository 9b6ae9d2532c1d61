package org.tether.server.http;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Who is making the request, for attribution. Staff sign-in attaches the staff id to the context. */
final class Actors {

    static final String STAFF_ID = "tether.staffId";

    private Actors() {
    }

    /** The signed-in staff member, or null where the request carries no identity. */
    static UUID of(RoutingContext ctx) {
        return ctx.get(STAFF_ID);
    }
}
