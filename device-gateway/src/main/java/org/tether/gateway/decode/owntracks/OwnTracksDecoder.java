package org.tether.gateway.decode.owntracks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tether.gateway.decode.DecodeLimits;
import org.tether.gateway.decode.DecodedFixes;
import org.tether.gateway.decode.DeviceFix;
import org.tether.gateway.decode.DeviceTopic;
import org.tether.gateway.decode.FixDecoder;
import org.tether.gateway.decode.FixValidation;
import org.tether.gateway.decode.JsonFields;
import org.tether.gateway.decode.FixValidation.Invalid;
import org.tether.gateway.decode.MessageRejectedException;
import org.tether.gateway.decode.RejectReason;
import org.tether.gateway.decode.Rejection;
import org.tether.gateway.decode.Utf8;
import org.tether.geofence.fix.Fix;
import org.tether.geofence.fix.PositionSource;
import org.tether.geofence.geo.CoordinateSystem;
import org.tether.geofence.geo.GeoPoint;

/**
 * Location messages of the open-source OwnTracks app (iOS/Android), so that a stock phone can be a
 * client in pilots. See docs/device-integration-formats.md for the field mapping.
 *
 * <pre>{"_type":"location","tst":1764064800,"lat":30.27,"lon":120.15,"acc":8,"alt":12,"vel":5,
 *  "cog":90,"batt":87,"bs":2,"tid":"ph","conn":"m"}</pre>
 *
 * <ul>
 *   <li>The message is one JSON object, or (HTTP mode, backlogs) a non-empty array of them; each
 *       array element is validated on its own and refused alone ({@code "[3].acc: missing"}).
 *   <li>Only {@code _type "location"} carries a fix. Any other type ({@code lwt}, {@code transition},
 *       {@code waypoint}, {@code card}, {@code status}, {@code cmd}, {@code encrypted}, …) refuses the
 *       message (or that array element) with {@link RejectReason#UNSUPPORTED_MESSAGE_TYPE}.
 *   <li>{@code tst} is epoch <em>seconds</em> (the format's unit); {@code lat}, {@code lon} and
 *       {@code acc} (metres) are required. The app omits {@code acc} when it would be 0, and a fix
 *       without an accuracy cannot be judged against a zone, so a missing {@code acc} is
 *       {@link RejectReason#MISSING_FIELD}.
 *   <li>{@code vel} km/h becomes m/s; {@code cog} is the heading; {@code alt} metres; {@code batt}
 *       percent; {@code bs} 2 (charging) or 3 (full) means charging, 1 (unplugged) not charging,
 *       0 (unknown) null. The app omits {@code vel}, {@code cog} and {@code alt} when zero, so
 *       absent means unknown here. A negative {@code vel} or {@code cog} is the platforms' "invalid"
 *       marker and also becomes null.
 *   <li>Positions are WGS-84 (phone OS location APIs); there is no sequence number; the source is
 *       {@link PositionSource#UNKNOWN} (OwnTracks does not say whether a fix is GNSS, Wi-Fi or cell;
 *       its {@code acc} carries the information that matters).
 *   <li>{@code topic} (HTTP payloads carry the app's publish topic) must, when present, name the
 *       same device as the topic the message arrived on, else {@link RejectReason#DEVICE_MISMATCH}.
 *   <li>{@code created_at}, {@code conn}, {@code m}, {@code t}, {@code tid}, {@code inregions} and
 *       every other field are ignored.
 * </ul>
 *
 * Stateless and thread-safe; never throws an unchecked exception on any bytes.
 */
public final class OwnTracksDecoder implements FixDecoder {

    public static final String LOCATION = "location";

    /** km/h to m/s. */
    private static final double KMH = 3.6;

    private final DecodeLimits limits;
    private final Clock clock;

    public OwnTracksDecoder(DecodeLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
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
        } catch (IOException | RuntimeException e) {
            // RuntimeException: a defence in depth; Jackson reports bad input as JsonProcessingException.
            throw reject(RejectReason.MALFORMED_JSON, payload, "not valid JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw reject(RejectReason.MALFORMED_JSON, payload, "not valid JSON: the payload is empty");
        }
        Instant now = clock.instant();
        if (root.isObject()) {
            checkMessageType(root, payload);
            try {
                DeviceFix fix = decodeLocation(topic.deviceId(), root, now);
                return new DecodedFixes(topic.deviceId(), List.of(fix), List.of());
            } catch (Invalid e) {
                return new DecodedFixes(topic.deviceId(), List.of(),
                        List.of(new Rejection(e.reason(), e.getMessage(), payload)));
            }
        }
        if (!root.isArray()) {
            throw reject(RejectReason.WRONG_TYPE, payload,
                    "an OwnTracks message must be a JSON object or an array of objects");
        }
        if (root.isEmpty()) {
            throw reject(RejectReason.WRONG_TYPE, payload, "the array of locations must not be empty");
        }
        if (root.size() > limits.maxFixesPerMessage()) {
            throw reject(RejectReason.BATCH_TOO_LARGE, payload,
                    "the array has " + root.size() + " entries; at most " + limits.maxFixesPerMessage() + " per message");
        }
        List<DeviceFix> accepted = new ArrayList<>(root.size());
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            try {
                if (!node.isObject()) {
                    throw new Invalid(RejectReason.WRONG_TYPE, "<entry>: must be an object, was " + JsonFields.describe(node));
                }
                checkType(node);
                accepted.add(decodeLocation(topic.deviceId(), node, now));
            } catch (Invalid e) {
                rejected.add(new Rejection(e.reason(), "[" + i + "]." + e.getMessage(),
                        node.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return new DecodedFixes(topic.deviceId(), accepted, rejected);
    }

    /** A single object's {@code _type} must be "location"; otherwise the whole message is refused. */
    private static void checkMessageType(JsonNode root, byte[] payload) throws MessageRejectedException {
        try {
            checkType(root);
        } catch (Invalid e) {
            throw reject(e.reason(), payload, e.getMessage());
        }
    }

    private static void checkType(JsonNode node) throws Invalid {
        JsonNode type = node.get("_type");
        if (type == null || type.isNull()) {
            throw new Invalid(RejectReason.MISSING_FIELD, "_type: missing");
        }
        if (!type.isTextual()) {
            throw new Invalid(RejectReason.WRONG_TYPE, "_type: must be a string, was " + JsonFields.describe(type));
        }
        if (!LOCATION.equals(type.asText())) {
            String shown = quoteForDetail(type.asText());
            String hint = "encrypted".equals(type.asText())
                    ? " (payload encryption is not supported: turn off the app's encryption key)" : "";
            throw new Invalid(RejectReason.UNSUPPORTED_MESSAGE_TYPE, "_type: OwnTracks _type " + shown + " is not a location" + hint);
        }
    }

    private DeviceFix decodeLocation(String deviceId, JsonNode node, Instant now) throws Invalid {
        String claimedTopic = JsonFields.optionalText(node, "topic");
        if (claimedTopic != null) {
            Optional<String> claimed = OwnTracksTopic.parse(claimedTopic).map(DeviceTopic::deviceId);
            if (claimed.isEmpty() || !claimed.get().equals(deviceId)) {
                throw new Invalid(RejectReason.DEVICE_MISMATCH,
                        "topic: does not name the device '" + deviceId + "' of the topic the message arrived on");
            }
        }
        Instant time = FixValidation.epochSeconds("tst", JsonFields.requiredLong(node, "tst"), now, limits);
        GeoPoint position = FixValidation.position("lat", requiredDouble(node, "lat"), "lon", requiredDouble(node, "lon"));
        double accuracy = FixValidation.accuracy("acc", requiredDouble(node, "acc"));

        Long batt = JsonFields.optionalLong(node, "batt");
        Integer battery = batt == null ? null : FixValidation.battery("batt", batt);
        Boolean charging = charging(JsonFields.optionalLong(node, "bs"));
        Double vel = JsonFields.optionalDouble(node, "vel");
        Double speed = vel == null || vel < 0 ? null : vel / KMH;
        Double cog = JsonFields.optionalDouble(node, "cog");
        Double heading = cog == null || cog < 0 ? null : cog;
        Double altitude = JsonFields.optionalDouble(node, "alt");

        Fix fix = new Fix(deviceId, time, position, accuracy, PositionSource.UNKNOWN);
        return new DeviceFix(fix, null, position, CoordinateSystem.WGS84, speed, heading, altitude, battery, charging);
    }

    /** OwnTracks {@code bs}: 0 unknown, 1 unplugged, 2 charging, 3 full (on the charger). */
    private static Boolean charging(Long bs) throws Invalid {
        if (bs == null) {
            return null;
        }
        return switch (bs.intValue() == bs ? bs.intValue() : -1) {
            case 0 -> null;
            case 1 -> Boolean.FALSE;
            case 2, 3 -> Boolean.TRUE;
            default -> throw new Invalid(RejectReason.WRONG_TYPE,
                    "bs: must be 0 (unknown), 1 (unplugged), 2 (charging) or 3 (full), was " + bs);
        };
    }

    private static double requiredDouble(JsonNode node, String field) throws Invalid {
        Double value = JsonFields.optionalDouble(node, field);
        if (value == null) {
            String hint = "acc".equals(field) ? " (a fix without an accuracy radius cannot be used)" : "";
            throw new Invalid(RejectReason.MISSING_FIELD, field + ": missing" + hint);
        }
        return value;
    }

    /** A sender-chosen string made safe for a log line: printable ASCII only, at most 32 characters. */
    private static String quoteForDetail(String text) {
        StringBuilder sb = new StringBuilder("'");
        int n = Math.min(text.length(), 32);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.append(text.length() > 32 ? "…'" : "'").toString();
    }

    private static MessageRejectedException reject(RejectReason reason, byte[] payload, String detail) {
        return new MessageRejectedException(new Rejection(reason, detail, payload));
    }
}
