package org.tether.mobile;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.UUID;

/** Reading the phone's request bodies, with problems that name the field. */
final class PhoneJson {

    private PhoneJson() {
    }

    static JsonObject object(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                throw PhoneProblem.badRequest(null, "the request body must be a JSON object");
            }
            return body;
        } catch (DecodeException | ClassCastException e) {
            throw PhoneProblem.badRequest(null, "the request body is not a JSON object");
        }
    }

    static String text(JsonObject body, String field, String path, int maxLength, boolean required) {
        Object v = body.getValue(field);
        if (v == null) {
            if (required) {
                throw PhoneProblem.badRequest(path, "'" + path + "' is required");
            }
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw PhoneProblem.badRequest(path, "'" + path + "' must be a non-empty string");
        }
        if (s.length() > maxLength) {
            throw PhoneProblem.badRequest(path, "'" + path + "' is longer than " + maxLength + " characters");
        }
        return s.trim();
    }

    /**
     * {@code {"fix": {"time": epoch-ms, "lat", "lon", "crs"?, "accuracy", "source"?}}}; crs defaults to
     * WGS84 (what phone OS location APIs give), source to UNKNOWN.
     */
    static PhoneFix fix(JsonObject body) {
        Object v = body.getValue("fix");
        if (v == null) {
            throw PhoneProblem.badRequest("fix", "'fix' is required: a fresh position");
        }
        if (!(v instanceof JsonObject fix)) {
            throw PhoneProblem.badRequest("fix", "'fix' must be an object");
        }
        long time = (long) number(fix, "time");
        String crs = text(fix, "crs", "fix.crs", 16, false);
        String source = text(fix, "source", "fix.source", 16, false);
        return new PhoneFix(Instant.ofEpochMilli(time), number(fix, "lat"), number(fix, "lon"),
                crs == null ? "WGS84" : crs, number(fix, "accuracy"), source == null ? "UNKNOWN" : source);
    }

    private static double number(JsonObject fix, String field) {
        Object v = fix.getValue(field);
        if (v == null) {
            throw PhoneProblem.badRequest("fix." + field, "'fix." + field + "' is required");
        }
        if (!(v instanceof Number n) || Double.isNaN(n.doubleValue()) || Double.isInfinite(n.doubleValue())) {
            throw PhoneProblem.badRequest("fix." + field, "'fix." + field + "' must be a number");
        }
        return n.doubleValue();
    }

    static UUID pathUuid(RoutingContext ctx, String name) {
        try {
            return UUID.fromString(ctx.pathParam(name));
        } catch (IllegalArgumentException e) {
            throw PhoneProblem.badRequest(name, "'" + ctx.pathParam(name) + "' is not an id (UUID)");
        }
    }
}
