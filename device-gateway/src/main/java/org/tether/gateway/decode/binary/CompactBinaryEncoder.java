package org.tether.gateway.decode.binary;

import static org.tether.gateway.decode.binary.CompactBinaryFormat.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Builds tether-bin v1 frames (layout in {@link CompactBinaryFormat}): for tests, the simulator and
 * as the reference for vendors' firmware.
 *
 * <p>The encoder refuses, with {@link IllegalArgumentException}, any value the wire cannot carry
 * faithfully (a sequence number beyond u32, a time before 1970 or after 2106, a latitude or
 * longitude whose 1e-7° units overflow s32, an accuracy above 6553.5 m, a battery outside 0..100, a
 * speed above 655.34 m/s, a heading outside [0, 360), an altitude outside ±32767 m, non-finite
 * numbers). It does <em>not</em> apply the gateway's acceptance rules (time window, coordinate
 * ranges, the (0, 0) placeholder, accuracy 0), which depend on the server; so it can build frames
 * the gateway refuses.
 *
 * <p>Rounding: times are truncated to the millisecond; lat/lon, speed, heading and altitude are
 * rounded to the nearest unit; accuracy is rounded <em>up</em> to the decimetre so a frame never
 * claims a better accuracy than the device had. Stateless and thread-safe.
 */
public final class CompactBinaryEncoder {

    private CompactBinaryEncoder() {}

    /**
     * One frame holding {@code records}, in order.
     *
     * @throws IllegalArgumentException when there are no records, more than {@value CompactBinaryFormat#MAX_RECORDS},
     *     or a value cannot be encoded
     */
    public static byte[] encode(List<BinaryFixRecord> records) {
        if (records.isEmpty() || records.size() > MAX_RECORDS) {
            throw new IllegalArgumentException("a frame holds 1.." + MAX_RECORDS + " records, not " + records.size());
        }
        ByteBuffer buf = ByteBuffer.allocate(frameBytes(records.size())).order(ByteOrder.BIG_ENDIAN);
        buf.put(MAGIC_0).put(MAGIC_1).put((byte) VERSION).putShort((short) records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                writeRecord(buf, records.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("records[" + i + "]." + e.getMessage(), e);
            }
        }
        buf.putInt((int) crc(buf.array(), buf.position()));
        return buf.array();
    }

    /** CRC-32 of the first {@code length} bytes of {@code bytes}, as the frame's trailer carries it. */
    public static long crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    private static void writeRecord(ByteBuffer buf, BinaryFixRecord r) {
        if (r.seq() < 0 || r.seq() > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("seq: " + r.seq() + " does not fit u32");
        }
        long seconds = r.time().getEpochSecond();
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("time: " + r.time() + " is outside 1970..2106 (u32 epoch seconds)");
        }
        int millis = r.time().getNano() / 1_000_000;
        buf.putInt((int) r.seq());
        buf.putInt((int) seconds);
        buf.putShort((short) millis);
        buf.putInt(degrees("lat", r.lat()));
        buf.putInt(degrees("lon", r.lon()));
        buf.putShort((short) decimetres(r.accuracyMeters()));
        buf.put((byte) sourceCode(r.source()));
        buf.put((byte) crsCode(r.crs()));
        buf.put((byte) battery(r.battery()));
        buf.put((byte) flags(r.charging()));
        buf.putShort((short) speed(r.speed()));
        buf.putShort((short) heading(r.heading()));
        buf.putShort(altitude(r.altitude()));
    }

    private static int degrees(String field, double degrees) {
        if (!Double.isFinite(degrees)) {
            throw new IllegalArgumentException(field + ": must be finite, was " + degrees);
        }
        long units = Math.round(degrees * UNITS_PER_DEGREE);
        if (units < Integer.MIN_VALUE || units > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(field + ": " + degrees + " does not fit s32 units of 1e-7 degree");
        }
        return (int) units;
    }

    private static int decimetres(double meters) {
        if (!(meters >= 0) || Double.isInfinite(meters)) {
            throw new IllegalArgumentException("accuracy: must be a finite number of metres >= 0, was " + meters);
        }
        // Up, never down (a frame must not claim better accuracy than the device had); the small
        // allowance keeps 0.3 m (3.0000000000000004 dm in binary floating point) at 3 dm.
        long dm = (long) Math.ceil(meters * 10 - 1e-6);
        if (meters > 0 && dm < 1) {
            dm = 1;
        }
        if (dm > 0xFFFF) {
            throw new IllegalArgumentException("accuracy: " + meters + " m is above the 6553.5 m the format carries");
        }
        return (int) dm;
    }

    private static int battery(Integer percent) {
        if (percent == null) {
            return BATTERY_UNKNOWN;
        }
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("battery: must be 0..100 or null, was " + percent);
        }
        return percent;
    }

    private static int flags(Boolean charging) {
        if (charging == null) {
            return 0;
        }
        return charging ? FLAG_CHARGING_KNOWN | FLAG_CHARGING : FLAG_CHARGING_KNOWN;
    }

    private static int speed(Double metersPerSecond) {
        if (metersPerSecond == null) {
            return SPEED_UNKNOWN;
        }
        long cm = Double.isFinite(metersPerSecond) && metersPerSecond >= 0 ? Math.round(metersPerSecond * 100) : -1;
        if (cm < 0 || cm >= SPEED_UNKNOWN) {
            throw new IllegalArgumentException("speed: must be in [0, 655.34] m/s or null, was " + metersPerSecond);
        }
        return (int) cm;
    }

    private static int heading(Double degrees) {
        if (degrees == null) {
            return HEADING_UNKNOWN;
        }
        if (!(degrees >= 0 && degrees < 360)) {
            throw new IllegalArgumentException("heading: must be in [0, 360) degrees or null, was " + degrees);
        }
        long units = Math.round(degrees * 100);
        return units > HEADING_MAX ? 0 : (int) units; // 359.996° rounds to 360.00°, which is 0°
    }

    private static short altitude(Double meters) {
        if (meters == null) {
            return ALTITUDE_UNKNOWN;
        }
        long m = Double.isFinite(meters) ? Math.round(meters) : Long.MIN_VALUE;
        if (m < -Short.MAX_VALUE || m > Short.MAX_VALUE) {
            throw new IllegalArgumentException("altitude: must be in [-32767, 32767] m or null, was " + meters);
        }
        return (short) m;
    }
}
