package org.tether.gateway.decode.binary;

import static org.tether.gateway.decode.binary.CompactBinaryFormat.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.tether.gateway.decode.DecodeLimits;
import org.tether.gateway.decode.DecodedFixes;
import org.tether.gateway.decode.DeviceFix;
import org.tether.gateway.decode.DeviceTopic;
import org.tether.gateway.decode.FixDecoder;
import org.tether.gateway.decode.FixValidation;
import org.tether.gateway.decode.FixValidation.Invalid;
import org.tether.gateway.decode.MessageRejectedException;
import org.tether.gateway.decode.RejectReason;
import org.tether.gateway.decode.Rejection;
import org.tether.geofence.fix.Fix;
import org.tether.geofence.fix.PositionSource;
import org.tether.geofence.geo.CoordinateConverter;
import org.tether.geofence.geo.CoordinateSystem;
import org.tether.geofence.geo.GeoPoint;

/**
 * Decodes tether-bin v1 frames (layout in {@link CompactBinaryFormat}).
 *
 * <p>The frame as a whole is checked first, in this order, and any failure refuses the whole
 * message: size limit ({@link RejectReason#PAYLOAD_TOO_LARGE}); magic; version
 * ({@link RejectReason#UNSUPPORTED_VERSION}); length of the form 5 + 30·k + 4; CRC-32; the header's
 * record count equal to k and at least 1; count at most {@code maxFixesPerMessage}
 * ({@link RejectReason#BATCH_TOO_LARGE}). The other framing errors (bad magic, truncation or trailing
 * bytes, CRC mismatch, a count that disagrees with the length or is zero) use
 * {@link RejectReason#MALFORMED_FRAME} with a detail starting "binary frame:".
 *
 * <p>Then each record is validated on its own with the same rules as the JSON format
 * ({@link FixValidation}); a bad record is refused alone, with detail {@code "records[i].field: …"}
 * and the record's 30 bytes as payload.
 *
 * <p>Stateless and thread-safe; never throws an unchecked exception on any bytes.
 */
public final class CompactBinaryDecoder implements FixDecoder {

    private final DecodeLimits limits;
    private final Clock clock;

    public CompactBinaryDecoder(DecodeLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public DecodedFixes decode(DeviceTopic topic, byte[] payload) throws MessageRejectedException {
        int count = checkFrame(payload);
        ByteBuffer buf = ByteBuffer.wrap(payload).order(ByteOrder.BIG_ENDIAN);
        Instant now = clock.instant();
        List<DeviceFix> accepted = new ArrayList<>(count);
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int offset = HEADER_BYTES + i * RECORD_BYTES;
            try {
                accepted.add(decodeRecord(topic.deviceId(), buf, offset, now));
            } catch (Invalid e) {
                rejected.add(new Rejection(e.reason(), "records[" + i + "]." + e.getMessage(),
                        Arrays.copyOfRange(payload, offset, offset + RECORD_BYTES)));
            }
        }
        return new DecodedFixes(topic.deviceId(), accepted, rejected);
    }

    /** Checks everything about the frame that is not a single record's business; returns the record count. */
    private int checkFrame(byte[] payload) throws MessageRejectedException {
        int length = payload.length;
        if (length > limits.maxPayloadBytes()) {
            throw reject(RejectReason.PAYLOAD_TOO_LARGE, payload,
                    "payload is " + length + " bytes; at most " + limits.maxPayloadBytes() + " are accepted");
        }
        if (length < 2) {
            throw reject(RejectReason.MALFORMED_FRAME, payload,
                    "binary frame: " + length + " byte(s) is too short for a tether-bin frame");
        }
        if (payload[0] != MAGIC_0 || payload[1] != MAGIC_1) {
            throw reject(RejectReason.MALFORMED_FRAME, payload, String.format(
                    "binary frame: bad magic 0x%02X%02X, expected 0x5442 ('TB'); not a tether-bin frame",
                    payload[0] & 0xFF, payload[1] & 0xFF));
        }
        if (length < 3) {
            throw reject(RejectReason.MALFORMED_FRAME, payload, "binary frame: truncated after the magic");
        }
        int version = payload[2] & 0xFF;
        if (version != VERSION) {
            throw reject(RejectReason.UNSUPPORTED_VERSION, payload,
                    "binary frame: version " + version + "; only version " + VERSION + " is supported");
        }
        if (length < MIN_FRAME_BYTES) {
            throw reject(RejectReason.MALFORMED_FRAME, payload, "binary frame: truncated: " + length
                    + " bytes is shorter than header and CRC (" + MIN_FRAME_BYTES + " bytes)");
        }
        int body = length - MIN_FRAME_BYTES;
        if (body % RECORD_BYTES != 0) {
            throw reject(RejectReason.MALFORMED_FRAME, payload, "binary frame: length " + length + " is not "
                    + HEADER_BYTES + " + " + RECORD_BYTES + "·k + " + CRC_BYTES + " bytes (truncated or trailing bytes)");
        }
        ByteBuffer buf = ByteBuffer.wrap(payload).order(ByteOrder.BIG_ENDIAN);
        long expected = Integer.toUnsignedLong(buf.getInt(length - CRC_BYTES));
        long actual = CompactBinaryEncoder.crc(payload, length - CRC_BYTES);
        if (expected != actual) {
            throw reject(RejectReason.MALFORMED_FRAME, payload, String.format(
                    "binary frame: CRC mismatch (frame says 0x%08X, content gives 0x%08X)", expected, actual));
        }
        int records = body / RECORD_BYTES;
        int count = Short.toUnsignedInt(buf.getShort(3));
        if (count != records) {
            throw reject(RejectReason.MALFORMED_FRAME, payload,
                    "binary frame: header says " + count + " record(s) but the frame holds " + records);
        }
        if (count == 0) {
            throw reject(RejectReason.MALFORMED_FRAME, payload, "binary frame: holds no records");
        }
        if (count > limits.maxFixesPerMessage()) {
            throw reject(RejectReason.BATCH_TOO_LARGE, payload,
                    "binary frame has " + count + " records; at most " + limits.maxFixesPerMessage() + " per message");
        }
        return count;
    }

    private DeviceFix decodeRecord(String deviceId, ByteBuffer buf, int offset, Instant now) throws Invalid {
        long seq = Integer.toUnsignedLong(buf.getInt(offset + OFF_SEQ));
        long seconds = Integer.toUnsignedLong(buf.getInt(offset + OFF_SECONDS));
        int millis = Short.toUnsignedInt(buf.getShort(offset + OFF_MILLIS));
        if (millis > 999) {
            throw new Invalid(RejectReason.WRONG_TYPE, "time: millisecond part " + millis + " is above 999");
        }
        Instant time = FixValidation.time("time", Instant.ofEpochSecond(seconds, millis * 1_000_000L), now, limits);

        double lat = buf.getInt(offset + OFF_LAT) / (double) UNITS_PER_DEGREE;
        double lon = buf.getInt(offset + OFF_LON) / (double) UNITS_PER_DEGREE;
        GeoPoint reported = FixValidation.position("lat", lat, "lon", lon);
        double accuracy = FixValidation.accuracy("accuracy",
                Short.toUnsignedInt(buf.getShort(offset + OFF_ACCURACY)) / 10.0);

        int sourceCode = buf.get(offset + OFF_SOURCE) & 0xFF;
        PositionSource source = CompactBinaryFormat.source(sourceCode).orElseThrow(() -> new Invalid(
                RejectReason.UNKNOWN_SOURCE, "source: code " + sourceCode + " is not 0 (unknown), 1 (GNSS), 2 (Wi-Fi) or 3 (cell)"));
        int crsCode = buf.get(offset + OFF_CRS) & 0xFF;
        CoordinateSystem crs = CompactBinaryFormat.crs(crsCode).orElseThrow(() -> new Invalid(
                RejectReason.UNKNOWN_COORDINATE_SYSTEM,
                "crs: code " + crsCode + " is not 0 (WGS-84), 1 (GCJ-02), 2 (BD-09) or 3 (CGCS2000)"));

        int batteryByte = buf.get(offset + OFF_BATTERY) & 0xFF;
        Integer battery = batteryByte == BATTERY_UNKNOWN ? null : FixValidation.battery("battery", batteryByte);
        int flags = buf.get(offset + OFF_FLAGS) & 0xFF;
        if ((flags & ~FLAGS_DEFINED) != 0) {
            throw new Invalid(RejectReason.WRONG_TYPE, String.format("flags: reserved bits set in 0x%02X", flags));
        }
        if ((flags & FLAG_CHARGING) != 0 && (flags & FLAG_CHARGING_KNOWN) == 0) {
            throw new Invalid(RejectReason.WRONG_TYPE, "flags: 'charging' set without 'charging state known'");
        }
        Boolean charging = (flags & FLAG_CHARGING_KNOWN) == 0 ? null : (flags & FLAG_CHARGING) != 0;

        int speedRaw = Short.toUnsignedInt(buf.getShort(offset + OFF_SPEED));
        Double speed = speedRaw == SPEED_UNKNOWN ? null : speedRaw / 100.0;
        int headingRaw = Short.toUnsignedInt(buf.getShort(offset + OFF_HEADING));
        if (headingRaw != HEADING_UNKNOWN && headingRaw > HEADING_MAX) {
            throw new Invalid(RejectReason.WRONG_TYPE,
                    "heading: " + headingRaw + " is above 35999 (0.01 degree units) and not 0xFFFF (unknown)");
        }
        Double heading = headingRaw == HEADING_UNKNOWN ? null : headingRaw / 100.0;
        short altitudeRaw = buf.getShort(offset + OFF_ALTITUDE);
        Double altitude = altitudeRaw == ALTITUDE_UNKNOWN ? null : (double) altitudeRaw;

        GeoPoint wgs84 = CoordinateConverter.toWgs84(reported, crs);
        Fix fix = new Fix(deviceId, time, wgs84, accuracy, source);
        return new DeviceFix(fix, seq, reported, crs, speed, heading, altitude, battery, charging);
    }

    private static MessageRejectedException reject(RejectReason reason, byte[] payload, String detail) {
        return new MessageRejectedException(new Rejection(reason, detail, payload));
    }
}
