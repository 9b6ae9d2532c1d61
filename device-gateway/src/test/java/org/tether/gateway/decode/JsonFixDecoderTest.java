package org.tether.gateway.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tether.geofence.fix.Fix;
import org.tether.geofence.fix.PositionSource;
import org.tether.geofence.geo.CoordinateConverter;
import org.tether.geofence.geo.CoordinateSystem;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.geo.Geodesy;

class JsonFixDecoderTest {

    /** The server clock in every test: 2025-11-25T12:00:00Z. */
    private static final Instant NOW = Instant.parse("2025-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** 2025-11-25T10:00:00Z, two hours before {@link #NOW}. */
    private static final long TIME = 1_764_064_800_000L;
    private static final Instant TIME_INSTANT = Instant.parse("2025-11-25T10:00:00Z");

    private static final DeviceTopic TOPIC = new DeviceTopic("BR-1", DeviceTopic.Channel.FIXES);

    /** Hangzhou, West Lake, as AMap (GCJ-02) would report it. */
    private static final double HZ_LAT = 30.2590;
    private static final double HZ_LON = 120.1388;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonFixDecoder decoder = new JsonFixDecoder(DecodeLimits.defaults(), CLOCK);

    // ---------------------------------------------------------------------------------------------
    // helpers

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A fix with the four required fields only. */
    private static ObjectNode minimalFix() {
        ObjectNode fix = NODES.objectNode();
        fix.put("time", TIME);
        fix.put("lat", 30.27);
        fix.put("lon", 120.15);
        fix.put("accuracy", 8);
        return fix;
    }

    /** A fix with every field of the v1 format. */
    private static ObjectNode fullFix() {
        ObjectNode fix = NODES.objectNode();
        fix.put("seq", 42);
        fix.put("time", TIME);
        fix.put("lat", 30.27);
        fix.put("lon", 120.15);
        fix.put("crs", "WGS84");
        fix.put("accuracy", 8);
        fix.put("source", "GNSS");
        fix.put("speed", 1.2);
        fix.put("heading", 90);
        fix.put("altitude", 12);
        fix.put("battery", 87);
        fix.put("charging", false);
        return fix;
    }

    private static ObjectNode message(JsonNode... fixes) {
        ObjectNode root = NODES.objectNode();
        root.put("v", 1);
        root.put("deviceId", "BR-1");
        ArrayNode array = root.putArray("fixes");
        for (JsonNode fix : fixes) {
            array.add(fix);
        }
        return root;
    }

    private static byte[] bytes(JsonNode node) {
        return utf8(node.toString());
    }

    private DecodedFixes decode(JsonNode message) throws MessageRejectedException {
        return decoder.decode(TOPIC, bytes(message));
    }

    private DecodedFixes decode(String message) throws MessageRejectedException {
        return decoder.decode(TOPIC, utf8(message));
    }

    /** Decodes a message with the one fix {@code fix} and returns that fix's rejection. */
    private Rejection rejectFix(JsonNode fix) throws MessageRejectedException {
        return rejectFixOf(decode(message(fix)));
    }

    private static Rejection rejectFixOf(DecodedFixes decoded) {
        assertEquals(List.of(), decoded.fixes(), "expected the fix to be refused");
        assertEquals(1, decoded.rejections().size());
        Rejection r = decoded.rejections().get(0);
        assertTrue(r.detail().startsWith("fixes[0]."), r.detail());
        return r;
    }

    /** Decodes the only fix of the message, which must be accepted. */
    private DeviceFix acceptOne(JsonNode fix) throws MessageRejectedException {
        DecodedFixes decoded = decode(message(fix));
        assertEquals(List.of(), decoded.rejections(), "expected the fix to be accepted");
        assertEquals(1, decoded.fixes().size());
        return decoded.fixes().get(0);
    }

    private Rejection rejectMessage(byte[] payload) {
        MessageRejectedException e = assertThrows(MessageRejectedException.class, () -> decoder.decode(TOPIC, payload));
        Rejection r = e.rejection();
        assertNotNull(r);
        assertArrayEquals(payload, r.payload(), "a message rejection carries the whole message");
        assertEquals(r.reason().code() + ": " + r.detail(), e.getMessage());
        return r;
    }

    private Rejection rejectMessage(String payload) {
        return rejectMessage(utf8(payload));
    }

    private Rejection rejectMessage(JsonNode payload) {
        return rejectMessage(bytes(payload));
    }

    /** Sets {@code field} of a fresh minimal fix to the raw JSON {@code rawValue}. */
    private static String minimalFixWithRaw(String field, String rawValue) {
        ObjectNode fix = minimalFix();
        fix.remove(field);
        fix.put(field, "@@PLACEHOLDER@@");
        return fix.toString().replace("\"@@PLACEHOLDER@@\"", rawValue);
    }

    private static String messageWithRawFix(String rawFix) {
        return "{\"v\":1,\"deviceId\":\"BR-1\",\"fixes\":[" + rawFix + "]}";
    }

    // ---------------------------------------------------------------------------------------------
    // valid input

    @Nested
    class ValidInput {

        @Test
        void fullFixDecodesEveryField() throws Exception {
            DecodedFixes decoded = decode(message(fullFix()));

            assertEquals("BR-1", decoded.deviceId());
            assertEquals(List.of(), decoded.rejections());
            assertEquals(1, decoded.fixes().size());
            DeviceFix f = decoded.fixes().get(0);

            Fix fix = f.fix();
            assertEquals("BR-1", fix.deviceId());
            assertEquals(TIME_INSTANT, fix.time());
            assertEquals(new GeoPoint(30.27, 120.15), fix.position());
            assertEquals(8.0, fix.accuracyMeters());
            assertEquals(PositionSource.GNSS, fix.source());

            assertEquals(42L, f.seq());
            assertEquals(new GeoPoint(30.27, 120.15), f.reported());
            assertEquals(CoordinateSystem.WGS84, f.reportedCrs());
            assertEquals(1.2, f.speed());
            assertEquals(90.0, f.heading());
            assertEquals(12.0, f.altitude());
            assertEquals(87, f.battery());
            assertEquals(Boolean.FALSE, f.charging());
        }

        @Test
        void fullFixMatchesTheDocumentedExampleText() throws Exception {
            // The example in JsonFixDecoder's Javadoc, byte for byte.
            String text = "{\"v\":1,\"deviceId\":\"BR-1\",\"fixes\":[{\"seq\":1,\"time\":1764064800000,\"lat\":30.27,"
                    + "\"lon\":120.15,\"crs\":\"WGS84\",\"accuracy\":8,\"source\":\"GNSS\",\"speed\":1.2,\"heading\":90,"
                    + "\"altitude\":12,\"battery\":87,\"charging\":false}]}";

            DecodedFixes decoded = decode(text);

            assertEquals(1, decoded.fixes().size());
            assertEquals(List.of(), decoded.rejections());
            DeviceFix f = decoded.fixes().get(0);
            assertEquals(new DeviceFix(new Fix("BR-1", TIME_INSTANT, new GeoPoint(30.27, 120.15), 8.0, PositionSource.GNSS),
                    1L, new GeoPoint(30.27, 120.15), CoordinateSystem.WGS84, 1.2, 90.0, 12.0, 87, false), f);
        }

        @Test
        void chargingTrueIsKept() throws Exception {
            ObjectNode fix = fullFix();
            fix.put("charging", true);

            assertEquals(Boolean.TRUE, acceptOne(fix).charging());
        }

        @Test
        void minimalFixGetsDefaults() throws Exception {
            DeviceFix f = acceptOne(minimalFix());

            assertEquals(CoordinateSystem.WGS84, f.reportedCrs());
            assertEquals(PositionSource.UNKNOWN, f.fix().source());
            assertEquals(new GeoPoint(30.27, 120.15), f.fix().position());
            assertEquals(new GeoPoint(30.27, 120.15), f.reported());
            assertEquals(TIME_INSTANT, f.fix().time());
            assertEquals(8.0, f.fix().accuracyMeters());
            assertNull(f.seq());
            assertNull(f.speed());
            assertNull(f.heading());
            assertNull(f.altitude());
            assertNull(f.battery());
            assertNull(f.charging());
        }

        @Test
        void explicitNullOptionalFieldsAreTreatedAsAbsent() throws Exception {
            ObjectNode fix = minimalFix();
            for (String field : List.of("seq", "crs", "source", "speed", "heading", "altitude", "battery", "charging")) {
                fix.putNull(field);
            }

            DeviceFix f = acceptOne(fix);

            assertEquals(CoordinateSystem.WGS84, f.reportedCrs());
            assertEquals(PositionSource.UNKNOWN, f.fix().source());
            assertNull(f.seq());
            assertNull(f.speed());
            assertNull(f.battery());
            assertNull(f.charging());
        }

        @Test
        void deviceIdMayBeOmittedOrNull() throws Exception {
            ObjectNode withoutId = message(minimalFix());
            withoutId.remove("deviceId");
            ObjectNode nullId = message(minimalFix());
            nullId.putNull("deviceId");

            assertEquals("BR-1", decode(withoutId).deviceId());
            assertEquals(1, decode(withoutId).fixes().size());
            assertEquals(1, decode(nullId).fixes().size());
        }

        @Test
        void deviceIdOfTheResultIsTheTopicsNotThePayloads() throws Exception {
            DeviceTopic other = new DeviceTopic("phone-9", DeviceTopic.Channel.FIXES);
            ObjectNode msg = message(minimalFix());
            msg.remove("deviceId");

            DecodedFixes decoded = decoder.decode(other, bytes(msg));

            assertEquals("phone-9", decoded.deviceId());
            assertEquals("phone-9", decoded.fixes().get(0).fix().deviceId());
        }

        @Test
        void unknownFieldsAreIgnored() throws Exception {
            ObjectNode msg = message(minimalFix());
            msg.put("firmware", "1.2.3");
            ((ObjectNode) msg.get("fixes").get(0)).putObject("extra").put("satellites", 9);

            assertEquals(1, decode(msg).fixes().size());
        }

        @Test
        void gcj02FixIsConvertedToWgs84AndTheReportedPositionKept() throws Exception {
            ObjectNode fix = minimalFix();
            fix.put("lat", HZ_LAT);
            fix.put("lon", HZ_LON);
            fix.put("crs", "GCJ02");

            DeviceFix f = acceptOne(fix);

            GeoPoint reported = new GeoPoint(HZ_LAT, HZ_LON);
            GeoPoint expected = CoordinateConverter.toWgs84(reported, CoordinateSystem.GCJ02);
            assertEquals(expected, f.fix().position());
            assertEquals(reported, f.reported());
            assertEquals(CoordinateSystem.GCJ02, f.reportedCrs());
            double shift = Geodesy.distanceMeters(reported, f.fix().position());
            assertTrue(shift >= 100 && shift <= 700, "GCJ-02 offset in Hangzhou should be a few hundred metres: " + shift);
            // and it really is the inverse: converting back lands on the reported point (< 1 cm)
            GeoPoint back = CoordinateConverter.fromWgs84(f.fix().position(), CoordinateSystem.GCJ02);
            assertTrue(Geodesy.distanceMeters(reported, back) < 0.01);
        }

        @Test
        void bd09FixIsConvertedToWgs84() throws Exception {
            ObjectNode fix = minimalFix();
            fix.put("lat", HZ_LAT);
            fix.put("lon", HZ_LON);
            fix.put("crs", "bd09ll");

            DeviceFix f = acceptOne(fix);

            GeoPoint reported = new GeoPoint(HZ_LAT, HZ_LON);
            assertEquals(CoordinateConverter.toWgs84(reported, CoordinateSystem.BD09), f.fix().position());
            assertEquals(reported, f.reported());
            assertEquals(CoordinateSystem.BD09, f.reportedCrs());
            double shift = Geodesy.distanceMeters(reported, f.fix().position());
            assertTrue(shift >= 500 && shift <= 1500, "BD-09 offset in Hangzhou should be roughly a kilometre: " + shift);
        }

        @Test
        void cgcs2000IsTakenAsWgs84() throws Exception {
            ObjectNode fix = minimalFix();
            fix.put("lat", HZ_LAT);
            fix.put("lon", HZ_LON);
            fix.put("crs", "CGCS2000");

            DeviceFix f = acceptOne(fix);

            assertEquals(new GeoPoint(HZ_LAT, HZ_LON), f.fix().position());
            assertEquals(CoordinateSystem.CGCS2000, f.reportedCrs());
        }

        @ParameterizedTest
        @CsvSource({"wgs-84,WGS84", "gcj-02,GCJ02", "GCJ_02,GCJ02", "baidu,BD09", "EPSG:4326,WGS84"})
        void crsNamesAreForgiving(String wire, CoordinateSystem expected) throws Exception {
            ObjectNode fix = minimalFix();
            fix.put("crs", wire);

            assertEquals(expected, acceptOne(fix).reportedCrs());
        }

        @ParameterizedTest
        @CsvSource({"GNSS,GNSS", "gps,GNSS", "BeiDou,GNSS", "wifi,WIFI", "WLAN,WIFI", "CELL,CELL", "lbs,CELL",
                "unknown,UNKNOWN"})
        void sourceAliases(String wire, PositionSource expected) throws Exception {
            ObjectNode fix = minimalFix();
            fix.put("source", wire);

            assertEquals(expected, acceptOne(fix).fix().source());
        }

        @Test
        void batchKeepsOrder() throws Exception {
            List<JsonNode> fixes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ObjectNode fix = minimalFix();
                fix.put("seq", i);
                fix.put("time", TIME + i * 1000L);
                fixes.add(fix);
            }

            DecodedFixes decoded = decode(message(fixes.toArray(JsonNode[]::new)));

            assertEquals(5, decoded.fixes().size());
            for (int i = 0; i < 5; i++) {
                assertEquals((long) i, decoded.fixes().get(i).seq());
                assertEquals(TIME_INSTANT.plusSeconds(i), decoded.fixes().get(i).fix().time());
            }
        }

        @Test
        void resultListsAreImmutable() throws Exception {
            DecodedFixes decoded = decode(message(minimalFix()));

            assertThrows(UnsupportedOperationException.class, () -> decoded.fixes().clear());
            assertThrows(UnsupportedOperationException.class, () -> decoded.rejections().clear());
        }

        @Test
        void surroundingWhitespaceIsAllowed() throws Exception {
            assertEquals(1, decode("\n  " + message(minimalFix()) + " \r\n\t").fixes().size());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // batches with a bad fix

    @Nested
    class PartialBatches {

        @Test
        void badFixInTheMiddleIsRefusedAlone() throws Exception {
            ObjectNode first = minimalFix();
            first.put("seq", 1);
            ObjectNode bad = minimalFix();
            bad.put("seq", 2);
            bad.put("lat", 91);
            bad.put("note", "marker-of-the-bad-fix");
            ObjectNode third = minimalFix();
            third.put("seq", 3);
            third.put("time", TIME + 1000);

            DecodedFixes decoded = decode(message(first, bad, third));

            assertEquals(2, decoded.fixes().size());
            assertEquals(1L, decoded.fixes().get(0).seq());
            assertEquals(3L, decoded.fixes().get(1).seq());
            assertEquals(1, decoded.rejections().size());
            Rejection r = decoded.rejections().get(0);
            assertEquals(RejectReason.COORDINATE_OUT_OF_RANGE, r.reason());
            assertTrue(r.detail().startsWith("fixes[1]."), r.detail());
            // the payload is that fix alone, as JSON
            JsonNode payload = JSON.readTree(r.payload());
            assertEquals(bad, payload);
            String text = new String(r.payload(), StandardCharsets.UTF_8);
            assertFalse(text.contains("\"fixes\""), text);
        }

        @Test
        void everyBadFixGetsItsOwnIndexedRejection() throws Exception {
            ObjectNode noTime = minimalFix();
            noTime.remove("time");
            ObjectNode badAccuracy = minimalFix();
            badAccuracy.put("accuracy", 0);

            DecodedFixes decoded = decode(message(noTime, minimalFix(), badAccuracy));

            assertEquals(1, decoded.fixes().size());
            assertEquals(2, decoded.rejections().size());
            assertEquals(RejectReason.MISSING_FIELD, decoded.rejections().get(0).reason());
            assertTrue(decoded.rejections().get(0).detail().startsWith("fixes[0].time"),
                    decoded.rejections().get(0).detail());
            assertEquals(RejectReason.INVALID_ACCURACY, decoded.rejections().get(1).reason());
            assertTrue(decoded.rejections().get(1).detail().startsWith("fixes[2].accuracy"),
                    decoded.rejections().get(1).detail());
        }

        @Test
        void allFixesBadStillReturnsRatherThanRejectingTheMessage() throws Exception {
            ObjectNode a = minimalFix();
            a.put("lat", 100);
            ObjectNode b = minimalFix();
            b.put("lon", 200);

            DecodedFixes decoded = decode(message(a, b));

            assertEquals(List.of(), decoded.fixes());
            assertEquals(2, decoded.rejections().size());
        }

        @ParameterizedTest
        @ValueSource(strings = {"5", "\"fix\"", "null", "[]", "true"})
        void entryThatIsNotAnObjectIsAWrongType(String raw) throws Exception {
            DecodedFixes decoded = decode("{\"v\":1,\"fixes\":[" + minimalFix() + "," + raw + "]}");

            assertEquals(1, decoded.fixes().size());
            assertEquals(1, decoded.rejections().size());
            Rejection r = decoded.rejections().get(0);
            assertEquals(RejectReason.WRONG_TYPE, r.reason());
            assertTrue(r.detail().startsWith("fixes[1]."), r.detail());
            assertEquals(JSON.readTree(raw), JSON.readTree(r.payload()));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // whole-message rejections

    @Nested
    class MessageRejections {

        @Test
        void payloadLargerThanTheLimitIsRefusedBeforeParsing() {
            // not even JSON: proves the size check comes first
            byte[] big = new byte[256 * 1024 + 1];
            java.util.Arrays.fill(big, (byte) 'x');

            Rejection r = rejectMessage(big);

            assertEquals(RejectReason.PAYLOAD_TOO_LARGE, r.reason());
        }

        @Test
        void payloadExactlyAtTheLimitIsParsed() throws Exception {
            byte[] msg = bytes(message(minimalFix()));
            DecodeLimits d = DecodeLimits.defaults();
            JsonFixDecoder exact = new JsonFixDecoder(
                    new DecodeLimits(msg.length, d.maxFixesPerMessage(), d.maxFutureSkew(), d.oldest()), CLOCK);
            JsonFixDecoder oneShort = new JsonFixDecoder(
                    new DecodeLimits(msg.length - 1, d.maxFixesPerMessage(), d.maxFutureSkew(), d.oldest()), CLOCK);

            assertEquals(1, exact.decode(TOPIC, msg).fixes().size());
            MessageRejectedException e = assertThrows(MessageRejectedException.class, () -> oneShort.decode(TOPIC, msg));
            assertEquals(RejectReason.PAYLOAD_TOO_LARGE, e.rejection().reason());
        }

        @ParameterizedTest
        @ValueSource(strings = {"hello", "{", "{\"v\":1,", "{\"v\":1,\"fixes\":[}", "{v:1}", "{'v':1}",
                "\u00ff\u00fe", "{\"v\":1}}", "{\"v\":1,\"fixes\":[],}"})
        void notJsonIsMalformed(String text) {
            assertEquals(RejectReason.MALFORMED_JSON, rejectMessage(text).reason());
        }

        @Test
        void invalidUtf8IsMalformed() {
            byte[] payload = {'{', '"', 'v', '"', ':', '1', ',', '"', 'x', '"', ':', '"', (byte) 0xC3, '"', '}'};

            assertEquals(RejectReason.MALFORMED_JSON, rejectMessage(payload).reason());
        }

        @Test
        void emptyPayloadIsMalformed() {
            // Was WRONG_TYPE ("the message must be a JSON object") before the fix: Jackson returns a
            // MissingNode for empty content.
            assertEquals(RejectReason.MALFORMED_JSON, rejectMessage(new byte[0]).reason());
            assertEquals(RejectReason.MALFORMED_JSON, rejectMessage(" \n\t ").reason());
        }

        @Test
        void trailingContentAfterTheObjectIsMalformed() {
            // Was accepted before the fix: the first object decoded and the rest silently dropped.
            String one = message(minimalFix()).toString();

            assertEquals(RejectReason.MALFORMED_JSON, rejectMessage(one + " garbage").reason());
            assertEquals(RejectReason.MALFORMED_JSON, rejectMessage(one + one).reason());
            assertEquals(RejectReason.MALFORMED_JSON, rejectMessage(one + "]").reason());
            assertEquals(RejectReason.MALFORMED_JSON, rejectMessage(one + "1").reason());
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "[{\"v\":1}]", "\"text\"", "42", "true", "null"})
        void rootThatIsNotAnObjectIsAWrongType(String text) {
            assertEquals(RejectReason.WRONG_TYPE, rejectMessage(text).reason());
        }

        @Test
        void jsonArrayRootIsAWrongType() {
            ArrayNode array = NODES.arrayNode().add(message(minimalFix()));

            Rejection r = rejectMessage(array);

            assertEquals(RejectReason.WRONG_TYPE, r.reason());
        }

        @Test
        void missingVersionIsAMissingField() {
            ObjectNode msg = message(minimalFix());
            msg.remove("v");

            assertEquals(RejectReason.MISSING_FIELD, rejectMessage(msg).reason());
        }

        @ParameterizedTest
        @ValueSource(strings = {"2", "0", "-1", "1.0", "1.5", "\"1\"", "null", "true", "[1]", "{\"major\":1}",
                // 2^64 + 1: its low 64 bits are 1; accepted as version 1 before the fix
                "18446744073709551617"})
        void versionOtherThanIntegerOneIsUnsupported(String raw) {
            String text = "{\"v\":" + raw + ",\"fixes\":[" + minimalFix() + "]}";

            assertEquals(RejectReason.UNSUPPORTED_VERSION, rejectMessage(text).reason());
        }

        @Test
        void deviceIdThatDoesNotMatchTheTopicIsAMismatch() {
            ObjectNode msg = message(minimalFix());
            msg.put("deviceId", "BR-2");

            Rejection r = rejectMessage(msg);

            assertEquals(RejectReason.DEVICE_MISMATCH, r.reason());
        }

        @ParameterizedTest
        @ValueSource(strings = {"br-1", "BR-1 ", "", "BR-10"})
        void deviceIdComparisonIsExact(String id) {
            ObjectNode msg = message(minimalFix());
            msg.put("deviceId", id);

            assertEquals(RejectReason.DEVICE_MISMATCH, rejectMessage(msg).reason());
        }

        @Test
        void deviceIdThatIsNotAStringIsAWrongType() {
            ObjectNode msg = message(minimalFix());
            msg.put("deviceId", 1);

            assertEquals(RejectReason.WRONG_TYPE, rejectMessage(msg).reason());
        }

        @Test
        void missingFixesIsAMissingField() {
            ObjectNode msg = message();
            msg.remove("fixes");

            assertEquals(RejectReason.MISSING_FIELD, rejectMessage(msg).reason());
        }

        @Test
        void emptyFixesIsAWrongType() {
            assertEquals(RejectReason.WRONG_TYPE, rejectMessage(message()).reason());
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "null", "\"[]\"", "1", "{\"0\":{}}"})
        void fixesThatIsNotAnArrayIsAWrongType(String raw) {
            assertEquals(RejectReason.WRONG_TYPE, rejectMessage("{\"v\":1,\"fixes\":" + raw + "}").reason());
        }

        @Test
        void tooManyFixesIsABatchTooLarge() {
            JsonNode[] fixes = new JsonNode[501];
            for (int i = 0; i < fixes.length; i++) {
                fixes[i] = minimalFix();
            }

            Rejection r = rejectMessage(message(fixes));

            assertEquals(RejectReason.BATCH_TOO_LARGE, r.reason());
        }

        @Test
        void exactlyTheMaximumNumberOfFixesIsAccepted() throws Exception {
            JsonNode[] fixes = new JsonNode[500];
            for (int i = 0; i < fixes.length; i++) {
                ObjectNode fix = minimalFix();
                fix.put("seq", i);
                fixes[i] = fix;
            }

            DecodedFixes decoded = decode(message(fixes));

            assertEquals(500, decoded.fixes().size());
            assertEquals(List.of(), decoded.rejections());
        }

        @Test
        void duplicateKeysAreMalformed() {
            String text = "{\"v\":1,\"deviceId\":\"BR-1\",\"deviceId\":\"BR-1\",\"fixes\":[" + minimalFix() + "]}";

            assertEquals(RejectReason.MALFORMED_JSON, rejectMessage(text).reason());
        }

        @Test
        void duplicateKeysInsideAFixAreMalformed() {
            // A second "lat" could otherwise silently move the person.
            String fix = "{\"time\":" + TIME + ",\"lat\":30.27,\"lon\":120.15,\"lat\":31.0,\"accuracy\":8}";

            assertEquals(RejectReason.MALFORMED_JSON, rejectMessage(messageWithRawFix(fix)).reason());
        }

        @ParameterizedTest
        @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "+1", "01", ".5", "0x10"})
        void nonStandardNumbersAreMalformed(String raw) {
            assertEquals(RejectReason.MALFORMED_JSON, rejectMessage(messageWithRawFix(minimalFixWithRaw("lat", raw))).reason());
        }

        @Test
        void numberLongerThanTheParserAllowsIsMalformedNotAnException() {
            String raw = "9".repeat(2000);

            assertEquals(RejectReason.MALFORMED_JSON, rejectMessage(messageWithRawFix(minimalFixWithRaw("time", raw))).reason());
        }

        @Test
        void deeplyNestedInputIsMalformedNotAStackOverflow() {
            assertEquals(RejectReason.MALFORMED_JSON, rejectMessage("[".repeat(100_000)).reason());
            assertEquals(RejectReason.MALFORMED_JSON,
                    rejectMessage("{\"v\":1,\"fixes\":[" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5000) + "]}").reason());
        }

        @Test
        void exceptionIsCheapAndCarriesTheRejection() {
            MessageRejectedException e = assertThrows(MessageRejectedException.class,
                    () -> decoder.decode(TOPIC, utf8("not json")));

            assertEquals(0, e.getStackTrace().length, "rejections are control flow; no stack trace");
            assertSame(RejectReason.MALFORMED_JSON, e.rejection().reason());
            assertTrue(e.getMessage().startsWith("malformed_json: "), e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // single-fix rejections

    @Nested
    class FixRejections {

        @ParameterizedTest
        @ValueSource(strings = {"time", "lat", "lon", "accuracy"})
        void missingRequiredFieldIsAMissingField(String field) throws Exception {
            ObjectNode fix = minimalFix();
            fix.remove(field);

            Rejection r = rejectFix(fix);

            assertEquals(RejectReason.MISSING_FIELD, r.reason());
            assertTrue(r.detail().startsWith("fixes[0]." + field), r.detail());
        }

        @ParameterizedTest
        @ValueSource(strings = {"time", "lat", "lon", "accuracy"})
        void nullRequiredFieldIsAMissingField(String field) throws Exception {
            ObjectNode fix = minimalFix();
            fix.putNull(field);

            assertEquals(RejectReason.MISSING_FIELD, rejectFix(fix).reason());
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "lat      | \"30.1\"",
            "lat      | true",
            "lat      | []",
            "lat      | {}",
            "lon      | \"120.15\"",
            "lon      | false",
            "accuracy | \"8\"",
            "time     | \"1764064800000\"",
            "time     | true",
            "time     | 1764064800000.5",
            "time     | 1.7640648E12",
            "seq      | \"1\"",
            "seq      | 1.5",
            "seq      | 1.0",
            "seq      | 99999999999999999999",
            "battery  | 87.5",
            "battery  | \"87\"",
            "speed    | \"1.2\"",
            "heading  | true",
            "altitude | []",
            "charging | \"false\"",
            "charging | 0",
            "crs      | 4326",
            "crs      | {}",
            "source   | 1",
        })
        void wrongJsonTypeIsAWrongType(String field, String raw) throws Exception {
            Rejection r = rejectFixOf(decode(messageWithRawFix(minimalFixWithRaw(field, raw))));

            assertEquals(RejectReason.WRONG_TYPE, r.reason());
            assertTrue(r.detail().startsWith("fixes[0]." + field), r.detail());
        }

        @ParameterizedTest
        @CsvSource({"lat,91", "lat,-91", "lat,90.000001", "lon,-181", "lon,181", "lon,180.000001", "lat,1e30"})
        void coordinateOutsideItsRangeIsRefused(String field, double value) throws Exception {
            ObjectNode fix = minimalFix();
            fix.put(field, value);

            Rejection r = rejectFix(fix);

            assertEquals(RejectReason.COORDINATE_OUT_OF_RANGE, r.reason());
            assertTrue(r.detail().startsWith("fixes[0]." + field), r.detail());
        }

        @ParameterizedTest
        @CsvSource({"90,180", "-90,-180", "90,-180", "-90,180", "0,0.000001", "0.000001,0"})
        void coordinatesOnTheRangeBoundsAreAccepted(double lat, double lon) throws Exception {
            ObjectNode fix = minimalFix();
            fix.put("lat", lat);
            fix.put("lon", lon);

            assertEquals(new GeoPoint(lat, lon), acceptOne(fix).fix().position());
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0.0", "-0.0", "0e0"})
        void zeroZeroIsANoFixPlaceholder(String zero) throws Exception {
            String fix = "{\"time\":" + TIME + ",\"lat\":" + zero + ",\"lon\":" + zero + ",\"accuracy\":8}";

            Rejection r = rejectFixOf(decode(messageWithRawFix(fix)));

            assertEquals(RejectReason.COORDINATE_OUT_OF_RANGE, r.reason());
            assertTrue(r.detail().contains("(0, 0)"), r.detail());
        }

        @ParameterizedTest
        @ValueSource(doubles = {0, -0.0, -1, -8, 100_000.5, 1e9})
        void accuracyThatIsNotPositiveOrIsAbsurdIsInvalid(double accuracy) throws Exception {
            ObjectNode fix = minimalFix();
            fix.put("accuracy", accuracy);

            assertEquals(RejectReason.INVALID_ACCURACY, rejectFix(fix).reason());
        }

        @ParameterizedTest
        @ValueSource(doubles = {0.001, 1, 100_000})
        void accuracyInRangeIsAccepted(double accuracy) throws Exception {
            ObjectNode fix = minimalFix();
            fix.put("accuracy", accuracy);

            assertEquals(accuracy, acceptOne(fix).fix().accuracyMeters());
        }

        @ParameterizedTest
        @ValueSource(strings = {"NAD83", "", "WGS", "GCJ03", "mars"})
        void unknownCoordinateSystemIsRefused(String crs) throws Exception {
            ObjectNode fix = minimalFix();
            fix.put("crs", crs);

            assertEquals(RejectReason.UNKNOWN_COORDINATE_SYSTEM, rejectFix(fix).reason());
        }

        @ParameterizedTest
        @ValueSource(strings = {"GLONASS", "", "bluetooth", "network"})
        void unknownSourceIsRefused(String source) throws Exception {
            ObjectNode fix = minimalFix();
            fix.put("source", source);

            assertEquals(RejectReason.UNKNOWN_SOURCE, rejectFix(fix).reason());
        }

        @ParameterizedTest
        @ValueSource(longs = {1_764_064_800L, 946_684_800L, 99_999_999_999L})
        void timeInSecondsIsRecognised(long seconds) throws Exception {
            ObjectNode fix = minimalFix();
            fix.put("time", seconds);

            Rejection r = rejectFix(fix);

            assertEquals(RejectReason.TIMESTAMP_IN_SECONDS, r.reason());
            assertTrue(r.detail().startsWith("fixes[0].time"), r.detail());
        }

        @ParameterizedTest
        @ValueSource(longs = {
            946_684_799_999L, // 1999-12-31T23:59:59.999Z
            900_000_000_000L, // 1998
            100_000_000_000L, // 1973
            946_684_799L,     // seconds, but before 2000 even as seconds: out of range, not "in seconds"
            1L, 0L, -1L, Long.MIN_VALUE})
        void timeBefore2000IsOutOfRange(long millis) throws Exception {
            ObjectNode fix = minimalFix();
            fix.put("time", millis);

            assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, rejectFix(fix).reason());
        }

        @Test
        void timeExactlyAtTheOldestBoundIsAccepted() throws Exception {
            ObjectNode fix = minimalFix();
            fix.put("time", 946_684_800_000L);

            assertEquals(Instant.parse("2000-01-01T00:00:00Z"), acceptOne(fix).fix().time());
        }

        @Test
        void timeTwoDaysAheadOfTheClockIsOutOfRange() throws Exception {
            ObjectNode fix = minimalFix();
            fix.put("time", NOW.plus(Duration.ofDays(2)).toEpochMilli());

            Rejection r = rejectFix(fix);

            assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, r.reason());
            assertTrue(r.detail().contains("ahead"), r.detail());
        }

        @Test
        void futureSkewBoundaryIsInclusive() throws Exception {
            ObjectNode atBound = minimalFix();
            atBound.put("time", NOW.plus(Duration.ofDays(1)).toEpochMilli());
            ObjectNode past = minimalFix();
            past.put("time", NOW.plus(Duration.ofDays(1)).toEpochMilli() + 1);

            assertEquals(NOW.plus(Duration.ofDays(1)), acceptOne(atBound).fix().time());
            assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, rejectFix(past).reason());
        }

        @Test
        void futureIsMeasuredAgainstTheInjectedClock() throws Exception {
            long time = NOW.plus(Duration.ofDays(2)).toEpochMilli();
            ObjectNode fix = minimalFix();
            fix.put("time", time);
            JsonFixDecoder later = new JsonFixDecoder(DecodeLimits.defaults(),
                    Clock.fixed(NOW.plus(Duration.ofDays(3)), ZoneOffset.UTC));

            DecodedFixes decoded = later.decode(TOPIC, bytes(message(fix)));

            assertEquals(1, decoded.fixes().size());
            assertEquals(Instant.ofEpochMilli(time), decoded.fixes().get(0).fix().time());
        }

        @Test
        void largestLongTimeIsOutOfRangeNotAnException() throws Exception {
            ObjectNode fix = minimalFix();
            fix.put("time", Long.MAX_VALUE);

            assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, rejectFix(fix).reason());
        }

        @ParameterizedTest
        @ValueSource(ints = {150, 101, -1})
        void batteryOutsideZeroToHundredIsRefused(int battery) throws Exception {
            ObjectNode fix = minimalFix();
            fix.put("battery", battery);

            Rejection r = rejectFix(fix);

            assertEquals(RejectReason.WRONG_TYPE, r.reason());
            assertTrue(r.detail().startsWith("fixes[0].battery"), r.detail());
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 100})
        void batteryBoundsAreAccepted(int battery) throws Exception {
            ObjectNode fix = minimalFix();
            fix.put("battery", battery);

            assertEquals(battery, acceptOne(fix).battery());
        }

        @Test
        void negativeSeqIsRefused() throws Exception {
            ObjectNode fix = minimalFix();
            fix.put("seq", -1);

            Rejection r = rejectFix(fix);

            assertEquals(RejectReason.WRONG_TYPE, r.reason());
            assertTrue(r.detail().startsWith("fixes[0].seq"), r.detail());
        }

        @Test
        void seqZeroAndLargestLongAreAccepted() throws Exception {
            ObjectNode zero = minimalFix();
            zero.put("seq", 0);
            ObjectNode max = minimalFix();
            max.put("seq", Long.MAX_VALUE);

            assertEquals(0L, acceptOne(zero).seq());
            assertEquals(Long.MAX_VALUE, acceptOne(max).seq());
        }

        @ParameterizedTest
        @ValueSource(strings = {"lat", "lon", "accuracy", "speed", "heading", "altitude"})
        void hugeFloatingNumberIsARejectionNotAnException(String field) throws Exception {
            // 1e400 overflows a double to Infinity
            Rejection r = rejectFixOf(decode(messageWithRawFix(minimalFixWithRaw(field, "1e400"))));

            assertEquals(RejectReason.WRONG_TYPE, r.reason(), "non-finite numbers are refused as such");
            assertTrue(r.detail().startsWith("fixes[0]." + field), r.detail());
        }

        @Test
        void negativeHugeFloatingNumberIsARejection() throws Exception {
            Rejection r = rejectFixOf(decode(messageWithRawFix(minimalFixWithRaw("lon", "-1e400"))));

            assertEquals(RejectReason.WRONG_TYPE, r.reason());
        }

        @ParameterizedTest
        @ValueSource(strings = {"time", "seq", "battery"})
        void hugeIntegerIsARejectionNotAnException(String field) throws Exception {
            // beyond a long: a BigInteger node that must not be truncated
            Rejection r = rejectFixOf(decode(messageWithRawFix(minimalFixWithRaw(field, "18446744073709551617"))));

            assertEquals(RejectReason.WRONG_TYPE, r.reason());
            assertTrue(r.detail().startsWith("fixes[0]." + field), r.detail());
        }

        @Test
        void hugeIntegerLatitudeIsOutOfRange() throws Exception {
            Rejection r = rejectFixOf(decode(messageWithRawFix(minimalFixWithRaw("lat", "1" + "0".repeat(300)))));

            assertEquals(RejectReason.COORDINATE_OUT_OF_RANGE, r.reason());
        }

        @Test
        void tinyNumberUnderflowingToZeroIsNotMistakenForAPosition() throws Exception {
            // 1e-400 underflows to 0.0: together with lon 0 that is the (0, 0) placeholder
            String fix = "{\"time\":" + TIME + ",\"lat\":1e-400,\"lon\":0,\"accuracy\":8}";

            assertEquals(RejectReason.COORDINATE_OUT_OF_RANGE, rejectFixOf(decode(messageWithRawFix(fix))).reason());
        }

        @Test
        void rejectionPayloadIsTheRefusedFix() throws Exception {
            ObjectNode fix = minimalFix();
            fix.put("crs", "NAD27");

            Rejection r = rejectFix(fix);

            assertEquals(fix, JSON.readTree(r.payload()));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // robustness: no unchecked exception on any bytes

    @Nested
    class Robustness {

        private static final int CASES = 2_000;

        /** Valid messages the mutations start from. */
        private List<byte[]> seeds() {
            ObjectNode gcj = fullFix();
            gcj.put("crs", "GCJ02");
            gcj.put("lat", HZ_LAT);
            gcj.put("lon", HZ_LON);
            ObjectNode bd = minimalFix();
            bd.put("crs", "BD09");
            bd.put("lat", -89.9999);
            bd.put("lon", 179.9999);
            ObjectNode edge = minimalFix();
            edge.put("lat", 90);
            edge.put("lon", -180);
            edge.put("source", "wifi");
            return List.of(
                    bytes(message(fullFix())),
                    bytes(message(minimalFix())),
                    bytes(message(fullFix(), gcj, bd, edge)),
                    bytes(message(gcj)));
        }

        @Test
        void decoderNeverThrowsAnUncheckedExceptionOnRandomOrMutatedInput() throws Exception {
            Random random = new Random(20251125L);
            List<byte[]> seeds = seeds();
            List<String> failures = new ArrayList<>();
            int messageRejected = 0;
            int withAcceptedFixes = 0;
            int withRejectedFixes = 0;

            for (int i = 0; i < CASES; i++) {
                byte[] input = generate(random, seeds, i);
                try {
                    DecodedFixes decoded = decoder.decode(TOPIC, input);
                    String problem = checkInvariants(input, decoded);
                    if (problem != null) {
                        failures.add("case " + i + ": " + problem + " for " + describe(input));
                    }
                    if (!decoded.fixes().isEmpty()) {
                        withAcceptedFixes++;
                    }
                    if (!decoded.rejections().isEmpty()) {
                        withRejectedFixes++;
                    }
                } catch (MessageRejectedException e) {
                    messageRejected++;
                    Rejection r = e.rejection();
                    if (r == null || r.reason() == null || r.detail() == null || !java.util.Arrays.equals(input, r.payload())) {
                        failures.add("case " + i + ": incomplete message rejection " + r + " for " + describe(input));
                    }
                } catch (RuntimeException | Error e) {
                    failures.add("case " + i + ": " + e + " for " + describe(input));
                }
                if (failures.size() >= 20) {
                    break;
                }
            }

            if (!failures.isEmpty()) {
                fail(failures.size() + " failing input(s):\n" + String.join("\n", failures));
            }
            // The corpus must exercise every path, or it proves nothing.
            assertTrue(messageRejected > 200, "message rejections: " + messageRejected);
            assertTrue(withAcceptedFixes > 100, "messages with accepted fixes: " + withAcceptedFixes);
            assertTrue(withRejectedFixes > 100, "messages with refused fixes: " + withRejectedFixes);
        }

        /** Null when {@code decoded} is consistent with what the decoder promises, else the problem. */
        private String checkInvariants(byte[] input, DecodedFixes decoded) {
            if (!"BR-1".equals(decoded.deviceId())) {
                return "device id " + decoded.deviceId();
            }
            JsonNode root;
            try {
                root = JSON.readTree(input);
            } catch (IOException e) {
                return "decoded although a strict parser refuses it: " + e.getMessage();
            }
            int entries = root.path("fixes").size();
            if (decoded.fixes().size() + decoded.rejections().size() != entries) {
                return decoded.fixes().size() + " accepted + " + decoded.rejections().size() + " refused != "
                        + entries + " entries";
            }
            for (DeviceFix f : decoded.fixes()) {
                Fix fix = f.fix();
                if (!"BR-1".equals(fix.deviceId())) {
                    return "fix device id " + fix.deviceId();
                }
                if (fix.time().isBefore(Instant.parse("2000-01-01T00:00:00Z")) || fix.time().isAfter(NOW.plus(Duration.ofDays(1)))) {
                    return "time out of range accepted: " + fix.time();
                }
                if (!(fix.accuracyMeters() > 0 && fix.accuracyMeters() <= 100_000)) {
                    return "accuracy accepted: " + fix.accuracyMeters();
                }
                if (f.reported().lat() == 0 && f.reported().lon() == 0) {
                    return "(0, 0) accepted";
                }
                if (!fix.position().equals(CoordinateConverter.toWgs84(f.reported(), f.reportedCrs()))) {
                    return "position is not the WGS-84 conversion of the reported one";
                }
                if (f.battery() != null && (f.battery() < 0 || f.battery() > 100)) {
                    return "battery accepted: " + f.battery();
                }
                if (f.seq() != null && f.seq() < 0) {
                    return "negative seq accepted";
                }
                for (Double d : new Double[] {f.speed(), f.heading(), f.altitude()}) {
                    if (d != null && !Double.isFinite(d)) {
                        return "non-finite telemetry accepted: " + d;
                    }
                }
            }
            for (Rejection r : decoded.rejections()) {
                if (r.reason() == null || !r.detail().startsWith("fixes[")) {
                    return "bad fix rejection " + r;
                }
            }
            return null;
        }

        private byte[] generate(Random random, List<byte[]> seeds, int i) throws IOException {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            switch (i % 8) {
                case 0:
                    return flipBits(random, seed);
                case 1:
                    return deleteRange(random, seed);
                case 2:
                    return insertBytes(random, seed);
                case 3:
                    return java.util.Arrays.copyOf(seed, random.nextInt(seed.length + 1));
                case 4:
                    return utf8(randomJson(random, 0));
                case 5: {
                    byte[] noise = new byte[random.nextInt(200)];
                    random.nextBytes(noise);
                    return noise;
                }
                case 6:
                    return replaceValue(random, seed);
                default:
                    // several mutations stacked
                    byte[] b = seed;
                    int n = 1 + random.nextInt(4);
                    for (int k = 0; k < n; k++) {
                        b = switch (random.nextInt(3)) {
                            case 0 -> flipBits(random, b);
                            case 1 -> deleteRange(random, b);
                            default -> insertBytes(random, b);
                        };
                    }
                    return b;
            }
        }

        private byte[] flipBits(Random random, byte[] in) {
            byte[] out = in.clone();
            if (out.length == 0) {
                return out;
            }
            int n = 1 + random.nextInt(3);
            for (int k = 0; k < n; k++) {
                out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
            }
            return out;
        }

        private byte[] deleteRange(Random random, byte[] in) {
            if (in.length == 0) {
                return in;
            }
            int from = random.nextInt(in.length);
            int len = 1 + random.nextInt(Math.min(8, in.length - from));
            byte[] out = new byte[in.length - len];
            System.arraycopy(in, 0, out, 0, from);
            System.arraycopy(in, from + len, out, from, in.length - from - len);
            return out;
        }

        private static final String JSONISH = "{}[]\":,.-+0123456789eE truefalsnul\\\u00e9";

        private byte[] insertBytes(Random random, byte[] in) {
            byte[] insert;
            if (random.nextBoolean()) {
                insert = new byte[1 + random.nextInt(6)];
                random.nextBytes(insert);
            } else {
                StringBuilder sb = new StringBuilder();
                int n = 1 + random.nextInt(6);
                for (int k = 0; k < n; k++) {
                    sb.append(JSONISH.charAt(random.nextInt(JSONISH.length())));
                }
                insert = utf8(sb.toString());
            }
            int at = random.nextInt(in.length + 1);
            byte[] out = new byte[in.length + insert.length];
            System.arraycopy(in, 0, out, 0, at);
            System.arraycopy(insert, 0, out, at, insert.length);
            System.arraycopy(in, at, out, at + insert.length, in.length - at);
            return out;
        }

        /** Keeps the JSON valid but puts a random value into a random field: exercises validation, not parsing. */
        private byte[] replaceValue(Random random, byte[] seed) throws IOException {
            ObjectNode root = (ObjectNode) JSON.readTree(seed);
            ArrayNode fixes = (ArrayNode) root.get("fixes");
            ObjectNode target = random.nextInt(5) == 0 ? root : (ObjectNode) fixes.get(random.nextInt(fixes.size()));
            List<String> names = new ArrayList<>();
            Iterator<String> it = target.fieldNames();
            it.forEachRemaining(names::add);
            String field = names.get(random.nextInt(names.size()));
            String raw = random.nextInt(4) == 0 ? randomJson(random, 1) : randomScalar(random);
            String placeholder = "\"@@REPLACED@@\"";
            target.put(field, "@@REPLACED@@");
            return utf8(root.toString().replace(placeholder, raw));
        }

        private static final String[] SCALARS = {
            "0", "-0", "-0.0", "1", "-1", "1.5", "90", "-90", "90.0000001", "180", "-180", "180.5", "1e400", "-1e400",
            "1e-400", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "18446744073709551617",
            "1764064800", "1764064800000", "1764064800000.0", "946684800000", "4102444800000", "100000", "100000.1",
            "1E2", "1e+2", "null", "true", "false", "\"\"", "\"WGS84\"", "\"GCJ02\"", "\"bd-09\"", "\"gps\"",
            "\"BR-1\"", "\"BR-2\"", "\"\\u0000\"", "\"\\ud800\"", "\"x\"", "[]", "{}", "[1,2]", "{\"a\":1}",
        };

        private String randomScalar(Random random) {
            if (random.nextInt(3) == 0) {
                // a random double in a wide range, or a random long
                return random.nextBoolean()
                        ? Double.toString((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(12)))
                        : Long.toString(random.nextLong());
            }
            return SCALARS[random.nextInt(SCALARS.length)];
        }

        private String randomJson(Random random, int depth) {
            int kind = depth > 4 ? 0 : random.nextInt(4);
            switch (kind) {
                case 1: {
                    StringBuilder sb = new StringBuilder("[");
                    int n = random.nextInt(4);
                    for (int k = 0; k < n; k++) {
                        sb.append(k == 0 ? "" : ",").append(randomJson(random, depth + 1));
                    }
                    return sb.append(']').toString();
                }
                case 2: {
                    String[] keys = {"v", "deviceId", "fixes", "time", "lat", "lon", "accuracy", "crs", "source",
                        "seq", "battery", "charging", "speed", "x"};
                    StringBuilder sb = new StringBuilder("{");
                    int n = random.nextInt(5);
                    for (int k = 0; k < n; k++) {
                        sb.append(k == 0 ? "" : ",").append('"').append(keys[random.nextInt(keys.length)]).append("\":")
                                .append(randomJson(random, depth + 1));
                    }
                    return sb.append('}').toString();
                }
                case 3:
                    if (depth == 0) {
                        // a plausible message skeleton with random fixes
                        StringBuilder sb = new StringBuilder("{\"v\":1,\"fixes\":[");
                        int n = 1 + random.nextInt(3);
                        for (int k = 0; k < n; k++) {
                            sb.append(k == 0 ? "" : ",").append(randomJson(random, 1));
                        }
                        return sb.append("]}").toString();
                    }
                    return randomScalar(random);
                default:
                    return randomScalar(random);
            }
        }

        private String describe(byte[] input) {
            StringBuilder sb = new StringBuilder();
            for (byte b : input) {
                if (b >= 0x20 && b < 0x7f) {
                    sb.append((char) b);
                } else {
                    sb.append(String.format("\\x%02x", b & 0xff));
                }
                if (sb.length() > 400) {
                    return sb.append("…").toString();
                }
            }
            return sb.toString();
        }
    }
}
