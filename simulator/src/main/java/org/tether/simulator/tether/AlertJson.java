package org.tether.simulator.tether;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reads alerts leniently: unknown fields are kept, missing ones become null. */
public final class AlertJson {

    /** Fields that may carry the alert's time, most telling first. */
    private static final List<String> TIME_FIELDS = List.of(
            "updatedAt", "changedAt", "openedAt", "raisedAt", "createdAt", "startedAt", "occurredAt", "time", "at");
    /** Epoch values below this are taken as seconds rather than milliseconds. */
    private static final long SECONDS_LIMIT = 100_000_000_000L;

    private AlertJson() {
    }

    public static Alert parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("an alert must be a JSON object");
        }
        return new Alert(text(node, "id"), text(node, "personId"), text(node, "type"), text(node, "state"),
                time(node), node);
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant time(JsonNode node) {
        for (String field : TIME_FIELDS) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isNumber()) {
                long n = v.asLong();
                return n < SECONDS_LIMIT ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
            }
            if (v.isTextual()) {
                try {
                    return Instant.parse(v.asText());
                } catch (DateTimeParseException notInstant) {
                    try {
                        return OffsetDateTime.parse(v.asText()).toInstant();
                    } catch (DateTimeParseException ignored) {
                        // try the next field
                    }
                }
            }
        }
        return null;
    }
}
