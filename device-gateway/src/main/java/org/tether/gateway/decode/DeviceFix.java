package org.tether.gateway.decode;

import org.tether.geofence.fix.Fix;
import org.tether.geofence.geo.CoordinateSystem;
import org.tether.geofence.geo.GeoPoint;

/**
 * One decoded, validated fix with the device's telemetry, as it will be stored.
 *
 * @param fix the fix in WGS-84, what the geofence engine evaluates
 * @param seq the device's sequence number, or null when the format has none
 * @param reported the position exactly as the device sent it, in {@code reportedCrs}
 * @param speed metres per second, or null; likewise heading (degrees from north), altitude (metres),
 *     battery (percent), charging
 */
public record DeviceFix(Fix fix, Long seq, GeoPoint reported, CoordinateSystem reportedCrs,
                        Double speed, Double heading, Double altitude, Integer battery, Boolean charging) {
}
