package org.tether.geofence.zone;

import java.util.Optional;
import org.tether.geofence.geo.GeoPoint;

/** A zone geometry that cannot be used, with what is wrong and, where known, where. */
public final class InvalidZoneException extends RuntimeException {

    private final String reason;
    private final GeoPoint location;

    public InvalidZoneException(String reason, String message, GeoPoint location) {
        super(message);
        this.reason = reason;
        this.location = location;
    }

    /** A stable machine-readable code, e.g. {@code self_intersection}. */
    public String reason() {
        return reason;
    }

    public Optional<GeoPoint> location() {
        return Optional.ofNullable(location);
    }
}
