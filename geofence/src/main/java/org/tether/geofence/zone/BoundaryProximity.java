package org.tether.geofence.zone;

/** Where a point lies relative to a zone once a margin in metres around its boundary is set aside. */
public enum BoundaryProximity {
    /** Covered by the zone and farther than the margin from its boundary. */
    INSIDE,
    /** Not covered by the zone and farther than the margin from its boundary. */
    OUTSIDE,
    /** Within the margin of the boundary, on either side. */
    NEAR_BOUNDARY
}
