package org.tether.gateway.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * Stateless and thread-safe.
 */
public final class JsonFixDecoder implements FixDecoder {

    /** Below this a "millisecond" timestamp is before 1973: almost surely seconds sent by mistake. */
    private static final long SMALLEST_MILLIS = 100_000_000_000L;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // Otherwise "{...} garbage" or two concatenated messages would decode as the first
            // object alone, silently dropping the rest.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

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
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
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
                    + (v.isNumber() && v.toString().length() <= 20 ? v.toString() : "a " + describe(v)));
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
            } catch (FieldException e) {
                rejected.add(new Rejection(e.reason, "fixes[" + i + "]." + e.getMessage(),
                        node.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return new DecodedFixes(topic.deviceId(), accepted, rejected);
    }

    private DeviceFix decodeFix(String deviceId, JsonNode node, Instant now) throws FieldException {
        if (!node.isObject()) {
            throw new FieldException(RejectReason.WRONG_TYPE, "<entry>: must be an object");
        }
        long millis = requiredLong(node, "time");
        Instant time = checkTime(millis, now);
        double lat = requiredDouble(node, "lat");
        double lon = requiredDouble(node, "lon");
        if (lat < -90 || lat > 90) {
            throw new FieldException(RejectReason.COORDINATE_OUT_OF_RANGE, "lat: " + lat + " is outside [-90, 90]");
        }
        if (lon < -180 || lon > 180) {
            throw new FieldException(RejectReason.COORDINATE_OUT_OF_RANGE, "lon: " + lon + " is outside [-180, 180]");
        }
        if (lat == 0 && lon == 0) {
            // Many devices send (0, 0) when they have no fix; nobody supervised here is in the Gulf of Guinea.
            throw new FieldException(RejectReason.COORDINATE_OUT_OF_RANGE, "lat/lon: (0, 0) is a no-fix placeholder");
        }
        double accuracy = requiredDouble(node, "accuracy");
        if (!(accuracy > 0) || accuracy > 100_000) {
            throw new FieldException(RejectReason.INVALID_ACCURACY, "accuracy: must be in (0, 100000] metres, was " + accuracy);
        }
        CoordinateSystem crs = CoordinateSystem.WGS84;
        String crsText = optionalText(node, "crs");
        if (crsText != null) {
            crs = CoordinateSystem.parse(crsText).orElseThrow(() -> new FieldException(
                    RejectReason.UNKNOWN_COORDINATE_SYSTEM, "crs: '" + crsText + "' is not WGS84, GCJ02, BD09 or CGCS2000"));
        }
        PositionSource source = PositionSource.UNKNOWN;
        String sourceText = optionalText(node, "source");
        if (sourceText != null) {
            source = PositionSource.parse(sourceText).orElseThrow(() -> new FieldException(
                    RejectReason.UNKNOWN_SOURCE, "source: '" + sourceText + "' is not GNSS, WIFI or CELL"));
        }
        Long seq = optionalLong(node, "seq");
        if (seq != null && seq < 0) {
            throw new FieldException(RejectReason.WRONG_TYPE, "seq: must not be negative");
        }
        Double speed = optionalDouble(node, "speed");
        Double heading = optionalDouble(node, "heading");
        Double altitude = optionalDouble(node, "altitude");
        Long battery = optionalLong(node, "battery");
        if (battery != null && (battery < 0 || battery > 100)) {
            throw new FieldException(RejectReason.WRONG_TYPE, "battery: must be a percentage 0..100, was " + battery);
        }
        Boolean charging = optionalBoolean(node, "charging");

        GeoPoint reported = new GeoPoint(lat, lon);
        GeoPoint wgs84 = CoordinateConverter.toWgs84(reported, crs);
        Fix fix = new Fix(deviceId, time, wgs84, accuracy, source);
        return new DeviceFix(fix, seq, reported, crs, speed, heading, altitude,
                battery == null ? null : battery.intValue(), charging);
    }

    private Instant checkTime(long millis, Instant now) throws FieldException {
        if (millis > 0 && millis < SMALLEST_MILLIS && millis * 1000 >= limits.oldest().toEpochMilli()) {
            throw new FieldException(RejectReason.TIMESTAMP_IN_SECONDS,
                    "time: " + millis + " looks like seconds; send epoch milliseconds");
        }
        Instant time = Instant.ofEpochMilli(millis);
        if (time.isBefore(limits.oldest())) {
            throw new FieldException(RejectReason.TIMESTAMP_OUT_OF_RANGE, "time: " + time + " is before " + limits.oldest());
        }
        if (time.isAfter(now.plus(limits.maxFutureSkew()))) {
            throw new FieldException(RejectReason.TIMESTAMP_OUT_OF_RANGE,
                    "time: " + time + " is more than " + limits.maxFutureSkew() + " ahead of the server clock");
        }
        return time;
    }

    private static long requiredLong(JsonNode node, String field) throws FieldException {
        Long value = optionalLong(node, field);
        if (value == null) {
            throw new FieldException(RejectReason.MISSING_FIELD, field + ": missing");
        }
        return value;
    }

    private static Long optionalLong(JsonNode node, String field) throws FieldException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new FieldException(RejectReason.WRONG_TYPE, field + ": must be an integer, was " + describe(v));
        }
        return v.asLong();
    }

    private static double requiredDouble(JsonNode node, String field) throws FieldException {
        Double value = optionalDouble(node, field);
        if (value == null) {
            throw new FieldException(RejectReason.MISSING_FIELD, field + ": missing");
        }
        return value;
    }

    private static Double optionalDouble(JsonNode node, String field) throws FieldException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new FieldException(RejectReason.WRONG_TYPE, field + ": must be a number, was " + describe(v));
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            throw new FieldException(RejectReason.WRONG_TYPE, field + ": must be a finite number");
        }
        return d;
    }

    private static String optionalText(JsonNode node, String field) throws FieldException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new FieldException(RejectReason.WRONG_TYPE, field + ": must be a string, was " + describe(v));
        }
        return v.asText();
    }

    private static Boolean optionalBoolean(JsonNode node, String field) throws FieldException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new FieldException(RejectReason.WRONG_TYPE, field + ": must be true or false, was " + describe(v));
        }
        return v.asBoolean();
    }

    private static String describe(JsonNode v) {
        return v.getNodeType().name().toLowerCase();
    }

    private static MessageRejectedException reject(RejectReason reason, byte[] payload, String detail) {
        return new MessageRejectedException(new Rejection(reason, detail, payload));
    }

    /** A problem with one field of one fix; cheap (no stack trace), it is control flow on bad input. */
    private static final class FieldException extends Exception {
        private final RejectReason reason;

        FieldException(RejectReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }
}
