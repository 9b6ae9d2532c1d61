package org.tether.gateway.decode.owntracks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tether.gateway.decode.DecodeLimits;
import org.tether.gateway.decode.DecodedFixes;
import org.tether.gateway.decode.DeviceFix;
import org.tether.gateway.decode.DeviceTopic;
import org.tether.gateway.decode.MessageRejectedException;
import org.tether.gateway.decode.RejectReason;
import org.tether.gateway.decode.Rejection;
import org.tether.geofence.fix.Fix;
import org.tether.geofence.fix.PositionSource;
import org.tether.geofence.geo.CoordinateSystem;
import org.tether.geofence.geo.GeoPoint;

class OwnTracksDecoderTest {

    /** The server clock in every test: 2025-11-25T12:00:00Z. */
    private static final Instant NOW = Instant.parse("2025-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** 2025-11-25T10:00:00Z in epoch seconds, OwnTracks' unit. */
    private static final long TST = 1_764_064_800L;
    private static final Instant TST_INSTANT = Instant.parse("2025-11-25T10:00:00Z");

    private static final DeviceTopic TOPIC = OwnTracksTopic.parse("owntracks/jane/phone").orElseThrow();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final OwnTracksDecoder decoder = new OwnTracksDecoder(DecodeLimits.defaults(), CLOCK);

    // ---------------------------------------------------------------------------------------------
    // helpers

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(JsonNode node) {
        return utf8(node.toString());
    }

    /** A location with the fields OwnTracks always sends plus acc. */
    private static ObjectNode minimalLocation() {
        ObjectNode o = NODES.objectNode();
        o.put("_type", "location");
        o.put("tst", TST);
        o.put("lat", 30.27);
        o.put("lon", 120.15);
        o.put("acc", 8);
        return o;
    }

    /** A location as the Android app sends it with extended data on, every field we read set. */
    private static ObjectNode fullLocation() {
        ObjectNode o = minimalLocation();
        o.put("alt", 12);
        o.put("batt", 87);
        o.put("bs", 2);
        o.put("vel", 18);
        o.put("cog", 90);
        o.put("vac", 3);
        o.put("conn", "m");
        o.put("m", 1);
        o.put("t", "u");
        o.put("tid", "ph");
        o.put("created_at", TST + 5);
        o.putArray("inregions").add("home");
        return o;
    }

    private DecodedFixes decode(JsonNode message) throws MessageRejectedException {
        return decoder.decode(TOPIC, bytes(message));
    }

    private DeviceFix acceptOne(JsonNode message) throws MessageRejectedException {
        DecodedFixes decoded = decode(message);
        assertEquals(List.of(), decoded.rejections(), "expected the fix to be accepted");
        assertEquals(1, decoded.fixes().size());
        return decoded.fixes().get(0);
    }

    /** The rejection of a single-object message whose one fix is refused (not the whole message). */
    private Rejection rejectFix(JsonNode message) throws MessageRejectedException {
        byte[] payload = bytes(message);
        DecodedFixes decoded = decoder.decode(TOPIC, payload);
        assertEquals(List.of(), decoded.fixes(), "expected the fix to be refused");
        assertEquals(1, decoded.rejections().size());
        Rejection r = decoded.rejections().get(0);
        assertArrayEquals(payload, r.payload(), "a single location's rejection carries the message");
        return r;
    }

    private Rejection rejectMessage(byte[] payload) {
        MessageRejectedException e = assertThrows(MessageRejectedException.class, () -> decoder.decode(TOPIC, payload));
        assertArrayEquals(payload, e.rejection().payload(), "a message rejection carries the whole message");
        assertEquals(e.rejection().reason().code() + ": " + e.rejection().detail(), e.getMessage());
        return e.rejection();
    }

    private Rejection rejectMessage(String payload) {
        return rejectMessage(utf8(payload));
    }

    private Rejection rejectMessage(JsonNode payload) {
        return rejectMessage(bytes(payload));
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    class Locations {

        @Test
        void fullLocationDecodesEveryField() throws Exception {
            DecodedFixes decoded = decode(fullLocation());

            assertEquals("jane.phone", decoded.deviceId());
            DeviceFix f = acceptOne(fullLocation());
            GeoPoint p = new GeoPoint(30.27, 120.15);
            assertEquals(new Fix("jane.phone", TST_INSTANT, p, 8.0, PositionSource.UNKNOWN), f.fix());
            assertNull(f.seq(), "OwnTracks has no sequence number");
            assertEquals(p, f.reported());
            assertEquals(CoordinateSystem.WGS84, f.reportedCrs());
            assertEquals(5.0, f.speed(), 1e-12, "18 km/h is 5 m/s");
            assertEquals(90.0, f.heading());
            assertEquals(12.0, f.altitude());
            assertEquals(87, f.battery());
            assertEquals(Boolean.TRUE, f.charging());
        }

        @Test
        void realAndroidPayloadText() throws Exception {
            String text = "{\"_type\":\"location\",\"acc\":13,\"alt\":56,\"batt\":72,\"bs\":1,\"cog\":254,"
                    + "\"conn\":\"w\",\"created_at\":1764064805,\"lat\":30.2741023,\"lon\":120.1551482,\"m\":1,"
                    + "\"t\":\"p\",\"tid\":\"ne\",\"tst\":1764064800,\"vac\":3,\"vel\":4,\"topic\":\"owntracks/jane/phone\"}";

            DecodedFixes decoded = decoder.decode(TOPIC, utf8(text));

            assertEquals(List.of(), decoded.rejections());
            DeviceFix f = decoded.fixes().get(0);
            assertEquals(new GeoPoint(30.2741023, 120.1551482), f.fix().position());
            assertEquals(13.0, f.fix().accuracyMeters());
            assertEquals(TST_INSTANT, f.fix().time());
            assertEquals(4 / 3.6, f.speed(), 1e-12);
            assertEquals(254.0, f.heading());
            assertEquals(Boolean.FALSE, f.charging());
        }

        @Test
        void minimalLocationLeavesTelemetryUnknown() throws Exception {
            DeviceFix f = acceptOne(minimalLocation());

            assertEquals(TST_INSTANT, f.fix().time());
            assertEquals(PositionSource.UNKNOWN, f.fix().source());
            assertNull(f.seq());
            assertNull(f.speed());
            assertNull(f.heading());
            assertNull(f.altitude());
            assertNull(f.battery());
            assertNull(f.charging());
        }

        @ParameterizedTest
        @CsvSource(value = {"0,", "1,false", "2,true", "3,true"})
        void batteryStatusMapsToCharging(int bs, Boolean charging) throws Exception {
            ObjectNode o = minimalLocation();
            o.put("bs", bs);

            assertEquals(charging, acceptOne(o).charging());
        }

        @ParameterizedTest
        @ValueSource(strings = {"4", "-1", "99", "4294967298", "1.5", "\"2\"", "true"})
        void batteryStatusOutsideItsCodesIsAWrongType(String raw) throws Exception {
            String text = minimalLocation().toString().replace("}", ",\"bs\":" + raw + "}");

            Rejection r = rejectFix(JSON.readTree(text));

            assertEquals(RejectReason.WRONG_TYPE, r.reason());
            assertTrue(r.detail().startsWith("bs"), r.detail());
        }

        @ParameterizedTest
        @CsvSource({"0,0", "3.6,1", "36,10", "7.2,2"})
        void velocityKmhBecomesMetresPerSecond(double kmh, double ms) throws Exception {
            ObjectNode o = minimalLocation();
            o.put("vel", kmh);

            assertEquals(ms, acceptOne(o).speed(), 1e-12);
        }

        @Test
        void negativeVelocityAndCourseAreTheInvalidMarkerAndBecomeUnknown() throws Exception {
            ObjectNode o = minimalLocation();
            o.put("vel", -1);
            o.put("cog", -1);

            DeviceFix f = acceptOne(o);

            assertNull(f.speed());
            assertNull(f.heading());
        }

        @Test
        void explicitNullOptionalFieldsAreAbsent() throws Exception {
            ObjectNode o = minimalLocation();
            for (String field : List.of("batt", "bs", "vel", "cog", "alt", "topic", "created_at")) {
                o.putNull(field);
            }

            DeviceFix f = acceptOne(o);

            assertNull(f.battery());
            assertNull(f.speed());
            assertNull(f.charging());
        }

        @Test
        void deviceIdIsTheTopics() throws Exception {
            DeviceTopic other = OwnTracksTopic.parse("owntracks/li/watch").orElseThrow();

            DecodedFixes decoded = decoder.decode(other, bytes(minimalLocation()));

            assertEquals("li.watch", decoded.deviceId());
            assertEquals("li.watch", decoded.fixes().get(0).fix().deviceId());
        }

        @Test
        void topicFieldNamingThisDeviceIsAccepted() throws Exception {
            ObjectNode o = minimalLocation();
            o.put("topic", "owntracks/jane/phone");

            assertEquals(1, decode(o).fixes().size());
        }

        @ParameterizedTest
        @ValueSource(strings = {"owntracks/jane/tablet", "owntracks/bob/phone", "owntracks/jane/phone/event", "x", ""})
        void topicFieldNamingAnotherDeviceIsAMismatch(String claimed) throws Exception {
            ObjectNode o = minimalLocation();
            o.put("topic", claimed);

            assertEquals(RejectReason.DEVICE_MISMATCH, rejectFix(o).reason());
        }

        @Test
        void accuracyAsFloatIsAccepted() throws Exception {
            ObjectNode o = minimalLocation();
            o.put("acc", 4.7);

            assertEquals(4.7, acceptOne(o).fix().accuracyMeters());
        }

        @Test
        void exampleOfTheDecoderJavadoc() throws Exception {
            String text = "{\"_type\":\"location\",\"tst\":1764064800,\"lat\":30.27,\"lon\":120.15,\"acc\":8,\"alt\":12,"
                    + "\"vel\":5,\"cog\":90,\"batt\":87,\"bs\":2,\"tid\":\"ph\",\"conn\":\"m\"}";

            DeviceFix f = acceptOne(JSON.readTree(text));

            assertEquals(new DeviceFix(new Fix("jane.phone", TST_INSTANT, new GeoPoint(30.27, 120.15), 8.0,
                    PositionSource.UNKNOWN), null, new GeoPoint(30.27, 120.15), CoordinateSystem.WGS84, 5 / 3.6,
                    90.0, 12.0, 87, true), f);
        }
    }

    @Nested
    class RefusedFixes {

        @ParameterizedTest
        @ValueSource(strings = {"tst", "lat", "lon", "acc"})
        void missingRequiredFieldIsAMissingField(String field) throws Exception {
            ObjectNode o = minimalLocation();
            o.remove(field);

            Rejection r = rejectFix(o);

            assertEquals(RejectReason.MISSING_FIELD, r.reason());
            assertTrue(r.detail().startsWith(field + ": missing"), r.detail());
        }

        @ParameterizedTest
        @ValueSource(strings = {"tst", "lat", "lon", "acc"})
        void nullRequiredFieldIsAMissingField(String field) throws Exception {
            ObjectNode o = minimalLocation();
            o.putNull(field);

            assertEquals(RejectReason.MISSING_FIELD, rejectFix(o).reason());
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "tst|\"1764064800\"", "tst|1764064800.5", "tst|18446744073709551617", "lat|\"30.27\"", "lon|[120.15]",
            "acc|\"8\"", "acc|true", "batt|87.5", "batt|\"87\"", "vel|\"5\"", "cog|{}", "alt|false", "topic|5",
            "lat|1e400",
        })
        void wrongJsonTypeIsAWrongType(String field, String raw) throws Exception {
            ObjectNode o = minimalLocation();
            o.put(field, "@@");
            JsonNode message = JSON.readTree(o.toString().replace("\"@@\"", raw));

            Rejection r = rejectFix(message);

            assertEquals(RejectReason.WRONG_TYPE, r.reason());
            assertTrue(r.detail().startsWith(field + ":"), r.detail());
        }

        @ParameterizedTest
        @CsvSource({"lat,90.5", "lat,-91", "lon,180.01", "lon,-200"})
        void coordinateOutOfRangeIsRefused(String field, double value) throws Exception {
            ObjectNode o = minimalLocation();
            o.put(field, value);

            Rejection r = rejectFix(o);

            assertEquals(RejectReason.COORDINATE_OUT_OF_RANGE, r.reason());
            assertTrue(r.detail().startsWith(field + ":"), r.detail());
        }

        @Test
        void zeroZeroIsANoFixPlaceholder() throws Exception {
            ObjectNode o = minimalLocation();
            o.put("lat", 0);
            o.put("lon", 0.0);

            Rejection r = rejectFix(o);

            assertEquals(RejectReason.COORDINATE_OUT_OF_RANGE, r.reason());
            assertTrue(r.detail().contains("(0, 0)"), r.detail());
        }

        @ParameterizedTest
        @ValueSource(doubles = {0, -5, 100_000.5, 1e9})
        void accuracyOutsideItsRangeIsInvalid(double acc) throws Exception {
            ObjectNode o = minimalLocation();
            o.put("acc", acc);

            assertEquals(RejectReason.INVALID_ACCURACY, rejectFix(o).reason());
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, 101, 255})
        void batteryOutsidePercentIsRefused(int batt) throws Exception {
            ObjectNode o = minimalLocation();
            o.put("batt", batt);

            Rejection r = rejectFix(o);

            assertEquals(RejectReason.WRONG_TYPE, r.reason());
            assertTrue(r.detail().startsWith("batt"), r.detail());
        }

        @Test
        void tstInMillisecondsIsOutOfRangeWithAHint() throws Exception {
            ObjectNode o = minimalLocation();
            o.put("tst", TST * 1000);

            Rejection r = rejectFix(o);

            assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, r.reason());
            assertTrue(r.detail().startsWith("tst: ") && r.detail().contains("milliseconds"), r.detail());
        }

        @Test
        void tstInSecondsIsNotMistakenForAnError() throws Exception {
            // The JSON v1 format refuses such a value as TIMESTAMP_IN_SECONDS; here seconds are the unit.
            assertEquals(TST_INSTANT, acceptOne(minimalLocation()).fix().time());
        }

        @Test
        void tstTooFarAheadIsOutOfRange() throws Exception {
            ObjectNode o = minimalLocation();
            o.put("tst", NOW.plus(Duration.ofDays(2)).getEpochSecond());

            Rejection r = rejectFix(o);

            assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, r.reason());
            assertTrue(r.detail().contains("ahead"), r.detail());
        }

        @Test
        void futureSkewBoundaryIsInclusive() throws Exception {
            ObjectNode o = minimalLocation();
            o.put("tst", NOW.plus(Duration.ofDays(1)).getEpochSecond());

            assertEquals(NOW.plus(Duration.ofDays(1)), acceptOne(o).fix().time());
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1, 946_684_799L, Long.MIN_VALUE, Long.MAX_VALUE, 1_000_000_000_001L, -1_000_000_000_001L})
        void tstOutsideTheWindowIsOutOfRangeNotAnException(long tst) throws Exception {
            ObjectNode o = minimalLocation();
            o.put("tst", tst);

            assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, rejectFix(o).reason());
        }

        @Test
        void oldestBoundIsInclusive() throws Exception {
            ObjectNode o = minimalLocation();
            o.put("tst", 946_684_800L);

            assertEquals(Instant.parse("2000-01-01T00:00:00Z"), acceptOne(o).fix().time());
        }
    }

    @Nested
    class OtherMessageTypes {

        @ParameterizedTest
        @ValueSource(strings = {"transition", "waypoint", "waypoints", "lwt", "card", "status", "cmd", "steps",
                "beacon", "configuration", "encrypted", "Location", ""})
        void nonLocationTypeRefusesTheMessage(String type) {
            ObjectNode o = minimalLocation();
            o.put("_type", type);

            Rejection r = rejectMessage(o);

            assertEquals(RejectReason.UNSUPPORTED_MESSAGE_TYPE, r.reason());
            assertTrue(r.detail().contains("OwnTracks _type '" + type + "' is not a location"), r.detail());
        }

        @Test
        void lastWillAsTheBrokerPublishesIt() {
            Rejection r = rejectMessage("{\"_type\":\"lwt\",\"tst\":1764064800}");

            assertEquals(RejectReason.UNSUPPORTED_MESSAGE_TYPE, r.reason());
        }

        @Test
        void encryptedPayloadGetsAHint() {
            Rejection r = rejectMessage("{\"_type\":\"encrypted\",\"data\":\"AbC=\"}");

            assertEquals(RejectReason.UNSUPPORTED_MESSAGE_TYPE, r.reason());
            assertTrue(r.detail().contains("encryption"), r.detail());
        }

        @Test
        void longOrControlCharacterTypeIsShownShortAndPrintable() {
            Rejection r = rejectMessage("{\"_type\":\"" + "x".repeat(500) + "\\u0007\"}");

            assertTrue(r.detail().length() < 120, r.detail());
            assertTrue(r.detail().chars().allMatch(c -> c >= 0x20), r.detail());
        }

        @Test
        void missingTypeIsAMissingField() {
            ObjectNode o = minimalLocation();
            o.remove("_type");

            assertEquals(RejectReason.MISSING_FIELD, rejectMessage(o).reason());
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "true", "[\"location\"]", "{}"})
        void typeThatIsNotAStringIsAWrongType(String raw) {
            String text = minimalLocation().toString().replace("\"location\"", raw);

            assertEquals(RejectReason.WRONG_TYPE, rejectMessage(text).reason());
        }
    }

    @Nested
    class Batches {

        @Test
        void arrayWithOneBadElementRefusesThatElementOnly() throws Exception {
            ObjectNode first = minimalLocation();
            ObjectNode badLat = minimalLocation();
            badLat.put("lat", 95);
            ObjectNode transition = minimalLocation();
            transition.put("_type", "transition");
            ObjectNode last = minimalLocation();
            last.put("tst", TST + 60);
            ArrayNode array = NODES.arrayNode().add(first).add(badLat).add(transition).add(last);

            DecodedFixes decoded = decode(array);

            assertEquals(2, decoded.fixes().size());
            assertEquals(TST_INSTANT, decoded.fixes().get(0).fix().time());
            assertEquals(TST_INSTANT.plusSeconds(60), decoded.fixes().get(1).fix().time());
            assertEquals(2, decoded.rejections().size());
            Rejection r1 = decoded.rejections().get(0);
            assertEquals(RejectReason.COORDINATE_OUT_OF_RANGE, r1.reason());
            assertTrue(r1.detail().startsWith("[1].lat:"), r1.detail());
            assertEquals(JSON.readTree(badLat.toString()), JSON.readTree(r1.payload()), "the payload is that element alone");
            Rejection r2 = decoded.rejections().get(1);
            assertEquals(RejectReason.UNSUPPORTED_MESSAGE_TYPE, r2.reason());
            assertTrue(r2.detail().startsWith("[2]._type:"), r2.detail());
        }

        @ParameterizedTest
        @ValueSource(strings = {"5", "\"location\"", "null", "[]", "true"})
        void elementThatIsNotAnObjectIsAWrongType(String raw) throws Exception {
            DecodedFixes decoded = decoder.decode(TOPIC, utf8("[" + minimalLocation() + "," + raw + "]"));

            assertEquals(1, decoded.fixes().size());
            Rejection r = decoded.rejections().get(0);
            assertEquals(RejectReason.WRONG_TYPE, r.reason());
            assertTrue(r.detail().startsWith("[1]."), r.detail());
        }

        @Test
        void allElementsBadStillReturns() throws Exception {
            ObjectNode a = minimalLocation();
            a.remove("acc");
            ObjectNode b = minimalLocation();
            b.remove("_type");

            DecodedFixes decoded = decode(NODES.arrayNode().add(a).add(b));

            assertEquals(List.of(), decoded.fixes());
            assertEquals(List.of(RejectReason.MISSING_FIELD, RejectReason.MISSING_FIELD),
                    decoded.rejections().stream().map(Rejection::reason).toList());
        }

        @Test
        void emptyArrayIsAWrongType() {
            assertEquals(RejectReason.WRONG_TYPE, rejectMessage("[]").reason());
        }

        @Test
        void maximumBatchIsAcceptedAndOneMoreIsTooLarge() throws Exception {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < 500; i++) {
                ObjectNode o = minimalLocation();
                o.put("tst", TST + i);
                array.add(o);
            }
            assertEquals(500, decode(array).fixes().size());

            array.add(minimalLocation());
            assertEquals(RejectReason.BATCH_TOO_LARGE, rejectMessage(array).reason());
        }
    }

    @Nested
    class MessageRejections {

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "hello", "{", "{\"_type\":\"location\",", "{'_type':'location'}", "[{}",
                "{\"_type\":\"location\"} x", "{\"_type\":\"location\"}{\"_type\":\"location\"}", "{\"lat\":NaN}"})
        void notJsonIsMalformed(String text) {
            assertEquals(RejectReason.MALFORMED_JSON, rejectMessage(text).reason());
        }

        @Test
        void duplicateKeysAreMalformed() {
            String text = "{\"_type\":\"location\",\"tst\":" + TST + ",\"lat\":30.27,\"lon\":120.15,\"lat\":31,\"acc\":8}";

            assertEquals(RejectReason.MALFORMED_JSON, rejectMessage(text).reason());
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"location\"", "42", "true", "null"})
        void rootThatIsNeitherObjectNorArrayIsAWrongType(String text) {
            assertEquals(RejectReason.WRONG_TYPE, rejectMessage(text).reason());
        }

        @Test
        void payloadOverTheLimitIsRefusedBeforeParsing() {
            byte[] big = new byte[256 * 1024 + 1];
            Arrays.fill(big, (byte) ' ');

            assertEquals(RejectReason.PAYLOAD_TOO_LARGE, rejectMessage(big).reason());
        }

        @Test
        void deeplyNestedInputIsMalformedNotAStackOverflow() {
            assertEquals(RejectReason.MALFORMED_JSON, rejectMessage("[".repeat(100_000)).reason());
        }

        @Test
        void exceptionHasNoStackTrace() {
            MessageRejectedException e = assertThrows(MessageRejectedException.class,
                    () -> decoder.decode(TOPIC, utf8("{\"_type\":\"card\"}")));

            assertEquals(0, e.getStackTrace().length);
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    class Robustness {

        private static final int CASES = 2_000;

        private static final String[] VALUES = {
            "0", "-1", "1.5", "90", "-180", "180.5", "1e400", "9223372036854775807", "18446744073709551617",
            "1764064800", "1764064800000", "946684799", "100000", "100000.1", "null", "true", "\"\"", "\"location\"",
            "\"transition\"", "\"owntracks/jane/phone\"", "\"owntracks/bob/phone\"", "[]", "{}", "[1,2]", "3", "2", "4",
        };

        private static final String[] FIELDS = {"_type", "tst", "lat", "lon", "acc", "batt", "bs", "vel", "cog", "alt",
            "topic", "created_at", "x"};

        @Test
        void decoderNeverThrowsAnUncheckedExceptionOnRandomOrMutatedInput() {
            Random random = new Random(20251125L);
            List<byte[]> seeds = List.of(bytes(minimalLocation()), bytes(fullLocation()),
                    bytes(NODES.arrayNode().add(minimalLocation()).add(fullLocation()).add(minimalLocation())));
            List<String> failures = new ArrayList<>();
            int messageRejected = 0;
            int withFixes = 0;
            int withRejections = 0;

            for (int i = 0; i < CASES && failures.size() < 20; i++) {
                byte[] input = generate(random, seeds, i);
                try {
                    DecodedFixes decoded = decoder.decode(TOPIC, input);
                    withFixes += decoded.fixes().isEmpty() ? 0 : 1;
                    withRejections += decoded.rejections().isEmpty() ? 0 : 1;
                    for (DeviceFix f : decoded.fixes()) {
                        Fix fix = f.fix();
                        if (!"jane.phone".equals(fix.deviceId())
                                || fix.time().isBefore(Instant.parse("2000-01-01T00:00:00Z"))
                                || fix.time().isAfter(NOW.plus(Duration.ofDays(1)))
                                || !(fix.accuracyMeters() > 0 && fix.accuracyMeters() <= 100_000)
                                || (f.reported().lat() == 0 && f.reported().lon() == 0)
                                || (f.battery() != null && (f.battery() < 0 || f.battery() > 100))
                                || (f.speed() != null && !(f.speed() >= 0))) {
                            failures.add("case " + i + ": accepted " + f + " from " + new String(input, StandardCharsets.UTF_8));
                        }
                    }
                } catch (MessageRejectedException e) {
                    messageRejected++;
                    if (!Arrays.equals(input, e.rejection().payload())) {
                        failures.add("case " + i + ": message rejection without the message");
                    }
                } catch (RuntimeException | Error e) {
                    failures.add("case " + i + ": " + e + " for " + new String(input, StandardCharsets.ISO_8859_1));
                }
            }

            if (!failures.isEmpty()) {
                fail(failures.size() + " failing input(s):\n" + String.join("\n", failures));
            }
            assertTrue(messageRejected > 200, "message rejections: " + messageRejected);
            assertTrue(withFixes > 100, "messages with accepted fixes: " + withFixes);
            assertTrue(withRejections > 100, "messages with refused fixes: " + withRejections);
        }

        private byte[] generate(Random random, List<byte[]> seeds, int i) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            switch (i % 5) {
                case 0: {
                    byte[] noise = new byte[random.nextInt(100)];
                    random.nextBytes(noise);
                    return noise;
                }
                case 1: {
                    byte[] out = seed.clone();
                    for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
                        out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                    return out;
                }
                case 2:
                    return Arrays.copyOf(seed, random.nextInt(seed.length + 1));
                default: {
                    // valid JSON, one field set to a random value: exercises validation, not parsing
                    String text = new String(seed, StandardCharsets.UTF_8);
                    String field = FIELDS[random.nextInt(FIELDS.length)];
                    String value = random.nextInt(4) == 0
                            ? Double.toString((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(14)))
                            : VALUES[random.nextInt(VALUES.length)];
                    String marker = "\"" + field + "\":";
                    int at = text.indexOf(marker);
                    if (at < 0) {
                        int brace = text.indexOf('{');
                        return utf8(text.substring(0, brace + 1) + marker + value + "," + text.substring(brace + 1));
                    }
                    int end = at + marker.length();
                    int stop = end;
                    int depth = 0;
                    boolean inString = false;
                    while (stop < text.length()) {
                        char c = text.charAt(stop);
                        if (inString) {
                            inString = c != '"';
                        } else if (c == '"') {
                            inString = true;
                        } else if (c == '[' || c == '{') {
                            depth++;
                        } else if (c == ']' || c == '}' || c == ',') {
                            if (depth == 0) {
                                break;
                            }
                            if (c != ',') {
                                depth--;
                            }
                        }
                        stop++;
                    }
                    return utf8(text.substring(0, end) + value + text.substring(stop));
                }
            }
        }
    }
}
