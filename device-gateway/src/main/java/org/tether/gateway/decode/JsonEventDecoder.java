package org.tether.gateway.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tether.gateway.decode.FixValidation.Invalid;

/**
 * Tether's JSON v1 for the {@code events} and {@code status} channels (see docs/device-integration.md):
 * <pre>events: {"v":1,"events":[{"seq":5,"time":1764064800000,"type":"STRAP_CUT","battery":40}]}
 * status: {"v":1,"state":"OFFLINE","cause":"LAST_WILL"}   (time optional: the broker sends a will
 *         on the device's behalf, so the receive time is used when absent)</pre>
 * Stateless and thread-safe.
 */
public final class JsonEventDecoder {

    private static final int MAX_DETAIL = 500;
    private final DecodeLimits limits;
    private final Clock clock;

    public JsonEventDecoder(DecodeLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public DecodedEvents decodeEvents(DeviceTopic topic, byte[] payload) throws MessageRejectedException {
        JsonNode root = parse(topic, payload);
        JsonNode events = root.get("events");
        if (events == null || !events.isArray() || events.isEmpty()) {
            throw reject(RejectReason.MISSING_FIELD, payload, "field 'events' must be a non-empty array");
        }
        if (events.size() > limits.maxFixesPerMessage()) {
            throw reject(RejectReason.BATCH_TOO_LARGE, payload, "'events' has " + events.size() + " entries; at most "
                    + limits.maxFixesPerMessage());
        }
        Instant now = clock.instant();
        List<DeviceEvent> ok = new ArrayList<>();
        List<Rejection> refused = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            try {
                ok.add(event(e, now));
            } catch (Invalid ex) {
                refused.add(new Rejection(ex.reason(), "events[" + i + "]." + ex.getMessage(),
                        e.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return new DecodedEvents(topic.deviceId(), ok, refused);
    }

    /** A status message becomes an ONLINE or CONNECTION_LOST event. */
    public DecodedEvents decodeStatus(DeviceTopic topic, byte[] payload, Instant receivedAt)
            throws MessageRejectedException {
        JsonNode root = parse(topic, payload);
        JsonNode state = root.get("state");
        if (state == null || !state.isTextual()) {
            throw reject(RejectReason.MISSING_FIELD, payload, "field 'state' must be \"ONLINE\" or \"OFFLINE\"");
        }
        DeviceEventType type = switch (state.asText().toUpperCase(Locale.ROOT)) {
            case "ONLINE" -> DeviceEventType.ONLINE;
            case "OFFLINE" -> DeviceEventType.CONNECTION_LOST;
            default -> throw reject(RejectReason.WRONG_TYPE, payload, "field 'state' must be \"ONLINE\" or \"OFFLINE\"");
        };
        Instant time = receivedAt;
        JsonNode t = root.get("time");
        if (t != null && !t.isNull()) {
            try {
                time = time(t, clock.instant());
            } catch (Invalid e) {
                throw reject(e.reason(), payload, e.getMessage());
            }
        }
        JsonNode cause = root.get("cause");
        String detail = cause != null && cause.isTextual() ? truncate(cause.asText()) : null;
        return new DecodedEvents(topic.deviceId(), List.of(new DeviceEvent(null, time, type, null, detail)), List.of());
    }

    private JsonNode parse(DeviceTopic topic, byte[] payload) throws MessageRejectedException {
        if (payload.length > limits.maxPayloadBytes()) {
            throw reject(RejectReason.PAYLOAD_TOO_LARGE, payload, "payload is " + payload.length + " bytes; at most "
                    + limits.maxPayloadBytes());
        }
        int invalid = Utf8.firstInvalidByte(payload);
        if (invalid >= 0) {
            // before Jackson, whose shared symbol table can read some invalid names as valid ones (see Utf8)
            throw reject(RejectReason.MALFORMED_JSON, payload, "not valid JSON: invalid UTF-8 at byte " + invalid);
        }
        JsonNode root;
        try {
            root = JsonFields.MAPPER.readTree(payload);
        } catch (IOException e) {
            throw reject(RejectReason.MALFORMED_JSON, payload, "not valid JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw reject(RejectReason.MALFORMED_JSON, payload, "not valid JSON: the payload is empty");
        }
        if (!root.isObject()) {
            throw reject(RejectReason.WRONG_TYPE, payload, "the message must be a JSON object");
        }
        JsonNode v = root.get("v");
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() != 1) {
            throw reject(RejectReason.UNSUPPORTED_VERSION, payload, "field 'v' must be 1");
        }
        JsonNode deviceId = root.get("deviceId");
        if (deviceId != null && !deviceId.isNull() && !topic.deviceId().equals(deviceId.asText())) {
            throw reject(RejectReason.DEVICE_MISMATCH, payload, "field 'deviceId' does not match the topic's device");
        }
        return root;
    }

    private DeviceEvent event(JsonNode e, Instant now) throws Invalid {
        if (!e.isObject()) {
            throw new Invalid(RejectReason.WRONG_TYPE, "<entry>: must be an object");
        }
        JsonNode typeNode = e.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new Invalid(RejectReason.MISSING_FIELD, "type: missing");
        }
        DeviceEventType type;
        try {
            type = DeviceEventType.valueOf(typeNode.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw new Invalid(RejectReason.WRONG_TYPE, "type: '" + truncate(typeNode.asText()) + "' is not a known event");
        }
        JsonNode t = e.get("time");
        if (t == null || t.isNull()) {
            throw new Invalid(RejectReason.MISSING_FIELD, "time: missing");
        }
        Instant time = time(t, now);
        Long seq = null;
        JsonNode s = e.get("seq");
        if (s != null && !s.isNull()) {
            if (!s.isIntegralNumber() || !s.canConvertToLong() || s.asLong() < 0) {
                throw new Invalid(RejectReason.WRONG_TYPE, "seq: must be a non-negative integer");
            }
            seq = s.asLong();
        }
        Integer battery = null;
        JsonNode b = e.get("battery");
        if (b != null && !b.isNull()) {
            // canConvertToLong: asLong() would truncate a big integer such as 2^64 + 1 to 1.
            if (!b.isIntegralNumber() || !b.canConvertToLong()) {
                throw new Invalid(RejectReason.WRONG_TYPE, "battery: must be a percentage 0..100");
            }
            battery = FixValidation.battery("battery", b.asLong());
        }
        JsonNode d = e.get("detail");
        String detail = d != null && d.isTextual() ? truncate(d.asText()) : null;
        return new DeviceEvent(seq, time, type, battery, detail);
    }

    /** Epoch milliseconds, checked by the rules fixes use ({@link FixValidation#epochMillis}). */
    private Instant time(JsonNode t, Instant now) throws Invalid {
        if (!t.isIntegralNumber() || !t.canConvertToLong()) {
            throw new Invalid(RejectReason.WRONG_TYPE, "time: must be epoch milliseconds");
        }
        return FixValidation.epochMillis("time", t.asLong(), now, limits);
    }

    private static String truncate(String s) {
        return s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL);
    }

    private static MessageRejectedException reject(RejectReason reason, byte[] payload, String detail) {
        return new MessageRejectedException(new Rejection(reason, detail, payload));
    }
}
