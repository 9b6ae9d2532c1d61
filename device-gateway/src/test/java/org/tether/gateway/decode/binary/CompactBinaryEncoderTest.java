package org.tether.gateway.decode.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tether.geofence.fix.PositionSource;
import org.tether.geofence.geo.CoordinateSystem;

class CompactBinaryEncoderTest {

    private static final Instant TIME = Instant.parse("2025-11-25T10:00:00.250Z");

    private static BinaryFixRecord base() {
        return new BinaryFixRecord(1, TIME, 30.27, 120.15, 8, PositionSource.GNSS, CoordinateSystem.WGS84,
                50, null, 1.0, 10.0, 5.0);
    }

    private static ByteBuffer record(BinaryFixRecord r) {
        return ByteBuffer.wrap(CompactBinaryEncoder.encode(List.of(r)), 5, 30).slice();
    }

    @Test
    void layoutIsHeaderRecordsAndCrcOfEverythingBefore() {
        byte[] f = CompactBinaryEncoder.encode(List.of(base(), base()));

        assertEquals(5 + 2 * 30 + 4, f.length);
        assertEquals(0x54, f[0]);
        assertEquals(0x42, f[1]);
        assertEquals(1, f[2]);
        assertEquals(2, ByteBuffer.wrap(f).getShort(3));
        CRC32 crc = new CRC32();
        crc.update(f, 0, f.length - 4);
        assertEquals(crc.getValue(), Integer.toUnsignedLong(ByteBuffer.wrap(f).getInt(f.length - 4)));
    }

    @Test
    void fieldsAreBigEndianAtTheirDocumentedOffsets() {
        ByteBuffer r = record(new BinaryFixRecord(0x01020304L, TIME, -30.5, 120.15, 8.0, PositionSource.WIFI,
                CoordinateSystem.BD09, null, true, null, null, null));

        assertEquals(0x01020304, r.getInt(0));
        assertEquals(1_764_064_800, r.getInt(4));
        assertEquals(250, r.getShort(8));
        assertEquals(-305_000_000, r.getInt(10));
        assertEquals(1_201_500_000, r.getInt(14));
        assertEquals(80, r.getShort(18));
        assertEquals(2, r.get(20));
        assertEquals(2, r.get(21));
        assertEquals((byte) 0xFF, r.get(22));
        assertEquals(0x03, r.get(23));
        assertEquals((short) 0xFFFF, r.getShort(24));
        assertEquals((short) 0xFFFF, r.getShort(26));
        assertEquals((short) 0x8000, r.getShort(28));
    }

    @ParameterizedTest
    @CsvSource({"0.3,3", "8,80", "8.01,81", "8.04,81", "8.1,81", "0.0001,1", "0,0", "6553.5,65535"})
    void accuracyIsRoundedUpToTheDecimetre(double meters, int decimetres) {
        BinaryFixRecord b = base();
        BinaryFixRecord r = new BinaryFixRecord(b.seq(), b.time(), b.lat(), b.lon(), meters, b.source(), b.crs(),
                b.battery(), b.charging(), b.speed(), b.heading(), b.altitude());

        assertEquals(decimetres, Short.toUnsignedInt(record(r).getShort(18)));
    }

    @Test
    void headingThatRoundsTo360IsZero() {
        BinaryFixRecord b = base();
        BinaryFixRecord r = new BinaryFixRecord(b.seq(), b.time(), b.lat(), b.lon(), 8, b.source(), b.crs(),
                null, null, null, 359.996, null);

        assertEquals(0, record(r).getShort(26));
    }

    @Test
    void subMillisecondTimeIsTruncated() {
        BinaryFixRecord r = BinaryFixRecord.of(1, TIME.plusNanos(999_999), 30, 120, 8);

        assertEquals(250, record(r).getShort(8));
    }

    private static void refused(String field, UnaryOperator<BinaryFixRecord> change) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompactBinaryEncoder.encode(List.of(base(), change.apply(base()))));
        assertTrue(e.getMessage().startsWith("records[1]." + field), e.getMessage());
    }

    private static BinaryFixRecord with(BinaryFixRecord b, Long seq, Instant time, Double lat, Double acc,
                                        Integer battery, Double speed, Double heading, Double altitude) {
        return new BinaryFixRecord(seq != null ? seq : b.seq(), time != null ? time : b.time(),
                lat != null ? lat : b.lat(), b.lon(), acc != null ? acc : b.accuracyMeters(), b.source(), b.crs(),
                battery != null ? battery : b.battery(), b.charging(), speed != null ? speed : b.speed(),
                heading != null ? heading : b.heading(), altitude != null ? altitude : b.altitude());
    }

    @Test
    void valuesTheWireCannotCarryAreRefused() {
        refused("seq", b -> with(b, -1L, null, null, null, null, null, null, null));
        refused("seq", b -> with(b, 0x1_0000_0000L, null, null, null, null, null, null, null));
        refused("time", b -> with(b, null, Instant.parse("1969-12-31T23:59:59Z"), null, null, null, null, null, null));
        refused("time", b -> with(b, null, Instant.parse("2106-02-07T06:28:16Z"), null, null, null, null, null, null));
        refused("lat", b -> with(b, null, null, 214.7483648, null, null, null, null, null));
        refused("lat", b -> with(b, null, null, Double.NaN, null, null, null, null, null));
        refused("accuracy", b -> with(b, null, null, null, 6553.51, null, null, null, null));
        refused("accuracy", b -> with(b, null, null, null, -0.1, null, null, null, null));
        refused("accuracy", b -> with(b, null, null, null, Double.NaN, null, null, null, null));
        refused("accuracy", b -> with(b, null, null, null, Double.POSITIVE_INFINITY, null, null, null, null));
        refused("battery", b -> with(b, null, null, null, null, 101, null, null, null));
        refused("battery", b -> with(b, null, null, null, null, -1, null, null, null));
        refused("speed", b -> with(b, null, null, null, null, null, -0.01, null, null));
        refused("speed", b -> with(b, null, null, null, null, null, 655.35, null, null));
        refused("speed", b -> with(b, null, null, null, null, null, Double.NaN, null, null));
        refused("heading", b -> with(b, null, null, null, null, null, null, 360.0, null));
        refused("heading", b -> with(b, null, null, null, null, null, null, -0.5, null));
        refused("altitude", b -> with(b, null, null, null, null, null, null, null, 32767.5));
        refused("altitude", b -> with(b, null, null, null, null, null, null, null, -32768.0));
        refused("altitude", b -> with(b, null, null, null, null, null, null, null, Double.NaN));
    }

    @Test
    void extremesTheWireCanCarryAreEncoded() {
        BinaryFixRecord r = with(base(), 0xFFFF_FFFFL, Instant.parse("2106-02-07T06:28:15.999Z"), 214.7483647, 6553.5,
                100, 655.34, 359.99, -32767.0);

        assertEquals(39, CompactBinaryEncoder.encode(List.of(r)).length);
    }

    @Test
    void frameHoldsOneTo65535Records() {
        assertThrows(IllegalArgumentException.class, () -> CompactBinaryEncoder.encode(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> CompactBinaryEncoder.encode(Collections.nCopies(65_536, base())));
        assertEquals(CompactBinaryFormat.frameBytes(65_535),
                CompactBinaryEncoder.encode(Collections.nCopies(65_535, base())).length);
    }
}
