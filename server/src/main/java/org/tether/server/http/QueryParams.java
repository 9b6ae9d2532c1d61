package org.tether.server.http;

import io.vertx.ext.web.RoutingContext;

/** Numeric query parameters, checked the same way on every list: a problem naming the parameter otherwise. */
final class QueryParams {

    private QueryParams() {
    }

    /** {@code ?limit=1..1000}, 100 when absent. */
    static int limit(RoutingContext ctx) {
        return (int) number(ctx.queryParams().get("limit"), "limit", 100, 1, 1000);
    }

    static long number(String text, String name, long absent, long min, long max) {
        if (text == null) {
            return absent;
        }
        try {
            long n = Long.parseLong(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(Problem.badRequest(name, "'" + name + "' must be an integer from " + min + " to " + max));
    }
}
