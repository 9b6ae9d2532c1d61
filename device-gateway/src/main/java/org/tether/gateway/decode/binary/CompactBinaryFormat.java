package org.tether.gateway.decode.binary;

import java.util.Optional;
import org.tether.geofence.fix.PositionSource;
import org.tether.geofence.geo.CoordinateSystem;

/**
 * The layout of "tether-bin v1", a compact frame for bracelets that report over cellular links and
 * pay per byte. All multi-byte integers are big-endian (network order). Full description with an
 * example frame: docs/device-integration-formats.md.
 *
 * <pre>
 * frame  = magic 'T' 'B' (0x54 0x42) | version u8 = 1 | count u16 | count × record (30 bytes) | crc32 u32
 *          crc32 = java.util.zip.CRC32 (IEEE 802.3, as zlib/PNG) of every byte before it
 *
 * record offset size  field      encoding
 *           0     4   seq        u32
 *           4     4   seconds    u32, epoch seconds (UTC)
 *           8     2   millis     u16, 0..999, added to seconds
 *          10     4   lat        s32, 1e-7 degree
 *          14     4   lon        s32, 1e-7 degree
 *          18     2   accuracy   u16, decimetres, 1..65535 (0.1 m .. 6553.5 m); 0 is invalid
 *          20     1   source     u8, 0 unknown, 1 GNSS, 2 Wi-Fi, 3 cell
 *          21     1   crs        u8, 0 WGS-84, 1 GCJ-02, 2 BD-09, 3 CGCS2000
 *          22     1   battery    u8, percent 0..100; 0xFF unknown
 *          23     1   flags      u8, bit 0 charging state known, bit 1 charging; bits 2..7 zero
 *          24     2   speed      u16, cm/s; 0xFFFF unknown
 *          26     2   heading    u16, 0.01 degree from north, 0..35999; 0xFFFF unknown
 *          28     2   altitude   s16, metres; 0x8000 (-32768) unknown
 * </pre>
 */
public final class CompactBinaryFormat {

    /** The format's name in configuration (see {@link org.tether.gateway.decode.FixFormat}). */
    public static final String NAME = "tether-bin-v1";

    public static final byte MAGIC_0 = 0x54; // 'T'
    public static final byte MAGIC_1 = 0x42; // 'B'
    public static final int VERSION = 1;

    public static final int HEADER_BYTES = 5;
    public static final int RECORD_BYTES = 30;
    public static final int CRC_BYTES = 4;
    /** The smallest frame: header and CRC, no record (which is itself refused). */
    public static final int MIN_FRAME_BYTES = HEADER_BYTES + CRC_BYTES;
    /** The u16 count bounds a frame; the gateway's {@code maxFixesPerMessage} usually bounds it further. */
    public static final int MAX_RECORDS = 0xFFFF;

    // record field offsets
    static final int OFF_SEQ = 0;
    static final int OFF_SECONDS = 4;
    static final int OFF_MILLIS = 8;
    static final int OFF_LAT = 10;
    static final int OFF_LON = 14;
    static final int OFF_ACCURACY = 18;
    static final int OFF_SOURCE = 20;
    static final int OFF_CRS = 21;
    static final int OFF_BATTERY = 22;
    static final int OFF_FLAGS = 23;
    static final int OFF_SPEED = 24;
    static final int OFF_HEADING = 26;
    static final int OFF_ALTITUDE = 28;

    /** Degrees per unit of lat/lon: 1e-7° is about 1.1 cm. */
    public static final double DEGREES_PER_UNIT = 1e-7;
    public static final int UNITS_PER_DEGREE = 10_000_000;

    public static final int BATTERY_UNKNOWN = 0xFF;
    public static final int SPEED_UNKNOWN = 0xFFFF;
    public static final int HEADING_UNKNOWN = 0xFFFF;
    public static final int HEADING_MAX = 35_999;
    public static final short ALTITUDE_UNKNOWN = Short.MIN_VALUE;

    public static final int FLAG_CHARGING_KNOWN = 0x01;
    public static final int FLAG_CHARGING = 0x02;
    public static final int FLAGS_DEFINED = FLAG_CHARGING_KNOWN | FLAG_CHARGING;

    private CompactBinaryFormat() {}

    /** The wire code of a position source. */
    public static int sourceCode(PositionSource source) {
        return switch (source) {
            case UNKNOWN -> 0;
            case GNSS -> 1;
            case WIFI -> 2;
            case CELL -> 3;
        };
    }

    public static Optional<PositionSource> source(int code) {
        return switch (code) {
            case 0 -> Optional.of(PositionSource.UNKNOWN);
            case 1 -> Optional.of(PositionSource.GNSS);
            case 2 -> Optional.of(PositionSource.WIFI);
            case 3 -> Optional.of(PositionSource.CELL);
            default -> Optional.empty();
        };
    }

    /** The wire code of a coordinate system. */
    public static int crsCode(CoordinateSystem crs) {
        return switch (crs) {
            case WGS84 -> 0;
            case GCJ02 -> 1;
            case BD09 -> 2;
            case CGCS2000 -> 3;
        };
    }

    public static Optional<CoordinateSystem> crs(int code) {
        return switch (code) {
            case 0 -> Optional.of(CoordinateSystem.WGS84);
            case 1 -> Optional.of(CoordinateSystem.GCJ02);
            case 2 -> Optional.of(CoordinateSystem.BD09);
            case 3 -> Optional.of(CoordinateSystem.CGCS2000);
            default -> Optional.empty();
        };
    }

    /** The length of a frame with {@code records} records. */
    public static int frameBytes(int records) {
        return HEADER_BYTES + records * RECORD_BYTES + CRC_BYTES;
    }
}
