package org.tether.server.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Reading request bodies with errors that name the field. */
final class JsonBodies {

    private JsonBodies() {
    }

    static JsonObject object(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                throw new ProblemException(Problem.badRequest(null, "the request body must be a JSON object"));
            }
            return body;
        } catch (DecodeException | ClassCastException e) {
            throw new ProblemException(Problem.badRequest(null, "the request body is not a JSON object: " + e.getMessage()));
        }
    }

    static String requiredText(JsonObject body, String field, int maxLength) {
        Object v = body.getValue(field);
        if (v == null) {
            throw new ProblemException(Problem.badRequest(field, "'" + field + "' is required"));
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw new ProblemException(Problem.badRequest(field, "'" + field + "' must be a non-empty string"));
        }
        if (s.length() > maxLength) {
            throw new ProblemException(Problem.badRequest(field, "'" + field + "' is longer than " + maxLength + " characters"));
        }
        return s.trim();
    }

    static <E extends Enum<E>> E requiredEnum(JsonObject body, String field, Class<E> type) {
        String text = requiredText(body, field, 64);
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.badRequest(field, "'" + field + "' must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants())));
        }
    }

    static java.time.Instant requiredInstant(JsonObject body, String field) {
        String text = requiredText(body, field, 64);
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new ProblemException(Problem.badRequest(field, "'" + field
                    + "' must be an ISO-8601 time with offset, e.g. 2026-11-25T08:00:00+08:00"));
        }
    }

    static UUID requiredUuid(JsonObject body, String field) {
        return uuid(field, requiredText(body, field, 64));
    }

    static List<UUID> uuidList(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof JsonArray array)) {
            throw new ProblemException(Problem.badRequest(field, "'" + field + "' must be an array of ids"));
        }
        List<UUID> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object item = array.getValue(i);
            if (!(item instanceof String s)) {
                throw new ProblemException(Problem.badRequest(field + "[" + i + "]", "must be an id string"));
            }
            out.add(uuid(field + "[" + i + "]", s));
        }
        return out;
    }

    static java.util.Optional<String> optionalText(JsonObject body, String field, int maxLength) {
        return body.getValue(field) == null ? java.util.Optional.empty()
                : java.util.Optional.of(requiredText(body, field, maxLength));
    }

    static <E extends Enum<E>> java.util.Optional<E> optionalEnum(JsonObject body, String field, Class<E> type) {
        return body.getValue(field) == null ? java.util.Optional.empty()
                : java.util.Optional.of(requiredEnum(body, field, type));
    }

    static java.util.Optional<UUID> optionalUuid(JsonObject body, String field) {
        return body.getValue(field) == null ? java.util.Optional.empty() : java.util.Optional.of(requiredUuid(body, field));
    }

    static java.util.Optional<java.time.Instant> optionalInstant(JsonObject body, String field) {
        return body.getValue(field) == null ? java.util.Optional.empty()
                : java.util.Optional.of(requiredInstant(body, field));
    }

    static java.util.Optional<java.time.LocalDate> optionalDate(JsonObject body, String field) {
        if (body.getValue(field) == null) {
            return java.util.Optional.empty();
        }
        String text = requiredText(body, field, 32);
        try {
            return java.util.Optional.of(java.time.LocalDate.parse(text));
        } catch (java.time.format.DateTimeParseException e) {
            throw new ProblemException(Problem.badRequest(field, "'" + field + "' must be a date like 2026-11-25"));
        }
    }

    static java.util.Optional<Boolean> optionalBoolean(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v == null) {
            return java.util.Optional.empty();
        }
        if (!(v instanceof Boolean b)) {
            throw new ProblemException(Problem.badRequest(field, "'" + field + "' must be true or false"));
        }
        return java.util.Optional.of(b);
    }

    /** A path parameter that must be a UUID. */
    static UUID pathUuid(RoutingContext ctx, String name) {
        return uuid(name, ctx.pathParam(name));
    }

    /** A query parameter that, when present, must be an ISO-8601 time with offset. */
    static java.util.Optional<java.time.Instant> queryInstant(RoutingContext ctx, String name) {
        String text = ctx.queryParams().get(name);
        if (text == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            throw new ProblemException(Problem.badRequest(name, "'" + name
                    + "' must be an ISO-8601 time with offset, e.g. 2026-11-25T08:00:00%2B08:00 (URL-encoded '+')"));
        }
    }

    private static UUID uuid(String field, String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.badRequest(field, "'" + text + "' is not an id (UUID)"));
        }
    }
}
