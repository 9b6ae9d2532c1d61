package org.tether.geofence.geo;

import java.util.Objects;

/**
 * Distances and positions on the earth, in metres.
 *
 * <p>Ellipsoidal methods use WGS-84 (a = 6378137 m, f = 1/298.257223563); {@link #haversineMeters}
 * uses a sphere of the IUGG mean radius 6371008.8 m. All inputs and outputs are WGS-84 degrees.
 *
 * <h2>Accuracy and cost</h2>
 *
 * <ul>
 *   <li>{@link #distanceMeters}: Vincenty's inverse formula, accurate to about 0.5 mm
 *       (Vincenty's stated bound; iteration runs to 10<sup>-12</sup> rad). It iterates, typically
 *       2–5 times, each step a handful of trig calls, so it costs roughly five to ten times a
 *       haversine (well under a microsecond on current hardware). For near-antipodal
 *       points, where Vincenty does not converge, it falls back to haversine (error up to ~0.5 %,
 *       e.g. 11 km on 20 000 km for two antipodal points on the equator).
 *   <li>{@link #haversineMeters}: closed form, a few trig calls; up to ~0.5 % error from ignoring
 *       the earth's flattening. Fine for rough ranking, not for boundary decisions.
 *   <li>{@link #destination}: Vincenty's direct formula, accurate to well under a millimetre,
 *       similar cost to the inverse.
 *   <li>{@link #metersPerDegreeLat}/{@link #metersPerDegreeLon}: exact closed forms from the
 *       meridional and prime-vertical radii of curvature; a few arithmetic operations and one
 *       {@code sin}/{@code cos}.
 * </ul>
 *
 * <p>All methods are static and pure, so they are safe for concurrent use.
 */
public final class Geodesy {

    /** WGS-84 semi-major axis, metres. */
    public static final double WGS84_A = 6378137.0;

    /** WGS-84 flattening. */
    public static final double WGS84_F = 1 / 298.257223563;

    /** WGS-84 semi-minor axis, metres. */
    public static final double WGS84_B = WGS84_A * (1 - WGS84_F);

    /** WGS-84 first eccentricity squared. */
    public static final double WGS84_E2 = WGS84_F * (2 - WGS84_F);

    /** IUGG mean earth radius (2a + b) / 3, metres, used for spherical approximations. */
    public static final double MEAN_RADIUS = 6371008.8;

    private static final double CONVERGENCE = 1e-12;

    // Far more than ordinary convergence needs; hitting it signals the near-antipodal case.
    private static final int MAX_ITERATIONS = 200;

    private Geodesy() {}

    /**
     * Geodesic (shortest path on the WGS-84 ellipsoid) distance between two points, in metres.
     * Falls back to {@link #haversineMeters} only when Vincenty's iteration fails to converge,
     * which happens only for nearly antipodal points.
     */
    public static double distanceMeters(GeoPoint a, GeoPoint b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        double d = vincentyInverse(a, b);
        return Double.isNaN(d) ? haversineMeters(a, b) : d;
    }

    /** Returns NaN when the iteration does not converge. */
    private static double vincentyInverse(GeoPoint p1, GeoPoint p2) {
        // Wrap so points either side of the antimeridian are a small longitude apart; Vincenty's
        // series is only valid for |L| <= π and would otherwise fall back to haversine.
        double l = Math.toRadians(normalizeLon(p2.lon() - p1.lon()));
        double u1 = Math.atan((1 - WGS84_F) * Math.tan(Math.toRadians(p1.lat())));
        double u2 = Math.atan((1 - WGS84_F) * Math.tan(Math.toRadians(p2.lat())));
        double sinU1 = Math.sin(u1);
        double cosU1 = Math.cos(u1);
        double sinU2 = Math.sin(u2);
        double cosU2 = Math.cos(u2);

        double lambda = l;
        double sinSigma;
        double cosSigma;
        double sigma;
        double cosSqAlpha;
        double cos2SigmaM;
        int iterations = 0;
        while (true) {
            double sinLambda = Math.sin(lambda);
            double cosLambda = Math.cos(lambda);
            double t1 = cosU2 * sinLambda;
            double t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
            sinSigma = Math.sqrt(t1 * t1 + t2 * t2);
            if (sinSigma == 0) {
                return 0.0;
            }
            cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            sigma = Math.atan2(sinSigma, cosSigma);
            double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            cosSqAlpha = 1 - sinAlpha * sinAlpha;
            // Both points on the equator: cos²α is 0 and the term it divides vanishes anyway.
            cos2SigmaM = cosSqAlpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cosSqAlpha : 0.0;
            double c = WGS84_F / 16 * cosSqAlpha * (4 + WGS84_F * (4 - 3 * cosSqAlpha));
            double previous = lambda;
            lambda = l + (1 - c) * WGS84_F * sinAlpha
                    * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
            // |λ| > π means the iteration has wandered past the antipodal region where the series
            // is not valid; the result would be garbage even if it settled.
            if (Math.abs(lambda) > Math.PI) {
                return Double.NaN;
            }
            if (Math.abs(lambda - previous) < CONVERGENCE) {
                break;
            }
            if (++iterations >= MAX_ITERATIONS) {
                return Double.NaN;
            }
        }
        double uSq = cosSqAlpha * (WGS84_A * WGS84_A - WGS84_B * WGS84_B) / (WGS84_B * WGS84_B);
        double bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
        double bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
        double deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
        return WGS84_B * bigA * (sigma - deltaSigma);
    }

    /** Great-circle distance on a sphere of radius {@link #MEAN_RADIUS}, in metres. */
    public static double haversineMeters(GeoPoint a, GeoPoint b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        double phi1 = Math.toRadians(a.lat());
        double phi2 = Math.toRadians(b.lat());
        double sinDPhi = Math.sin((phi2 - phi1) / 2);
        double sinDLambda = Math.sin(Math.toRadians(b.lon() - a.lon()) / 2);
        double h = sinDPhi * sinDPhi + Math.cos(phi1) * Math.cos(phi2) * sinDLambda * sinDLambda;
        // Rounding can push h a hair above 1 for antipodal points, and asin would return NaN.
        return 2 * MEAN_RADIUS * Math.asin(Math.sqrt(Math.min(1.0, h)));
    }

    /**
     * The point reached by following the geodesic from {@code start} with initial bearing
     * {@code bearingDegrees} (clockwise from true north) for {@code distanceMeters} metres
     * (Vincenty's direct formula). A negative distance travels backwards along the bearing. The
     * returned longitude is normalised to [-180, 180].
     *
     * @throws IllegalArgumentException if bearing or distance is not finite
     */
    public static GeoPoint destination(GeoPoint start, double bearingDegrees, double distanceMeters) {
        Objects.requireNonNull(start, "start");
        if (!Double.isFinite(bearingDegrees) || !Double.isFinite(distanceMeters)) {
            throw new IllegalArgumentException(
                    "bearing and distance must be finite: " + bearingDegrees + ", " + distanceMeters);
        }
        if (distanceMeters == 0) {
            return start;
        }
        double alpha1 = Math.toRadians(bearingDegrees);
        double sinAlpha1 = Math.sin(alpha1);
        double cosAlpha1 = Math.cos(alpha1);

        double tanU1 = (1 - WGS84_F) * Math.tan(Math.toRadians(start.lat()));
        double cosU1 = 1 / Math.sqrt(1 + tanU1 * tanU1);
        double sinU1 = tanU1 * cosU1;
        double sigma1 = Math.atan2(tanU1, cosAlpha1);
        double sinAlpha = cosU1 * sinAlpha1;
        double cosSqAlpha = 1 - sinAlpha * sinAlpha;
        double uSq = cosSqAlpha * (WGS84_A * WGS84_A - WGS84_B * WGS84_B) / (WGS84_B * WGS84_B);
        double bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
        double bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));

        double sigma = distanceMeters / (WGS84_B * bigA);
        double sinSigma;
        double cosSigma;
        double cos2SigmaM;
        int iterations = 0;
        while (true) {
            cos2SigmaM = Math.cos(2 * sigma1 + sigma);
            sinSigma = Math.sin(sigma);
            cosSigma = Math.cos(sigma);
            double deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                    - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
            double previous = sigma;
            sigma = distanceMeters / (WGS84_B * bigA) + deltaSigma;
            // The direct problem always converges (it is a contraction with factor ~f); the bound
            // is a guard, not an expected exit.
            if (Math.abs(sigma - previous) < CONVERGENCE || ++iterations >= MAX_ITERATIONS) {
                break;
            }
        }
        cos2SigmaM = Math.cos(2 * sigma1 + sigma);
        sinSigma = Math.sin(sigma);
        cosSigma = Math.cos(sigma);

        double tmp = sinU1 * sinSigma - cosU1 * cosSigma * cosAlpha1;
        double phi2 = Math.atan2(sinU1 * cosSigma + cosU1 * sinSigma * cosAlpha1,
                (1 - WGS84_F) * Math.sqrt(sinAlpha * sinAlpha + tmp * tmp));
        double lambda = Math.atan2(sinSigma * sinAlpha1, cosU1 * cosSigma - sinU1 * sinSigma * cosAlpha1);
        double c = WGS84_F / 16 * cosSqAlpha * (4 + WGS84_F * (4 - 3 * cosSqAlpha));
        double bigL = lambda - (1 - c) * WGS84_F * sinAlpha
                * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
        double lon = normalizeLon(start.lon() + Math.toDegrees(bigL));
        double lat = Math.max(-90.0, Math.min(90.0, Math.toDegrees(phi2)));
        return new GeoPoint(lat, lon);
    }

    /**
     * Length of one degree of latitude at {@code latDeg}, in metres: (π/180)·M, where
     * M = a(1−e²)/(1−e²sin²φ)<sup>3/2</sup> is the meridional radius of curvature. This is the
     * local rate, exact for infinitesimal steps; about 110574 m at the equator, 111694 m at the
     * poles.
     */
    public static double metersPerDegreeLat(double latDeg) {
        double s = Math.sin(Math.toRadians(latDeg));
        double w = 1 - WGS84_E2 * s * s;
        return Math.toRadians(1) * WGS84_A * (1 - WGS84_E2) / (w * Math.sqrt(w));
    }

    /**
     * Length of one degree of longitude at {@code latDeg}, in metres: (π/180)·N·cos φ, where
     * N = a/√(1−e²sin²φ) is the prime-vertical radius of curvature. About 111319 m at the equator,
     * zero at the poles.
     */
    public static double metersPerDegreeLon(double latDeg) {
        double phi = Math.toRadians(latDeg);
        double s = Math.sin(phi);
        // cos(±90°) is ~6e-17 rather than 0 in floating point; clamp so the poles give a clean 0.
        double cos = Math.abs(latDeg) >= 90 ? 0.0 : Math.cos(phi);
        return Math.toRadians(1) * WGS84_A / Math.sqrt(1 - WGS84_E2 * s * s) * cos;
    }

    static double normalizeLon(double lon) {
        if (lon >= -180.0 && lon <= 180.0) {
            return lon;
        }
        double wrapped = ((lon + 180.0) % 360.0 + 360.0) % 360.0 - 180.0;
        // The modulo maps +180 to -180; either is valid but keep the sign the caller is heading in.
        return wrapped == -180.0 && lon > 0 ? 180.0 : wrapped;
    }
}
