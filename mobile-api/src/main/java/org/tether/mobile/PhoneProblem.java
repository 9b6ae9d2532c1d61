package org.tether.mobile;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * An RFC 9457 problem for the phone, naming the request field at fault. Thrown by handlers or failed
 * with by the backend. Cheap (no stack trace): it is control flow.
 */
public final class PhoneProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;
    private final Integer retryAfterSeconds;

    public PhoneProblem(int status, String title, String detail, String field, Integer retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static PhoneProblem badRequest(String field, String detail) {
        return new PhoneProblem(400, "Invalid request", detail, field, null);
    }

    public static PhoneProblem unprocessable(String field, String detail) {
        return new PhoneProblem(422, "Request cannot be applied", detail, field, null);
    }

    public static PhoneProblem unauthorized(String detail) {
        return new PhoneProblem(401, "Unauthorized", detail, null, null);
    }

    public static PhoneProblem forbidden(String field, String detail) {
        return new PhoneProblem(403, "Forbidden", detail, field, null);
    }

    public static PhoneProblem notFound(String field, String detail) {
        return new PhoneProblem(404, "Not found", detail, field, null);
    }

    public static PhoneProblem conflict(String field, String detail) {
        return new PhoneProblem(409, "Conflict", detail, field, null);
    }

    public static PhoneProblem tooMany(String field, String detail, int retryAfterSeconds) {
        return new PhoneProblem(429, "Too many requests", detail, field, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", getMessage());
        if (field != null) {
            json.put("field", field);
        }
        return json;
    }

    public void send(RoutingContext ctx) {
        if (retryAfterSeconds != null) {
            ctx.response().putHeader("Retry-After", Integer.toString(retryAfterSeconds));
        }
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"tether-phone\"");
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(toJson().encode());
    }
}
