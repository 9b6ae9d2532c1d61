package org.tether.simulator.geo;

import java.util.ArrayList;
import java.util.List;

/** Builds polygons approximating circles on the earth's surface. */
public final class CirclePolygon {

    public static final int DEFAULT_VERTICES = 64;

    private CirclePolygon() {
    }

    /**
     * A closed, counter-clockwise ring of {@code vertices} points, each {@code radiusM} metres (great
     * circle) from {@code center}.
     */
    public static Polygon around(GeoPoint center, double radiusM, int vertices) {
        if (!(radiusM > 0) || !Double.isFinite(radiusM)) {
            throw new IllegalArgumentException("radius must be positive, got " + radiusM);
        }
        if (vertices < 3) {
            throw new IllegalArgumentException("a circle polygon needs at least 3 vertices, got " + vertices);
        }
        List<GeoPoint> ring = new ArrayList<>(vertices + 1);
        for (int i = 0; i < vertices; i++) {
            // Compass bearings run clockwise, so walking them backwards gives a counter-clockwise ring.
            double bearing = Geodesy.normalizeBearing(-360.0 * i / vertices);
            ring.add(Geodesy.destination(center, bearing, radiusM));
        }
        ring.add(ring.get(0));
        return new Polygon(ring);
    }

    public static Polygon around(GeoPoint center, double radiusM) {
        return around(center, radiusM, DEFAULT_VERTICES);
    }
}
