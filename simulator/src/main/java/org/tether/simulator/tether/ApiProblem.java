package org.tether.simulator.tether;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An error response: RFC 9457 problem JSON ({@code title}, {@code detail}, {@code status}, maybe
 * {@code field}), or whatever text the server sent instead.
 */
public record ApiProblem(int status, String title, String detail, String field) {

    private static final int MAX_TEXT = 300;

    public static ApiProblem from(int status, String body, ObjectMapper json) {
        if (body != null && !body.isBlank()) {
            try {
                JsonNode node = json.readTree(body);
                if (node != null && node.isObject()) {
                    return new ApiProblem(
                            node.path("status").isInt() ? node.get("status").asInt() : status,
                            text(node, "title"), text(node, "detail"), text(node, "field"));
                }
            } catch (Exception notJson) {
                // fall through: report the raw text
            }
        }
        String raw = body == null ? null : body.strip();
        if (raw != null && raw.length() > MAX_TEXT) {
            raw = raw.substring(0, MAX_TEXT) + "…";
        }
        return new ApiProblem(status, null, raw == null || raw.isEmpty() ? null : raw, null);
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** e.g. "400 Invalid zone — geometry: ring is not closed". */
    public String describe() {
        StringBuilder sb = new StringBuilder().append(status);
        if (title != null) {
            sb.append(' ').append(title);
        }
        if (detail != null || field != null) {
            sb.append(" — ");
            if (field != null) {
                sb.append(field).append(": ");
            }
            if (detail != null) {
                sb.append(detail);
            }
        }
        return sb.toString();
    }
}
