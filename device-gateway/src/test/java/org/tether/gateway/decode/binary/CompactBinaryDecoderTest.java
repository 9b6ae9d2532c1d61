package org.tether.gateway.decode.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
import org.tether.geofence.geo.CoordinateConverter;
import org.tether.geofence.geo.CoordinateSystem;
import org.tether.geofence.geo.GeoPoint;

class CompactBinaryDecoderTest {

    /** The server clock in every test: 2025-11-25T12:00:00Z. */
    private static final Instant NOW = Instant.parse("2025-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Instant TIME = Instant.parse("2025-11-25T10:00:00.250Z");

    private static final DeviceTopic TOPIC = new DeviceTopic("BR-1", DeviceTopic.Channel.FIXES);

    /** The example frame of docs/device-integration-formats.md, as printed there. */
    static final String DOCUMENTED_FRAME = "54 42 01 00 01 00 00 00 2A 69 25 7E 20 00 FA 12 0A D5 E0 47 9D 6F 60 00 50 "
            + "01 00 57 01 00 78 23 28 00 0C FE 5D D7 A5";

    private final CompactBinaryDecoder decoder = new CompactBinaryDecoder(DecodeLimits.defaults(), CLOCK);

    // ---------------------------------------------------------------------------------------------
    // helpers

    /** The record of the documented example. */
    static BinaryFixRecord example() {
        return new BinaryFixRecord(42, TIME, 30.27, 120.15, 8.0, PositionSource.GNSS, CoordinateSystem.WGS84,
                87, false, 1.2, 90.0, 12.0);
    }

    private static BinaryFixRecord minimal(long seq) {
        return BinaryFixRecord.of(seq, TIME.plusSeconds(seq), 30.27, 120.15, 8.0);
    }

    private static byte[] frame(BinaryFixRecord... records) {
        return CompactBinaryEncoder.encode(List.of(records));
    }

    /** Recomputes the trailing CRC after a test changed the frame on purpose. */
    static byte[] reseal(byte[] frame) {
        byte[] out = frame.clone();
        ByteBuffer.wrap(out).putInt(out.length - 4, (int) CompactBinaryEncoder.crc(out, out.length - 4));
        return out;
    }

    /** A copy of the one-record frame {@code frame} with the record's byte at {@code offset} set, CRC fixed. */
    private static byte[] withRecordByte(byte[] frame, int offset, int value) {
        byte[] out = frame.clone();
        out[CompactBinaryFormat.HEADER_BYTES + offset] = (byte) value;
        return reseal(out);
    }

    private static byte[] withRecordShort(byte[] frame, int offset, int value) {
        byte[] out = frame.clone();
        ByteBuffer.wrap(out).putShort(CompactBinaryFormat.HEADER_BYTES + offset, (short) value);
        return reseal(out);
    }

    private DeviceFix acceptOne(byte[] frame) throws MessageRejectedException {
        DecodedFixes decoded = decoder.decode(TOPIC, frame);
        assertEquals(List.of(), decoded.rejections(), "expected the record to be accepted");
        assertEquals(1, decoded.fixes().size());
        return decoded.fixes().get(0);
    }

    private Rejection rejectRecord(byte[] frame) throws MessageRejectedException {
        DecodedFixes decoded = decoder.decode(TOPIC, frame);
        assertEquals(List.of(), decoded.fixes(), "expected the record to be refused");
        assertEquals(1, decoded.rejections().size());
        Rejection r = decoded.rejections().get(0);
        assertTrue(r.detail().startsWith("records[0]."), r.detail());
        assertArrayEquals(Arrays.copyOfRange(frame, 5, 35), r.payload(), "the payload is the record's 30 bytes");
        return r;
    }

    private Rejection rejectMessage(byte[] payload) {
        return rejectMessage(decoder, payload);
    }

    private static Rejection rejectMessage(CompactBinaryDecoder decoder, byte[] payload) {
        MessageRejectedException e = assertThrows(MessageRejectedException.class, () -> decoder.decode(TOPIC, payload));
        assertArrayEquals(payload, e.rejection().payload(), "a message rejection carries the whole frame");
        assertEquals(0, e.getStackTrace().length);
        return e.rejection();
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    class RoundTrips {

        @Test
        void oneRecordWithEveryField() throws Exception {
            DecodedFixes decoded = decoder.decode(TOPIC, frame(example()));

            assertEquals("BR-1", decoded.deviceId());
            assertEquals(List.of(), decoded.rejections());
            GeoPoint p = new GeoPoint(30.27, 120.15);
            assertEquals(new DeviceFix(new Fix("BR-1", TIME, p, 8.0, PositionSource.GNSS), 42L, p,
                    CoordinateSystem.WGS84, 1.2, 90.0, 12.0, 87, false), decoded.fixes().get(0));
        }

        @Test
        void documentedExampleFrameIsWhatTheEncoderProducesAndDecodesAsDocumented() throws Exception {
            byte[] documented = HexFormat.ofDelimiter(" ").withUpperCase().parseHex(DOCUMENTED_FRAME);

            assertEquals(DOCUMENTED_FRAME, HexFormat.ofDelimiter(" ").withUpperCase().formatHex(frame(example())));
            assertEquals(39, documented.length);
            DeviceFix f = acceptOne(documented);
            assertEquals(42L, f.seq());
            assertEquals(Instant.parse("2025-11-25T10:00:00.250Z"), f.fix().time());
            assertEquals(new GeoPoint(30.27, 120.15), f.reported());
            assertEquals(8.0, f.fix().accuracyMeters());
            assertEquals(PositionSource.GNSS, f.fix().source());
            assertEquals(CoordinateSystem.WGS84, f.reportedCrs());
            assertEquals(87, f.battery());
            assertEquals(Boolean.FALSE, f.charging());
            assertEquals(1.2, f.speed());
            assertEquals(90.0, f.heading());
            assertEquals(12.0, f.altitude());
        }

        @Test
        void unknownSentinelsDecodeAsNull() throws Exception {
            DeviceFix f = acceptOne(frame(minimal(7)));

            assertEquals(7L, f.seq());
            assertEquals(PositionSource.UNKNOWN, f.fix().source());
            assertEquals(CoordinateSystem.WGS84, f.reportedCrs());
            assertNull(f.battery());
            assertNull(f.charging());
            assertNull(f.speed());
            assertNull(f.heading());
            assertNull(f.altitude());
        }

        @Test
        void chargingTrueAndExtremesOfEachField() throws Exception {
            BinaryFixRecord r = new BinaryFixRecord(0xFFFF_FFFFL, TIME, -90, 180, 6553.5, PositionSource.CELL,
                    CoordinateSystem.CGCS2000, 100, true, 655.34, 359.99, -32767.0);

            DeviceFix f = acceptOne(frame(r));

            assertEquals(0xFFFF_FFFFL, f.seq());
            assertEquals(new GeoPoint(-90, 180), f.reported());
            assertEquals(6553.5, f.fix().accuracyMeters());
            assertEquals(PositionSource.CELL, f.fix().source());
            assertEquals(100, f.battery());
            assertEquals(Boolean.TRUE, f.charging());
            assertEquals(655.34, f.speed());
            assertEquals(359.99, f.heading());
            assertEquals(-32767.0, f.altitude());
        }

        @Test
        void gcj02RecordIsConvertedToWgs84AndTheReportedPositionKept() throws Exception {
            BinaryFixRecord r = new BinaryFixRecord(1, TIME, 30.2590, 120.1388, 5, PositionSource.GNSS,
                    CoordinateSystem.GCJ02, null, null, null, null, null);

            DeviceFix f = acceptOne(frame(r));

            GeoPoint reported = new GeoPoint(30.2590, 120.1388);
            assertEquals(reported, f.reported());
            assertEquals(CoordinateSystem.GCJ02, f.reportedCrs());
            assertEquals(CoordinateConverter.toWgs84(reported, CoordinateSystem.GCJ02), f.fix().position());
        }

        @Test
        void fiveHundredRandomRecordsSurviveWithinTheFormatsPrecision() throws Exception {
            Random random = new Random(42);
            List<BinaryFixRecord> records = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                records.add(randomRecord(random, i));
            }
            byte[] frame = CompactBinaryEncoder.encode(records);
            assertEquals(5 + 500 * 30 + 4, frame.length);

            DecodedFixes decoded = decoder.decode(TOPIC, frame);

            assertEquals(List.of(), decoded.rejections());
            assertEquals(500, decoded.fixes().size());
            for (int i = 0; i < 500; i++) {
                assertPreserved(records.get(i), decoded.fixes().get(i), "record " + i);
            }
        }

        private BinaryFixRecord randomRecord(Random random, int i) {
            double lat;
            double lon;
            do {
                lat = (random.nextDouble() * 2 - 1) * 90;
                lon = (random.nextDouble() * 2 - 1) * 180;
            } while (Math.abs(lat) < 1e-6 && Math.abs(lon) < 1e-6);
            Instant time = NOW.minus(Duration.ofMillis((long) (random.nextDouble() * Duration.ofDays(30).toMillis())))
                    .plusNanos(random.nextInt(1_000_000));
            PositionSource[] sources = PositionSource.values();
            CoordinateSystem[] systems = CoordinateSystem.values();
            boolean telemetry = random.nextInt(4) != 0;
            return new BinaryFixRecord(
                    random.nextLong() & 0xFFFF_FFFFL, time, lat, lon, 0.05 + random.nextDouble() * 6553,
                    sources[random.nextInt(sources.length)], systems[random.nextInt(systems.length)],
                    telemetry ? random.nextInt(101) : null,
                    telemetry ? random.nextBoolean() : null,
                    telemetry ? random.nextDouble() * 655 : null,
                    telemetry ? random.nextDouble() * 359.99 : null,
                    telemetry ? (random.nextDouble() * 2 - 1) * 32000 : null);
        }

        private void assertPreserved(BinaryFixRecord sent, DeviceFix got, String what) {
            assertEquals(sent.seq(), got.seq(), what);
            // truncated to the millisecond
            assertEquals(sent.time().toEpochMilli(), got.fix().time().toEpochMilli(), what);
            assertEquals(0, got.fix().time().getNano() % 1_000_000, what);
            // 1e-7 degree units, rounded: at most half a unit off (plus the division's rounding)
            assertEquals(sent.lat(), got.reported().lat(), 0.5e-7 + 1e-12, what);
            assertEquals(sent.lon(), got.reported().lon(), 0.5e-7 + 1e-12, what);
            assertEquals(sent.crs(), got.reportedCrs(), what);
            assertEquals(CoordinateConverter.toWgs84(got.reported(), got.reportedCrs()), got.fix().position(), what);
            // decimetres rounded up: never better than sent, less than 0.1 m worse
            double acc = got.fix().accuracyMeters();
            assertTrue(acc >= sent.accuracyMeters() - 1e-6 && acc < sent.accuracyMeters() + 0.1, what + ": " + acc);
            assertEquals(sent.source(), got.fix().source(), what);
            assertEquals(sent.battery(), got.battery(), what);
            assertEquals(sent.charging(), got.charging(), what);
            assertClose(sent.speed(), got.speed(), 0.005, what + " speed");
            assertClose(sent.heading(), got.heading(), 0.005, what + " heading");
            assertClose(sent.altitude(), got.altitude(), 0.5, what + " altitude");
        }

        private void assertClose(Double sent, Double got, double tolerance, String what) {
            if (sent == null) {
                assertNull(got, what);
            } else {
                assertEquals(sent, got, tolerance + 1e-9, what);
            }
        }
    }

    @Nested
    class FrameCorruption {

        @ParameterizedTest
        @ValueSource(strings = {"5441", "4254", "0000", "7B22", "FFFF"})
        void wrongMagicIsRefused(String magic) {
            byte[] f = frame(example());
            byte[] m = HexFormat.of().parseHex(magic);
            f[0] = m[0];
            f[1] = m[1];

            Rejection r = rejectMessage(f);

            assertEquals(RejectReason.MALFORMED_FRAME, r.reason());
            assertTrue(r.detail().startsWith("binary frame: bad magic"), r.detail());
        }

        @Test
        void jsonSentToTheBinaryDecoderIsABadMagic() {
            Rejection r = rejectMessage("{\"v\":1,\"fixes\":[]}".getBytes(StandardCharsets.UTF_8));

            assertEquals(RejectReason.MALFORMED_FRAME, r.reason());
            assertTrue(r.detail().contains("0x7B22"), r.detail());
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 2, 3, 0x7F, 0xFF})
        void versionOtherThanOneIsUnsupported(int version) {
            byte[] f = frame(example());
            f[2] = (byte) version;

            Rejection r = rejectMessage(reseal(f));

            assertEquals(RejectReason.UNSUPPORTED_VERSION, r.reason());
            assertTrue(r.detail().contains("version " + version), r.detail());
        }

        @Test
        void everyTruncationIsRefusedAsAWhole() {
            byte[] f = frame(example(), minimal(1), minimal(2));
            for (int length = 0; length < f.length; length++) {
                Rejection r = rejectMessage(Arrays.copyOf(f, length));
                assertEquals(RejectReason.MALFORMED_FRAME, r.reason(), "length " + length);
                assertTrue(r.detail().startsWith("binary frame:"), r.detail());
            }
        }

        @Test
        void truncationByWholeRecordsIsACrcMismatch() {
            byte[] f = frame(example(), minimal(1), minimal(2));

            Rejection r = rejectMessage(Arrays.copyOf(f, f.length - 30));

            assertEquals(RejectReason.MALFORMED_FRAME, r.reason());
            assertTrue(r.detail().contains("CRC mismatch"), r.detail());
        }

        @Test
        void extraBytesAreRefused() {
            byte[] f = frame(example());
            for (int extra = 1; extra <= 61; extra++) {
                byte[] longer = Arrays.copyOf(f, f.length + extra);
                Rejection r = rejectMessage(longer);
                assertEquals(RejectReason.MALFORMED_FRAME, r.reason(), "extra " + extra);
            }
            Rejection partial = rejectMessage(Arrays.copyOf(f, f.length + 1));
            assertEquals(RejectReason.MALFORMED_FRAME, partial.reason());
            assertTrue(partial.detail().contains("truncated or trailing bytes"), partial.detail());
        }

        @Test
        void everyFlippedCrcBitIsDetected() {
            byte[] f = frame(example());
            for (int bit = 0; bit < 32; bit++) {
                byte[] bad = f.clone();
                bad[f.length - 4 + bit / 8] ^= (byte) (1 << (bit % 8));
                Rejection r = rejectMessage(bad);
                assertEquals(RejectReason.MALFORMED_FRAME, r.reason());
                assertTrue(r.detail().startsWith("binary frame: CRC mismatch"), r.detail());
            }
        }

        @Test
        void everyFlippedBitOfTheBodyAfterTheVersionIsACrcMismatch() {
            byte[] f = frame(example(), minimal(1));
            for (int bit = 3 * 8; bit < (f.length - 4) * 8; bit++) {
                byte[] bad = f.clone();
                bad[bit / 8] ^= (byte) (1 << (bit % 8));
                Rejection r = rejectMessage(bad);
                assertEquals(RejectReason.MALFORMED_FRAME, r.reason(), "bit " + bit);
                assertTrue(r.detail().startsWith("binary frame: CRC mismatch"), "bit " + bit + ": " + r.detail());
            }
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 2, 3, 0xFFFF})
        void countThatDisagreesWithTheLengthIsRefusedEvenWithAValidCrc(int count) {
            byte[] f = frame(example());
            ByteBuffer.wrap(f).putShort(3, (short) count);

            Rejection r = rejectMessage(reseal(f));

            assertEquals(RejectReason.MALFORMED_FRAME, r.reason());
            assertTrue(r.detail().contains("header says " + count), r.detail());
        }

        @Test
        void frameWithoutRecordsIsRefused() {
            byte[] empty = reseal(new byte[] {0x54, 0x42, 1, 0, 0, 0, 0, 0, 0});

            Rejection r = rejectMessage(empty);

            assertEquals(RejectReason.MALFORMED_FRAME, r.reason());
            assertTrue(r.detail().contains("no records"), r.detail());
        }

        @Test
        void tooManyRecordsIsABatchTooLarge() throws Exception {
            List<BinaryFixRecord> records = new ArrayList<>();
            for (int i = 0; i < 501; i++) {
                records.add(minimal(i));
            }

            assertEquals(RejectReason.BATCH_TOO_LARGE, rejectMessage(CompactBinaryEncoder.encode(records)).reason());
            assertEquals(500, decoder.decode(TOPIC, CompactBinaryEncoder.encode(records.subList(0, 500))).fixes().size());
        }

        @Test
        void payloadOverTheLimitIsRefusedFirst() {
            byte[] f = frame(example());
            DecodeLimits d = DecodeLimits.defaults();
            CompactBinaryDecoder small = new CompactBinaryDecoder(
                    new DecodeLimits(f.length - 1, d.maxFixesPerMessage(), d.maxFutureSkew(), d.oldest()), CLOCK);

            assertEquals(RejectReason.PAYLOAD_TOO_LARGE, rejectMessage(small, f).reason());
        }
    }

    @Nested
    class RecordValidation {

        @Test
        void latOutOfRangeRefusesOnlyThatRecord() throws Exception {
            BinaryFixRecord bad = BinaryFixRecord.of(2, TIME, 91, 120.15, 8);
            byte[] f = frame(minimal(1), bad, minimal(3));

            DecodedFixes decoded = decoder.decode(TOPIC, f);

            assertEquals(List.of(1L, 3L), decoded.fixes().stream().map(DeviceFix::seq).toList());
            assertEquals(1, decoded.rejections().size());
            Rejection r = decoded.rejections().get(0);
            assertEquals(RejectReason.COORDINATE_OUT_OF_RANGE, r.reason());
            assertTrue(r.detail().startsWith("records[1].lat: 91.0"), r.detail());
            assertArrayEquals(Arrays.copyOfRange(f, 35, 65), r.payload());
        }

        @ParameterizedTest
        @ValueSource(doubles = {-180.0000001, 180.0000001, 214.7483647, -214.7483648})
        void lonOutOfRangeIsRefused(double lon) throws Exception {
            Rejection r = rejectRecord(frame(BinaryFixRecord.of(1, TIME, 30, lon, 8)));

            assertEquals(RejectReason.COORDINATE_OUT_OF_RANGE, r.reason());
            assertTrue(r.detail().startsWith("records[0].lon"), r.detail());
        }

        @Test
        void zeroZeroIsANoFixPlaceholder() throws Exception {
            Rejection r = rejectRecord(frame(BinaryFixRecord.of(1, TIME, 0, 0, 8)));

            assertEquals(RejectReason.COORDINATE_OUT_OF_RANGE, r.reason());
            assertTrue(r.detail().contains("(0, 0)"), r.detail());
        }

        @Test
        void timeInTheFutureIsOutOfRange() throws Exception {
            Rejection r = rejectRecord(frame(BinaryFixRecord.of(1, NOW.plus(Duration.ofDays(1)).plusMillis(1), 30, 120, 8)));

            assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, r.reason());
            assertTrue(r.detail().startsWith("records[0].time") && r.detail().contains("ahead"), r.detail());
        }

        @Test
        void timeExactlyAtTheFutureBoundIsAccepted() throws Exception {
            Instant bound = NOW.plus(Duration.ofDays(1));

            assertEquals(bound, acceptOne(frame(BinaryFixRecord.of(1, bound, 30, 120, 8))).fix().time());
        }

        @ParameterizedTest
        @ValueSource(strings = {"1970-01-01T00:00:00Z", "1999-12-31T23:59:59.999Z"})
        void timeBefore2000IsOutOfRange(String time) throws Exception {
            Rejection r = rejectRecord(frame(BinaryFixRecord.of(1, Instant.parse(time), 30, 120, 8)));

            assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, r.reason());
        }

        @Test
        void largestSecondsIsOutOfRangeNotAnException() throws Exception {
            byte[] f = frame(minimal(1));
            ByteBuffer.wrap(f).putInt(5 + 4, -1);

            assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, rejectRecord(reseal(f)).reason());
        }

        @ParameterizedTest
        @ValueSource(ints = {1000, 0xFFFF})
        void millisecondPartAbove999IsAWrongType(int millis) throws Exception {
            Rejection r = rejectRecord(withRecordShort(frame(minimal(1)), 8, millis));

            assertEquals(RejectReason.WRONG_TYPE, r.reason());
            assertTrue(r.detail().startsWith("records[0].time"), r.detail());
        }

        @Test
        void accuracyZeroIsInvalid() throws Exception {
            Rejection r = rejectRecord(frame(BinaryFixRecord.of(1, TIME, 30, 120, 0)));

            assertEquals(RejectReason.INVALID_ACCURACY, r.reason());
        }

        @ParameterizedTest
        @ValueSource(ints = {4, 0x7F, 0xFF})
        void unknownSourceCodeIsRefused(int code) throws Exception {
            assertEquals(RejectReason.UNKNOWN_SOURCE, rejectRecord(withRecordByte(frame(minimal(1)), 20, code)).reason());
        }

        @ParameterizedTest
        @ValueSource(ints = {4, 0x80, 0xFF})
        void unknownCrsCodeIsRefused(int code) throws Exception {
            assertEquals(RejectReason.UNKNOWN_COORDINATE_SYSTEM,
                    rejectRecord(withRecordByte(frame(minimal(1)), 21, code)).reason());
        }

        @ParameterizedTest
        @ValueSource(ints = {101, 0xFE})
        void batteryOutsidePercentIsRefused(int battery) throws Exception {
            Rejection r = rejectRecord(withRecordByte(frame(minimal(1)), 22, battery));

            assertEquals(RejectReason.WRONG_TYPE, r.reason());
            assertTrue(r.detail().startsWith("records[0].battery"), r.detail());
        }

        @ParameterizedTest
        @ValueSource(ints = {0x02, 0x04, 0x80, 0xFF})
        void undefinedFlagsAreRefused(int flags) throws Exception {
            Rejection r = rejectRecord(withRecordByte(frame(minimal(1)), 23, flags));

            assertEquals(RejectReason.WRONG_TYPE, r.reason());
            assertTrue(r.detail().startsWith("records[0].flags"), r.detail());
        }

        @ParameterizedTest
        @ValueSource(ints = {36_000, 0xFFFE})
        void headingAboveItsRangeIsRefused(int heading) throws Exception {
            Rejection r = rejectRecord(withRecordShort(frame(minimal(1)), 26, heading));

            assertEquals(RejectReason.WRONG_TYPE, r.reason());
            assertTrue(r.detail().startsWith("records[0].heading"), r.detail());
        }

        @Test
        void everyBadRecordGetsItsOwnIndex() throws Exception {
            byte[] f = frame(minimal(0), BinaryFixRecord.of(1, TIME, 30, 120, 0), minimal(2),
                    BinaryFixRecord.of(3, TIME, 0, 0, 5));

            DecodedFixes decoded = decoder.decode(TOPIC, f);

            assertEquals(2, decoded.fixes().size());
            assertEquals(List.of("records[1].accuracy", "records[3].lat/lon"),
                    decoded.rejections().stream().map(r -> r.detail().substring(0, r.detail().indexOf(':'))).toList());
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    class Robustness {

        private static final int CASES = 2_000;

        @Test
        void decoderNeverThrowsAnUncheckedExceptionOnRandomOrMutatedFrames() {
            Random random = new Random(20251125L);
            List<byte[]> seeds = List.of(frame(example()), frame(minimal(1), minimal(2), example()),
                    frame(BinaryFixRecord.of(9, TIME, 91, 0, 0), example()));
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
                    String problem = checkInvariants(input, decoded);
                    if (problem != null) {
                        failures.add("case " + i + ": " + problem + " for " + HexFormat.of().formatHex(input));
                    }
                } catch (MessageRejectedException e) {
                    messageRejected++;
                    if (!Arrays.equals(input, e.rejection().payload())) {
                        failures.add("case " + i + ": message rejection without the frame");
                    }
                } catch (RuntimeException | Error e) {
                    failures.add("case " + i + ": " + e + " for " + HexFormat.of().formatHex(input));
                }
            }

            if (!failures.isEmpty()) {
                fail(failures.size() + " failing input(s):\n" + String.join("\n", failures));
            }
            assertTrue(messageRejected > 200, "message rejections: " + messageRejected);
            assertTrue(withFixes > 100, "frames with accepted records: " + withFixes);
            assertTrue(withRejections > 100, "frames with refused records: " + withRejections);
        }

        private String checkInvariants(byte[] input, DecodedFixes decoded) {
            int count = (input.length - 9) / 30;
            if (decoded.fixes().size() + decoded.rejections().size() != count) {
                return "fixes + rejections != " + count + " records";
            }
            for (DeviceFix f : decoded.fixes()) {
                Fix fix = f.fix();
                if (fix.time().isBefore(Instant.parse("2000-01-01T00:00:00Z")) || fix.time().isAfter(NOW.plus(Duration.ofDays(1)))) {
                    return "time accepted: " + fix.time();
                }
                if (!(fix.accuracyMeters() > 0 && fix.accuracyMeters() <= 6553.5)) {
                    return "accuracy accepted: " + fix.accuracyMeters();
                }
                if (f.reported().lat() == 0 && f.reported().lon() == 0) {
                    return "(0, 0) accepted";
                }
                if (f.battery() != null && (f.battery() < 0 || f.battery() > 100)) {
                    return "battery accepted: " + f.battery();
                }
                if (f.heading() != null && !(f.heading() >= 0 && f.heading() < 360)) {
                    return "heading accepted: " + f.heading();
                }
                if (f.seq() == null || f.seq() < 0) {
                    return "seq " + f.seq();
                }
            }
            for (Rejection r : decoded.rejections()) {
                if (!r.detail().startsWith("records[") || r.payload().length != 30) {
                    return "bad record rejection " + r.detail();
                }
            }
            return null;
        }

        private byte[] generate(Random random, List<byte[]> seeds, int i) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            switch (i % 6) {
                case 0: {
                    byte[] noise = new byte[random.nextInt(120)];
                    random.nextBytes(noise);
                    return noise;
                }
                case 1: {
                    // plausible header, random rest
                    byte[] noise = new byte[9 + 30 * random.nextInt(4) + (random.nextInt(3) == 0 ? random.nextInt(30) : 0)];
                    random.nextBytes(noise);
                    noise[0] = 0x54;
                    noise[1] = 0x42;
                    noise[2] = 1;
                    return random.nextBoolean() ? reseal(noise) : noise;
                }
                case 2: {
                    byte[] out = seed.clone();
                    for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
                        out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                    return out;
                }
                case 3:
                    return Arrays.copyOf(seed, random.nextInt(seed.length + 2 + 31));
                default: {
                    // random bytes inside records, CRC fixed: exercises record validation
                    byte[] out = seed.clone();
                    int records = (out.length - 9) / 30;
                    for (int k = 0, n = 1 + random.nextInt(4); k < n; k++) {
                        int at = 5 + random.nextInt(records * 30);
                        out[at] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : (byte) (out[at] ^ (1 << random.nextInt(8)));
                    }
                    return reseal(out);
                }
            }
        }
    }
}
