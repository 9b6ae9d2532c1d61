package org.tether.mobile;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * The phone's reading routes: officer messages with their read receipt, "my status" and points. Mounted by
 * {@link MobileApi} behind its token check.
 */
final class PhoneInboxRoutes {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    static final int DEFAULT_MONTHS = 6;
    static final int MAX_MONTHS = 24;

    private final PhoneInbox inbox;

    private PhoneInboxRoutes(PhoneInbox inbox) {
        this.inbox = inbox;
    }

    /** {@code inbox} may be null in a router built only to list its routes. */
    static void mount(Router router, PhoneInbox inbox) {
        PhoneInboxRoutes routes = new PhoneInboxRoutes(inbox);
        router.get("/messages").handler(routes::messages);
        router.post("/messages/:messageId/read").handler(routes::read);
        router.get("/status").handler(routes::status);
        router.get("/points").handler(routes::points);
    }

    /** {@code ?limit=1..100} (default 50), newest first. */
    private void messages(RoutingContext ctx) {
        int limit = limit(ctx.queryParams().get("limit"));
        inbox.messages(MobileApi.principal(ctx), limit)
                .onSuccess(list -> json(ctx, new JsonObject().put("items",
                        new JsonArray(list.stream().map(MessageView::toJson).toList()))))
                .onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        UUID id = PhoneJson.pathUuid(ctx, "messageId");
        inbox.markRead(MobileApi.principal(ctx), id)
                .onSuccess(m -> json(ctx, m.toJson()))
                .onFailure(ctx::fail);
    }

    private void status(RoutingContext ctx) {
        inbox.status(MobileApi.principal(ctx))
                .onSuccess(s -> json(ctx, s.toJson()))
                .onFailure(ctx::fail);
    }

    /** {@code ?months=1..24} (default 6): how many published months of history. */
    private void points(RoutingContext ctx) {
        int months = bounded(ctx.queryParams().get("months"), "months", DEFAULT_MONTHS, MAX_MONTHS);
        inbox.points(MobileApi.principal(ctx), months)
                .onSuccess(p -> json(ctx, p.toJson()))
                .onFailure(ctx::fail);
    }

    static int limit(String text) {
        return bounded(text, "limit", DEFAULT_LIMIT, MAX_LIMIT);
    }

    private static int bounded(String text, String field, int fallback, int max) {
        if (text == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw PhoneProblem.badRequest(field, "'" + field + "' must be a whole number from 1 to " + max);
    }

    private static void json(RoutingContext ctx, JsonObject body) {
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
