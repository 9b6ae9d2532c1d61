package org.tether.simulator.geo;

/**
 * A WGS-84 position in decimal degrees.
 *
 * @param lat latitude, -90..90
 * @param lon longitude, -180..180
 */
public record GeoPoint(double lat, double lon) {

    public GeoPoint {
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw new IllegalArgumentException("latitude must be within -90..90, got " + lat);
        }
        if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
            throw new IllegalArgumentException("longitude must be within -180..180, got " + lon);
        }
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "(%.6f, %.6f)", lat, lon);
    }
}
