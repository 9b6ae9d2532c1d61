package org.tether.server.phone;

import java.time.Instant;
import org.tether.geofence.fix.PositionSource;
import org.tether.geofence.geo.CoordinateSystem;
import org.tether.geofence.geo.GeoPoint;

/** A phone fix that passed the value rules: WGS-84 position, and the position as sent with its system. */
public record ValidFix(Instant time, GeoPoint wgs84, GeoPoint reported, CoordinateSystem crs, double accuracyMeters,
                PositionSource source) {
}
