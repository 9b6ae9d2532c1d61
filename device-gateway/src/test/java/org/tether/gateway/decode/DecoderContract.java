package org.tether.gateway.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tether.geofence.fix.Fix;
import org.tether.geofence.geo.CoordinateConverter;
import org.tether.geofence.geo.GeoPoint;

/**
 * What every decoder promises on any input, as the fuzz tests check it: it returns normally or throws
 * {@link MessageRejectedException} (the fuzz tests let every other exception escape, which Jazzer
 * reports as a finding), and whatever it accepts passes the {@link DecodeLimits}.
 */
public final class DecoderContract {

    /** The server clock of every fuzz test. */
    public static final Instant NOW = Instant.parse("2025-11-25T12:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final DecodeLimits LIMITS = DecodeLimits.defaults();

    /** As strict as the decoders' parsers: what it refuses, no decoder may accept. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private DecoderContract() {}

    /** The function under test: a decoder's method applied to one payload. */
    @FunctionalInterface
    public interface Decode<T> {
        T apply(byte[] payload) throws MessageRejectedException;
    }

    /**
     * Runs {@code decode} on {@code payload}; a {@link MessageRejectedException} must carry a complete
     * rejection of the whole payload. Returns the result, or null when the message was refused.
     */
    public static <T> T decodeOrRefuse(Decode<T> decode, byte[] payload) {
        byte[] copy = payload.clone();
        T result;
        try {
            result = decode.apply(copy);
        } catch (MessageRejectedException e) {
            Rejection r = e.rejection();
            assertNotNull(r, "a refused message carries its rejection");
            assertArrayEquals(payload, r.payload(), "a message rejection carries the whole payload");
            assertEquals(r.reason().code() + ": " + r.detail(), e.getMessage());
            assertEquals(0, e.getStackTrace().length, "rejections are cheap: no stack trace");
            return null;
        }
        assertArrayEquals(payload, copy, "the decoder must not modify the payload");
        return result;
    }

    /** Every accepted fix passes the limits; every refused one has a complete rejection. */
    public static void checkFixes(DeviceTopic topic, DecodedFixes decoded, double maxAccuracy) {
        assertEquals(topic.deviceId(), decoded.deviceId());
        int total = decoded.fixes().size() + decoded.rejections().size();
        assertTrue(total >= 1 && total <= LIMITS.maxFixesPerMessage(), "fixes + rejections = " + total);
        for (DeviceFix f : decoded.fixes()) {
            checkFix(topic, f, maxAccuracy);
        }
        checkRejections(decoded.rejections());
    }

    public static void checkFix(DeviceTopic topic, DeviceFix f, double maxAccuracy) {
        Fix fix = f.fix();
        String what = "accepted " + f;
        assertEquals(topic.deviceId(), fix.deviceId(), what);
        checkTime(fix.time(), what);
        checkPosition(fix.position(), what);
        checkPosition(f.reported(), what);
        assertFalse(f.reported().lat() == 0 && f.reported().lon() == 0, "(0, 0) " + what);
        assertNotNull(f.reportedCrs(), what);
        assertEquals(CoordinateConverter.toWgs84(f.reported(), f.reportedCrs()), fix.position(),
                "the position is the WGS-84 conversion of the reported one: " + what);
        assertTrue(fix.accuracyMeters() > 0 && fix.accuracyMeters() <= maxAccuracy, "accuracy " + what);
        assertNotNull(fix.source(), what);
        if (f.battery() != null) {
            assertTrue(f.battery() >= 0 && f.battery() <= 100, "battery " + what);
        }
        if (f.seq() != null) {
            assertTrue(f.seq() >= 0, "seq " + what);
        }
        // Telemetry is only required to be finite: Tether JSON v1 passes speed and heading through unchecked.
        for (Double d : new Double[] {f.speed(), f.heading(), f.altitude()}) {
            assertTrue(d == null || Double.isFinite(d), "telemetry " + what);
        }
    }

    /** A fix or event time lies in {@code [limits.oldest(), now + limits.maxFutureSkew()]}. */
    public static void checkTime(Instant time, String what) {
        assertNotNull(time, what);
        assertFalse(time.isBefore(LIMITS.oldest()), "time before the oldest: " + what);
        assertFalse(time.isAfter(NOW.plus(LIMITS.maxFutureSkew())), "time in the future: " + what);
    }

    private static void checkPosition(GeoPoint p, String what) {
        assertNotNull(p, what);
        assertTrue(p.lat() >= -90 && p.lat() <= 90, "latitude " + what);
        assertTrue(p.lon() >= -180 && p.lon() <= 180, "longitude " + what);
    }

    public static void checkRejections(List<Rejection> rejections) {
        for (Rejection r : rejections) {
            assertNotNull(r.reason());
            assertNotNull(r.detail());
            assertNotNull(r.payload());
        }
    }

    /** The payload as a strict parser reads it; a decoder that accepted it must be able to. */
    public static JsonNode strictJson(byte[] payload) {
        try {
            return STRICT.readTree(payload);
        } catch (IOException e) {
            throw new AssertionError("accepted although a strict parser refuses it: " + e.getMessage(), e);
        }
    }

    /**
     * The entries of {@code array} that were accepted, in order: every index that no rejection names
     * ({@code prefix + "[" + i + "]."}). Checks that each index is accounted for exactly once.
     */
    public static List<JsonNode> acceptedEntries(JsonNode array, String prefix, List<Rejection> rejections, int accepted) {
        Set<Integer> refused = new HashSet<>();
        for (Rejection r : rejections) {
            assertTrue(r.detail().startsWith(prefix + "["), r.detail());
            int i = Integer.parseInt(r.detail().substring(prefix.length() + 1, r.detail().indexOf(']')));
            assertTrue(i >= 0 && i < array.size() && refused.add(i), "rejection index " + r.detail());
        }
        List<JsonNode> entries = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!refused.contains(i)) {
                entries.add(array.get(i));
            }
        }
        assertEquals(entries.size(), accepted, "accepted + refused entries != entries");
        return entries;
    }

    /**
     * An accepted integer is exactly what the JSON says: no rounding of 1.5, no truncation of
     * 2<sup>64</sup> + 1 to 1. {@code expected} is the entry's field (absent or null when
     * {@code actual} is null).
     */
    public static void assertExactInteger(JsonNode expected, Long actual, String what) {
        if (actual == null) {
            assertTrue(expected == null || expected.isNull(), what + ": dropped " + expected);
            return;
        }
        assertNotNull(expected, what);
        assertTrue(expected.isIntegralNumber(), what + ": accepted " + expected);
        assertEquals(expected.bigIntegerValue(), BigInteger.valueOf(actual), what);
    }
}
