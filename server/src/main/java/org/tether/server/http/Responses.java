package org.tether.server.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** JSON answers. */
final class Responses {

    private Responses() {
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    static void items(RoutingContext ctx, List<JsonObject> items) {
        json(ctx, 200, new JsonObject().put("items", new JsonArray(items)));
    }
}
