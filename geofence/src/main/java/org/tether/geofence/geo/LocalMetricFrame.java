package org.tether.geofence.geo;

import java.util.Objects;

/**
 * A flat east/north metre grid tangent to the earth at a reference point, for cheap distance and
 * buffer arithmetic on zones and fixes that are close together (the JTS geometry code works in
 * planar units, and degrees of longitude and latitude are not the same length).
 *
 * <p>The projection is equirectangular: {@code x = (lon − lon₀)·m_lon(φ₀)} and
 * {@code y = (lat − lat₀)·m_lat(φ₀)}, with the exact WGS-84 scale factors of
 * {@link Geodesy#metersPerDegreeLon} and {@link Geodesy#metersPerDegreeLat} at the reference
 * latitude φ₀. Each conversion is one subtraction and one multiplication.
 *
 * <h2>Validity</h2>
 *
 * <p>Because the east–west scale is frozen at φ₀, east–west lengths at a point Δφ away (in radians)
 * from the reference are off by a relative ≈ tan φ₀ · Δφ. Consequences:
 *
 * <ul>
 *   <li>Distances <b>from the reference point</b> (e.g. a fix against a circle zone's centre) are
 *       within well under 0.1 % of the geodesic distance up to 5 km away at latitudes below 60°
 *       (worst case ≈ 0.03 %, i.e. about 1.5 m at 5 km).
 *   <li>Distances between two arbitrary points both within 5 km of the reference are worse, up
 *       to ≈ tan φ₀ · 5 km / R: about 0.05 % at 30°, 0.08 % at 45°, 0.14 % at 60°.
 * </ul>
 *
 * <p>Use a frame per zone or per fix, never one frame for a whole city. The longitude difference is
 * wrapped, so a frame near the antimeridian works across it.
 *
 * <p>Instances are immutable and therefore thread-safe.
 */
public final class LocalMetricFrame {

    private final GeoPoint reference;
    private final double metersPerDegreeLat;
    private final double metersPerDegreeLon;

    /**
     * @throws IllegalArgumentException if the reference is at a pole, where east has no direction
     *     and the longitude scale is zero
     */
    public LocalMetricFrame(GeoPoint reference) {
        this.reference = Objects.requireNonNull(reference, "reference");
        if (Math.abs(reference.lat()) >= 90.0) {
            throw new IllegalArgumentException("a local frame cannot be centred on a pole: " + reference);
        }
        this.metersPerDegreeLat = Geodesy.metersPerDegreeLat(reference.lat());
        this.metersPerDegreeLon = Geodesy.metersPerDegreeLon(reference.lat());
    }

    public static LocalMetricFrame at(GeoPoint reference) {
        return new LocalMetricFrame(reference);
    }

    public GeoPoint reference() {
        return reference;
    }

    /** Metres per degree of latitude used by this frame. */
    public double metersPerDegreeLat() {
        return metersPerDegreeLat;
    }

    /** Metres per degree of longitude used by this frame. */
    public double metersPerDegreeLon() {
        return metersPerDegreeLon;
    }

    /** Eastward offset from the reference, in metres, of longitude {@code lon}. */
    public double x(double lon) {
        double d = lon - reference.lon();
        // Wrap so a point just across the antimeridian is a few metres east, not 40 000 km west.
        if (d > 180.0) {
            d -= 360.0;
        } else if (d < -180.0) {
            d += 360.0;
        }
        return d * metersPerDegreeLon;
    }

    /** Northward offset from the reference, in metres, of latitude {@code lat}. */
    public double y(double lat) {
        return (lat - reference.lat()) * metersPerDegreeLat;
    }

    /** Longitude at eastward offset {@code x} metres, normalised to [-180, 180]. */
    public double lon(double x) {
        return Geodesy.normalizeLon(reference.lon() + x / metersPerDegreeLon);
    }

    /**
     * Latitude at northward offset {@code y} metres. Not clamped: far beyond the frame's useful
     * range it can leave [-90, 90].
     */
    public double lat(double y) {
        return reference.lat() + y / metersPerDegreeLat;
    }

    /** How many degrees of latitude span {@code meters} metres north–south near the reference. */
    public double degreesLatFor(double meters) {
        return meters / metersPerDegreeLat;
    }

    /** How many degrees of longitude span {@code meters} metres east–west near the reference. */
    public double degreesLonFor(double meters) {
        return meters / metersPerDegreeLon;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocalMetricFrame other && reference.equals(other.reference);
    }

    @Override
    public int hashCode() {
        return reference.hashCode();
    }

    @Override
    public String toString() {
        return "LocalMetricFrame[" + reference.lat() + ", " + reference.lon() + "]";
    }
}
