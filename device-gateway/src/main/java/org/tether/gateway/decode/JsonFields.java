package org.tether.gateway.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Locale;
import org.tether.gateway.decode.FixValidation.Invalid;

/**
 * Typed reading of JSON fields for the JSON wire formats, with errors that name the field. Every
 * JSON decoder parses with {@link #MAPPER}, so they all refuse the same malformed input.
 */
public final class JsonFields {

    /**
     * Strict parsing: duplicate keys refused; trailing content refused (otherwise "{...} garbage" or two
     * concatenated messages would decode as the first object alone, silently dropping the rest).
     * Configured once and never changed afterwards, so safe to share between threads.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonFields() {
    }

    public static long requiredLong(JsonNode node, String field) throws Invalid {
        Long value = optionalLong(node, field);
        if (value == null) {
            throw new Invalid(RejectReason.MISSING_FIELD, field + ": missing");
        }
        return value;
    }

    public static Long optionalLong(JsonNode node, String field) throws Invalid {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new Invalid(RejectReason.WRONG_TYPE, field + ": must be an integer, was " + describe(v));
        }
        return v.asLong();
    }

    public static double requiredDouble(JsonNode node, String field) throws Invalid {
        Double value = optionalDouble(node, field);
        if (value == null) {
            throw new Invalid(RejectReason.MISSING_FIELD, field + ": missing");
        }
        return value;
    }

    public static Double optionalDouble(JsonNode node, String field) throws Invalid {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new Invalid(RejectReason.WRONG_TYPE, field + ": must be a number, was " + describe(v));
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            throw new Invalid(RejectReason.WRONG_TYPE, field + ": must be a finite number");
        }
        return d;
    }

    public static String optionalText(JsonNode node, String field) throws Invalid {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new Invalid(RejectReason.WRONG_TYPE, field + ": must be a string, was " + describe(v));
        }
        return v.asText();
    }

    public static Boolean optionalBoolean(JsonNode node, String field) throws Invalid {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new Invalid(RejectReason.WRONG_TYPE, field + ": must be true or false, was " + describe(v));
        }
        return v.asBoolean();
    }

    public static String describe(JsonNode v) {
        return v.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
