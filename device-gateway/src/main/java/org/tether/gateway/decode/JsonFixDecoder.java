package org.tether.gateway.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.tether.gateway.decode.FixValidation.Invalid;
import org.tether.geofence.fix.Fix;
import org.tether.geofence.fix.PositionSource;
import org.tether.geofence.geo.CoordinateConverter;
import org.tether.geofence.geo.CoordinateSystem;
import org.tether.geofence.geo.GeoPoint;

/**
 * Tether's own fix format, version 1 (see docs/device-integration.md):
 * <pre>{"v":1,"deviceId":"BR-1","fixes":[{"seq":1,"time":1764064800000,"lat":30.27,"lon":120.15,
 *   "crs":"WGS84","accuracy":8,"source":"GNSS","speed":1.2,"heading":90,"altitude":12,
 *   "battery":87,"charging":false}]}</pre>
 * The time window, coordinate ranges, the (0, 0) placeholder, accuracy and battery are checked by
 * {@link FixValidation}, the rules every wire format shares. Stateless and thread-safe.
 */
public final class JsonFixDecoder implements FixDecoder {

    private final DecodeLimits limits;
    private final Clock clock;

    public JsonFixDecoder(DecodeLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public DecodedFixes decode(DeviceTopic topic, byte[] payload) throws MessageRejectedException {
        if (payload.length > limits.maxPayloadBytes()) {
            throw reject(RejectReason.PAYLOAD_TOO_LARGE, payload,
                    "payload is " + payload.length + " bytes; at most " + limits.maxPayloadBytes() + " are accepted");
        }
        int invalid = Utf8.firstInvalidByte(payload);
        if (invalid >= 0) {
            // before Jackson, whose shared symbol table can read some invalid names as valid ones (see Utf8)
            throw reject(RejectReason.MALFORMED_JSON, payload, "not valid JSON: invalid UTF-8 at byte " + invalid);
        }
        JsonNode root;
        try {
            root = JsonFields.MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw reject(RejectReason.MALFORMED_JSON, payload, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw reject(RejectReason.MALFORMED_JSON, payload, "not valid JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw reject(RejectReason.MALFORMED_JSON, payload, "not valid JSON: the payload is empty");
        }
        if (!root.isObject()) {
            throw reject(RejectReason.WRONG_TYPE, payload, "the message must be a JSON object");
        }
        JsonNode v = root.get("v");
        if (v == null) {
            throw reject(RejectReason.MISSING_FIELD, payload, "field 'v' (format version) is missing");
        }
        // canConvertToLong: asLong() would truncate a big integer such as 2^64 + 1 to 1.
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() != 1) {
            throw reject(RejectReason.UNSUPPORTED_VERSION, payload, "field 'v' must be 1, was "
                    + (v.isNumber() && v.toString().length() <= 20 ? v.toString() : "a " + JsonFields.describe(v)));
        }
        JsonNode deviceId = root.get("deviceId");
        if (deviceId != null && !deviceId.isNull()) {
            if (!deviceId.isTextual()) {
                throw reject(RejectReason.WRONG_TYPE, payload, "field 'deviceId' must be a string");
            }
            if (!deviceId.asText().equals(topic.deviceId())) {
                throw reject(RejectReason.DEVICE_MISMATCH, payload,
                        "field 'deviceId' does not match the topic's device '" + topic.deviceId() + "'");
            }
        }
        JsonNode fixes = root.get("fixes");
        if (fixes == null) {
            throw reject(RejectReason.MISSING_FIELD, payload, "field 'fixes' is missing");
        }
        if (!fixes.isArray() || fixes.isEmpty()) {
            throw reject(RejectReason.WRONG_TYPE, payload, "field 'fixes' must be a non-empty array");
        }
        if (fixes.size() > limits.maxFixesPerMessage()) {
            throw reject(RejectReason.BATCH_TOO_LARGE, payload,
                    "'fixes' has " + fixes.size() + " entries; at most " + limits.maxFixesPerMessage() + " per message");
        }
        Instant now = clock.instant();
        List<DeviceFix> accepted = new ArrayList<>(fixes.size());
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < fixes.size(); i++) {
            JsonNode node = fixes.get(i);
            try {
                accepted.add(decodeFix(topic.deviceId(), node, now));
            } catch (Invalid e) {
                rejected.add(new Rejection(e.reason(), "fixes[" + i + "]." + e.getMessage(),
                        node.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return new DecodedFixes(topic.deviceId(), accepted, rejected);
    }

    private DeviceFix decodeFix(String deviceId, JsonNode node, Instant now) throws Invalid {
        if (!node.isObject()) {
            throw new Invalid(RejectReason.WRONG_TYPE, "<entry>: must be an object");
        }
        Instant time = FixValidation.epochMillis("time", JsonFields.requiredLong(node, "time"), now, limits);
        double lat = JsonFields.requiredDouble(node, "lat");
        double lon = JsonFields.requiredDouble(node, "lon");
        GeoPoint reported = FixValidation.position("lat", lat, "lon", lon);
        double accuracy = FixValidation.accuracy("accuracy", JsonFields.requiredDouble(node, "accuracy"));
        CoordinateSystem crs = CoordinateSystem.WGS84;
        String crsText = JsonFields.optionalText(node, "crs");
        if (crsText != null) {
            crs = CoordinateSystem.parse(crsText).orElseThrow(() -> new Invalid(
                    RejectReason.UNKNOWN_COORDINATE_SYSTEM, "crs: '" + crsText + "' is not WGS84, GCJ02, BD09 or CGCS2000"));
        }
        PositionSource source = PositionSource.UNKNOWN;
        String sourceText = JsonFields.optionalText(node, "source");
        if (sourceText != null) {
            source = PositionSource.parse(sourceText).orElseThrow(() -> new Invalid(
                    RejectReason.UNKNOWN_SOURCE, "source: '" + sourceText + "' is not GNSS, WIFI or CELL"));
        }
        Long seq = JsonFields.optionalLong(node, "seq");
        if (seq != null && seq < 0) {
            throw new Invalid(RejectReason.WRONG_TYPE, "seq: must not be negative");
        }
        Double speed = JsonFields.optionalDouble(node, "speed");
        Double heading = JsonFields.optionalDouble(node, "heading");
        Double altitude = JsonFields.optionalDouble(node, "altitude");
        Long batteryValue = JsonFields.optionalLong(node, "battery");
        Integer battery = batteryValue == null ? null : FixValidation.battery("battery", batteryValue);
        Boolean charging = JsonFields.optionalBoolean(node, "charging");

        GeoPoint wgs84 = CoordinateConverter.toWgs84(reported, crs);
        Fix fix = new Fix(deviceId, time, wgs84, accuracy, source);
        return new DeviceFix(fix, seq, reported, crs, speed, heading, altitude, battery, charging);
    }

    private static MessageRejectedException reject(RejectReason reason, byte[] payload, String detail) {
        return new MessageRejectedException(new Rejection(reason, detail, payload));
    }
}
