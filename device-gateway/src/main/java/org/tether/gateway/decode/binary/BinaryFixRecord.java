package org.tether.gateway.decode.binary;

import java.time.Instant;
import java.util.Objects;
import org.tether.geofence.fix.PositionSource;
import org.tether.geofence.geo.CoordinateSystem;

/**
 * One fix as a device puts it into a tether-bin v1 frame, in natural units; the input of
 * {@link CompactBinaryEncoder}. Nothing here is validated beyond non-null: the encoder refuses what
 * the wire cannot carry, and the gateway's decoder applies the acceptance rules (time window,
 * coordinate ranges, accuracy), so a test can build a frame the gateway will refuse.
 *
 * @param seq the device's sequence number, 0..2<sup>32</sup>-1
 * @param lat latitude in {@code crs}, degrees
 * @param lon longitude in {@code crs}, degrees
 * @param accuracyMeters radius of the accuracy circle; sent in decimetres, rounded up
 * @param battery percent, or null when unknown
 * @param charging null when unknown
 * @param speed metres per second, or null
 * @param heading degrees from north in [0, 360), or null
 * @param altitude metres, or null
 */
public record BinaryFixRecord(long seq, Instant time, double lat, double lon, double accuracyMeters,
                              PositionSource source, CoordinateSystem crs, Integer battery, Boolean charging,
                              Double speed, Double heading, Double altitude) {

    public BinaryFixRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(crs, "crs");
    }

    /** A WGS-84 fix of unknown source without telemetry. */
    public static BinaryFixRecord of(long seq, Instant time, double lat, double lon, double accuracyMeters) {
        return new BinaryFixRecord(seq, time, lat, lon, accuracyMeters, PositionSource.UNKNOWN,
                CoordinateSystem.WGS84, null, null, null, null, null);
    }
}
