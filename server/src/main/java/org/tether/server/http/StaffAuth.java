package org.tether.server.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.tether.server.staff.StaffPrincipal;
import org.tether.server.staff.StaffSessions;

/**
 * Requires a valid bearer token on every {@code /api/*} request except signing in, and puts the
 * signed-in {@link StaffPrincipal} on the routing context.
 */
final class StaffAuth {

    private static final String PRINCIPAL = "tether.staff.principal";
    private static final String TOKEN = "tether.staff.token";

    private final StaffSessions sessions;

    StaffAuth(StaffSessions sessions) {
        this.sessions = sessions;
    }

    void handle(RoutingContext ctx) {
        if (ctx.request().method() == HttpMethod.POST && "/api/session".equals(ctx.normalizedPath())) {
            ctx.next();
            return;
        }
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() < 8) {
            unauthorized(ctx, "sign in (POST /api/session) and send 'Authorization: Bearer <token>'");
            return;
        }
        String token = header.substring(7).trim();
        sessions.resolve(token).onComplete(r -> {
            if (r.failed()) {
                ctx.fail(r.cause());
            } else if (r.result().isEmpty()) {
                unauthorized(ctx, "the token is unknown, expired or revoked: sign in again");
            } else {
                ctx.put(PRINCIPAL, r.result().get());
                ctx.put(TOKEN, token);
                ctx.next();
            }
        });
    }

    private static void unauthorized(RoutingContext ctx, String detail) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"tether\"");
        Problem.unauthorized(detail).send(ctx);
    }

    static StaffPrincipal principal(RoutingContext ctx) {
        StaffPrincipal p = ctx.get(PRINCIPAL);
        if (p == null) {
            throw new IllegalStateException("no principal: StaffAuth is not mounted before " + ctx.normalizedPath());
        }
        return p;
    }

    static String token(RoutingContext ctx) {
        return ctx.get(TOKEN);
    }
}
