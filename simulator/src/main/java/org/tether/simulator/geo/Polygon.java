package org.tether.simulator.geo;

import java.util.List;

/**
 * A simple polygon given by its exterior ring: closed (first point repeated last), wound
 * counter-clockwise as RFC 7946 asks for exterior rings.
 */
public record Polygon(List<GeoPoint> exteriorRing) {

    public Polygon {
        exteriorRing = List.copyOf(exteriorRing);
        if (exteriorRing.size() < 4) {
            throw new IllegalArgumentException("a polygon ring needs at least 4 positions, got " + exteriorRing.size());
        }
        if (!exteriorRing.get(0).equals(exteriorRing.get(exteriorRing.size() - 1))) {
            throw new IllegalArgumentException("a polygon ring must be closed (first position repeated last)");
        }
    }

    /**
     * Twice the signed area of the ring in the lon/lat plane (shoelace formula): positive when
     * counter-clockwise with longitude as x and latitude as y.
     */
    public double signedArea2() {
        double sum = 0;
        for (int i = 0; i < exteriorRing.size() - 1; i++) {
            GeoPoint a = exteriorRing.get(i);
            GeoPoint b = exteriorRing.get(i + 1);
            sum += a.lon() * b.lat() - b.lon() * a.lat();
        }
        return sum;
    }

    public boolean isCounterClockwise() {
        return signedArea2() > 0;
    }
}
