package org.tether.geofence.geo;

import java.util.Objects;

/**
 * Converts positions between the datums devices and map SDKs report in, so that every geofence
 * check runs on WGS-84.
 *
 * <h2>Why these systems exist</h2>
 *
 * <ul>
 *   <li><b>WGS-84</b> is what GNSS receivers and phone OS location APIs produce.
 *   <li><b>GCJ-02</b> ("Mars coordinates") is the datum Chinese regulation requires of published
 *       maps inside mainland China. It is WGS-84 plus a deliberate, smooth, position-dependent
 *       offset of a few hundred metres; AMap and Tencent Maps report it. The forward formula used
 *       here is the widely published one (Krasovsky ellipsoid constants and the
 *       {@code transformLat}/{@code transformLon} polynomials) that the common open-source
 *       converters share. Outside a rough bounding box of mainland China the offset is not applied,
 *       so GCJ-02 equals WGS-84 there.
 *   <li><b>BD-09</b> is Baidu's additional obfuscation layered on GCJ-02 (a small rotation and
 *       scale about the origin plus a fixed shift); Baidu Maps reports it.
 *   <li><b>CGCS2000</b> (China Geodetic Coordinate System 2000, used by Tianditu) differs from
 *       WGS-84 by centimetres, far below fix noise, so it is treated as identical.
 * </ul>
 *
 * <h2>Accuracy of the inverses</h2>
 *
 * <p>Neither obfuscation has a closed-form inverse. The frequently copied one-step inverse (subtract
 * the offset computed at the <em>obfuscated</em> point) is wrong by up to about 5 m for GCJ-02,
 * which is enough to flip an inside/outside verdict at a zone boundary. {@link #gcj02ToWgs84} and
 * {@link #bd09ToGcj02} therefore solve the forward equation by fixed-point iteration: the offset
 * changes by only a few thousandths of any change in position, so each step shrinks the error by
 * a factor of several hundred. Iteration stops once the forward residual is below 10<sup>-7</sup>°
 * (after applying that last correction, which leaves an error of order 10<sup>-10</sup>°, well
 * below a millimetre), or after {@value #MAX_ITERATIONS} steps. Round trips are accurate to well under 1 cm
 * everywhere inside the box. Within a few hundred metres of the box edges the forward mapping is
 * discontinuous (that is how GCJ-02 is defined), so there a GCJ-02 position may have no exact WGS-84
 * pre-image; the best iterate found is returned.
 *
 * <h2>Thread-safety</h2>
 *
 * <p>All methods are static and pure (no shared mutable state, no caching), so they are safe to call
 * from any number of threads concurrently.
 */
public final class CoordinateConverter {

    /** Semi-major axis of the Krasovsky 1940 ellipsoid, as hard-wired into GCJ-02. */
    private static final double KRASOVSKY_A = 6378245.0;

    /** First eccentricity squared of the Krasovsky ellipsoid, as hard-wired into GCJ-02. */
    private static final double KRASOVSKY_EE = 0.00669342162296594323;

    private static final double X_PI = Math.PI * 3000.0 / 180.0;

    /**
     * Residual at which the inverse stops iterating. The final correction is still applied, so the
     * actual error is this times the contraction factor (a few thousandths).
     */
    private static final double INVERSE_TOLERANCE_DEG = 1e-7;

    /**
     * Bound on inverse iterations. Inside China convergence takes 3–4 steps; the bound only matters
     * near the bounding-box edge, where the forward mapping jumps and iteration may not settle.
     */
    private static final int MAX_ITERATIONS = 30;

    private CoordinateConverter() {}

    /**
     * Converts {@code p}, expressed in {@code from}, to WGS-84.
     *
     * @throws NullPointerException if an argument is null
     */
    public static GeoPoint toWgs84(GeoPoint p, CoordinateSystem from) {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(from, "from");
        return switch (from) {
            case WGS84, CGCS2000 -> p;
            case GCJ02 -> gcj02ToWgs84(p);
            case BD09 -> gcj02ToWgs84(bd09ToGcj02(p));
        };
    }

    /**
     * Converts the WGS-84 position {@code wgs} to {@code to}.
     *
     * @throws NullPointerException if an argument is null
     */
    public static GeoPoint fromWgs84(GeoPoint wgs, CoordinateSystem to) {
        Objects.requireNonNull(wgs, "wgs");
        Objects.requireNonNull(to, "to");
        return switch (to) {
            case WGS84, CGCS2000 -> wgs;
            case GCJ02 -> wgs84ToGcj02(wgs);
            case BD09 -> gcj02ToBd09(wgs84ToGcj02(wgs));
        };
    }

    /** Applies the GCJ-02 offset; identity outside the mainland-China bounding box. */
    public static GeoPoint wgs84ToGcj02(GeoPoint wgs) {
        Objects.requireNonNull(wgs, "wgs");
        double[] g = wgsToGcjRaw(wgs.lat(), wgs.lon());
        return point(g[0], g[1]);
    }

    /**
     * Removes the GCJ-02 offset by fixed-point iteration (see the class comment for accuracy);
     * identity where the forward transform is the identity.
     */
    public static GeoPoint gcj02ToWgs84(GeoPoint gcj) {
        Objects.requireNonNull(gcj, "gcj");
        double targetLat = gcj.lat();
        double targetLon = gcj.lon();
        // Seeding with the target makes points outside the box converge on the first step, since
        // the forward transform is the identity there.
        double lat = targetLat;
        double lon = targetLon;
        double bestLat = lat;
        double bestLon = lon;
        double bestResidual = Double.POSITIVE_INFINITY;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double[] f = wgsToGcjRaw(lat, lon);
            double dLat = f[0] - targetLat;
            double dLon = f[1] - targetLon;
            double residual = Math.max(Math.abs(dLat), Math.abs(dLon));
            if (residual < bestResidual) {
                bestResidual = residual;
                bestLat = lat;
                bestLon = lon;
            }
            lat -= dLat;
            lon -= dLon;
            if (residual < INVERSE_TOLERANCE_DEG) {
                return point(lat, lon);
            }
        }
        return point(bestLat, bestLon);
    }

    /**
     * Applies Baidu's BD-09 transform to a GCJ-02 position. The formula is applied everywhere, as
     * Baidu does; results are wrapped/clamped into valid latitude/longitude ranges.
     */
    public static GeoPoint gcj02ToBd09(GeoPoint gcj) {
        Objects.requireNonNull(gcj, "gcj");
        double[] b = gcjToBdRaw(gcj.lat(), gcj.lon());
        return point(b[0], b[1]);
    }

    /**
     * Inverts {@link #gcj02ToBd09} by fixed-point iteration, seeded with the usual closed-form
     * approximate inverse (which alone is off by up to about 0.2 m).
     */
    public static GeoPoint bd09ToGcj02(GeoPoint bd) {
        Objects.requireNonNull(bd, "bd");
        double targetLat = bd.lat();
        double targetLon = bd.lon();
        double x = targetLon - 0.0065;
        double y = targetLat - 0.006;
        double z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
        double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
        double lat = z * Math.sin(theta);
        double lon = z * Math.cos(theta);
        double bestLat = lat;
        double bestLon = lon;
        double bestResidual = Double.POSITIVE_INFINITY;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double[] f = gcjToBdRaw(lat, lon);
            double dLat = f[0] - targetLat;
            double dLon = f[1] - targetLon;
            double residual = Math.max(Math.abs(dLat), Math.abs(dLon));
            if (residual < bestResidual) {
                bestResidual = residual;
                bestLat = lat;
                bestLon = lon;
            }
            lat -= dLat;
            lon -= dLon;
            if (residual < INVERSE_TOLERANCE_DEG) {
                return point(lat, lon);
            }
        }
        return point(bestLat, bestLon);
    }

    /**
     * The rough bounding box the common open-source converters use for "GCJ-02 applies here".
     * It is a rectangle, so it also covers parts of neighbouring countries (and Hong Kong, Macau
     * and Taiwan); a finer polygon test would change results only near borders, and matching the
     * converters that produced the data matters more.
     */
    static boolean outsideChina(double lat, double lon) {
        return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
    }

    // Works on raw doubles so the inverses can iterate without creating (and range-checking)
    // intermediate GeoPoints.
    private static double[] wgsToGcjRaw(double lat, double lon) {
        if (outsideChina(lat, lon)) {
            return new double[] {lat, lon};
        }
        double dLat = transformLat(lon - 105.0, lat - 35.0);
        double dLon = transformLon(lon - 105.0, lat - 35.0);
        double radLat = Math.toRadians(lat);
        double sinLat = Math.sin(radLat);
        double magic = 1 - KRASOVSKY_EE * sinLat * sinLat;
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (KRASOVSKY_A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {lat + dLat, lon + dLon};
    }

    private static double[] gcjToBdRaw(double lat, double lon) {
        double z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
        double theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
        return new double[] {z * Math.sin(theta) + 0.006, z * Math.cos(theta) + 0.0065};
    }

    private static double transformLat(double x, double y) {
        double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320.0 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return ret;
    }

    private static double transformLon(double x, double y) {
        double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return ret;
    }

    // BD-09 is applied globally, so near the antimeridian or the poles its shift can push a value
    // just past the valid range; GeoPoint would reject that.
    private static GeoPoint point(double lat, double lon) {
        double clampedLat = Math.max(-90.0, Math.min(90.0, lat));
        double wrappedLon = lon;
        if (wrappedLon > 180.0) {
            wrappedLon -= 360.0;
        } else if (wrappedLon < -180.0) {
            wrappedLon += 360.0;
        }
        return new GeoPoint(clampedLat, wrappedLon);
    }
}
