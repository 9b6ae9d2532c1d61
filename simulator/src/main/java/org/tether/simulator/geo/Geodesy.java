package org.tether.simulator.geo;

/**
 * Spherical-earth geodesy, accurate to well under 0.5 % over the few kilometres the simulator works
 * with. Working on the sphere (rather than in raw degrees) is what makes a degree of longitude
 * correctly shorter than a degree of latitude away from the equator (by cos(latitude)).
 */
public final class Geodesy {

    /** Mean earth radius (IUGG), metres. */
    public static final double EARTH_RADIUS_M = 6_371_008.8;

    private Geodesy() {
    }

    /** Great-circle distance in metres. */
    public static double distanceM(GeoPoint a, GeoPoint b) {
        double phi1 = Math.toRadians(a.lat());
        double phi2 = Math.toRadians(b.lat());
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(b.lon() - a.lon());
        double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** Initial compass bearing from {@code a} to {@code b}, 0..360. */
    public static double bearingDeg(GeoPoint a, GeoPoint b) {
        double phi1 = Math.toRadians(a.lat());
        double phi2 = Math.toRadians(b.lat());
        double dLambda = Math.toRadians(b.lon() - a.lon());
        double y = Math.sin(dLambda) * Math.cos(phi2);
        double x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLambda);
        return normalizeBearing(Math.toDegrees(Math.atan2(y, x)));
    }

    /** The point reached by travelling {@code distanceM} along the great circle starting at {@code bearingDeg}. */
    public static GeoPoint destination(GeoPoint start, double bearingDeg, double distanceM) {
        double delta = distanceM / EARTH_RADIUS_M;
        double theta = Math.toRadians(bearingDeg);
        double phi1 = Math.toRadians(start.lat());
        double lambda1 = Math.toRadians(start.lon());
        double sinPhi2 = Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta);
        double phi2 = Math.asin(Math.max(-1, Math.min(1, sinPhi2)));
        double y = Math.sin(theta) * Math.sin(delta) * Math.cos(phi1);
        double x = Math.cos(delta) - Math.sin(phi1) * sinPhi2;
        double lambda2 = lambda1 + Math.atan2(y, x);
        return new GeoPoint(Math.toDegrees(phi2), normalizeLon(Math.toDegrees(lambda2)));
    }

    /** Metres per degree of latitude (constant on the sphere). */
    public static double metresPerDegreeLat() {
        return Math.toRadians(1) * EARTH_RADIUS_M;
    }

    /** Metres per degree of longitude at a latitude: shrinks with cos(latitude). */
    public static double metresPerDegreeLon(double latDeg) {
        return metresPerDegreeLat() * Math.cos(Math.toRadians(latDeg));
    }

    public static double normalizeBearing(double deg) {
        double b = deg % 360.0;
        return b < 0 ? b + 360.0 : b;
    }

    static double normalizeLon(double deg) {
        double l = ((deg + 180.0) % 360.0 + 360.0) % 360.0 - 180.0;
        return l == -180.0 && deg > 0 ? 180.0 : l;
    }
}
