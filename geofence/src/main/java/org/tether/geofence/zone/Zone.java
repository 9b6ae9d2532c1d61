package org.tether.geofence.zone;

import java.util.Objects;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.tether.geofence.geo.GeoPoint;

/**
 * A geofence as stored, in WGS-84 longitude/latitude (x = lon, y = lat): either a polygonal
 * geometry whose edges are straight lines in lon/lat (as PostGIS {@code geometry} and JTS read them),
 * or a circle — a centre {@link Point} and a radius in true metres on the ellipsoid (as PostGIS
 * {@code geography} measures it).
 *
 * @param radiusMeters the circle's radius, or 0 for a polygonal zone
 */
public record Zone(UUID id, String name, ZoneKind kind, Geometry geometry, double radiusMeters) {

    public Zone {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(geometry, "geometry");
        name = name == null ? "" : name;
        if (radiusMeters < 0 || Double.isNaN(radiusMeters)) {
            throw new IllegalArgumentException("radius must be >= 0: " + radiusMeters);
        }
        if (radiusMeters > 0 && !(geometry instanceof Point)) {
            throw new IllegalArgumentException("a circle zone's geometry is its centre point");
        }
    }

    /** A polygonal zone. */
    public Zone(UUID id, String name, ZoneKind kind, Geometry geometry) {
        this(id, name, kind, geometry, 0);
    }

    public boolean isCircle() {
        return radiusMeters > 0;
    }

    /** The circle's centre; only for circles. */
    public GeoPoint centre() {
        Point p = (Point) geometry;
        return new GeoPoint(p.getY(), p.getX());
    }
}
