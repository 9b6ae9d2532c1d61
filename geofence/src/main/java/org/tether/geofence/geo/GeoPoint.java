package org.tether.geofence.geo;

/**
 * A position on the earth as latitude and longitude in degrees. Which datum the numbers are in is
 * not part of the value: the code that holds a {@code GeoPoint} knows it (fixes carry a
 * {@link CoordinateSystem} beside it; everything past decoding is WGS-84).
 */
public record GeoPoint(double lat, double lon) {

    public GeoPoint {
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("latitude out of range [-90, 90]: " + lat);
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("longitude out of range [-180, 180]: " + lon);
        }
    }

    public static GeoPoint of(double lat, double lon) {
        return new GeoPoint(lat, lon);
    }
}
