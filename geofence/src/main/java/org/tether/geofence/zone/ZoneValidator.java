package org.tether.geofence.zone;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.tether.geofence.geo.GeoPoint;

/**
 * Rejects zone geometries that would make verdicts meaningless. Never repairs: a silently
 * "fixed" court-ordered zone is a different zone from the one the officer drew.
 */
public final class ZoneValidator {

    private final int maxVertices;

    public ZoneValidator(int maxVertices) {
        this.maxVertices = maxVertices;
    }

    /** @throws InvalidZoneException naming what is wrong and where */
    public void validate(Geometry g) {
        if (g == null || g.isEmpty()) {
            throw new InvalidZoneException("empty", "the zone geometry is empty", null);
        }
        if (!(g instanceof Polygon || g instanceof MultiPolygon)) {
            throw new InvalidZoneException("not_polygonal",
                    "a zone must be a Polygon or MultiPolygon, not " + g.getGeometryType(), null);
        }
        int vertices = g.getNumPoints();
        if (vertices > maxVertices) {
            throw new InvalidZoneException("too_many_vertices",
                    "the zone has " + vertices + " vertices; at most " + maxVertices + " are allowed", null);
        }
        for (Coordinate c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y) || c.y < -90 || c.y > 90 || c.x < -180 || c.x > 180) {
                throw new InvalidZoneException("coordinate_out_of_range",
                        "coordinate (" + c.x + ", " + c.y + ") is not a longitude/latitude", null);
            }
        }
        IsValidOp op = new IsValidOp(g);
        TopologyValidationError error = op.getValidationError();
        if (error != null) {
            Coordinate at = error.getCoordinate();
            GeoPoint where = at == null ? null : new GeoPoint(at.y, at.x);
            throw new InvalidZoneException(reasonCode(error),
                    error.getMessage() + (at == null ? "" : " at lon " + at.x + ", lat " + at.y), where);
        }
    }

    /** Largest circle accepted: beyond this a circle is not a place but a region; draw a polygon. */
    public static final double MAX_RADIUS_METERS = 100_000;

    /** @throws InvalidZoneException naming what is wrong */
    public void validateCircle(GeoPoint centre, double radiusMeters) {
        if (!(radiusMeters > 0)) {
            throw new InvalidZoneException("invalid_radius", "a circle's radius must be > 0 metres, was " + radiusMeters,
                    centre);
        }
        if (radiusMeters > MAX_RADIUS_METERS) {
            throw new InvalidZoneException("invalid_radius", "a circle's radius must be at most " + (long) MAX_RADIUS_METERS
                    + " metres, was " + radiusMeters, centre);
        }
    }

    private static String reasonCode(TopologyValidationError e) {
        return switch (e.getErrorType()) {
            case TopologyValidationError.SELF_INTERSECTION, TopologyValidationError.RING_SELF_INTERSECTION -> "self_intersection";
            case TopologyValidationError.RING_NOT_CLOSED -> "ring_not_closed";
            case TopologyValidationError.TOO_FEW_POINTS -> "too_few_points";
            case TopologyValidationError.HOLE_OUTSIDE_SHELL -> "hole_outside_shell";
            case TopologyValidationError.NESTED_HOLES -> "nested_holes";
            case TopologyValidationError.DISCONNECTED_INTERIOR -> "disconnected_interior";
            case TopologyValidationError.NESTED_SHELLS -> "nested_shells";
            case TopologyValidationError.DUPLICATE_RINGS -> "duplicate_rings";
            case TopologyValidationError.INVALID_COORDINATE -> "invalid_coordinate";
            default -> "invalid_geometry";
        };
    }
}
