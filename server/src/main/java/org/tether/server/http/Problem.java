package org.tether.server.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * An RFC 9457 problem response. {@code field} names the request field at fault, so a client can
 * show the error where it belongs.
 */
public record Problem(int status, String title, String detail, String field, JsonObject extensions) {

    /** A problem with no members beyond the standard ones and {@code field}. */
    public Problem(int status, String title, String detail, String field) {
        this(status, title, detail, field, null);
    }

    /** The same problem with one more member, e.g. {@code location} of an invalid zone ({@code [lon, lat]}). */
    public Problem with(String member, Object value) {
        JsonObject more = extensions == null ? new JsonObject() : extensions.copy();
        return new Problem(status, title, detail, field, more.put(member, value));
    }

    public static Problem badRequest(String field, String detail) {
        return new Problem(400, "Invalid request", detail, field);
    }

    public static Problem unprocessable(String field, String detail) {
        return new Problem(422, "Request cannot be applied", detail, field);
    }

    public static Problem notFound(String field, String detail) {
        return new Problem(404, "Not found", detail, field);
    }

    public static Problem forbidden(String detail) {
        return new Problem(403, "Forbidden", detail, null);
    }

    public static Problem unauthorized(String detail) {
        return new Problem(401, "Unauthorized", detail, null);
    }

    public static Problem conflict(String field, String detail) {
        return new Problem(409, "Conflict", detail, field);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail);
        if (field != null) {
            json.put("field", field);
        }
        if (extensions != null) {
            extensions.forEach(e -> json.put(e.getKey(), e.getValue()));
        }
        return json;
    }

    public void send(RoutingContext ctx) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(toJson().encode());
    }
}
