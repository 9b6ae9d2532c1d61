package org.tether.geofence.fix;

import java.time.Instant;
import java.util.Objects;
import org.tether.geofence.geo.GeoPoint;

/**
 * One position of one device, already converted to WGS-84: what the geofence engine evaluates.
 * Telemetry that does not bear on geofences (battery, speed, …) stays with the gateway's message.
 *
 * @param accuracyMeters radius of the accuracy circle in metres; positive
 */
public record Fix(String deviceId, Instant time, GeoPoint position, double accuracyMeters, PositionSource source) {

    public Fix {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(source, "source");
        if (!(accuracyMeters > 0) || Double.isInfinite(accuracyMeters)) {
            throw new IllegalArgumentException("accuracy must be a positive number of metres: " + accuracyMeters);
        }
    }
}
