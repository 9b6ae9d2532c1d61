package org.tether.geofence.zone;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.geo.LocalMetricFrame;

/**
 * Test geometry built in metres around a real place. Rings are laid out in a {@link LocalMetricFrame}
 * at the given centre and stored as WGS-84 lon/lat, as zones are. Expected distances in the tests are
 * always measured with {@code Geodesy}, not taken from these layouts.
 */
public final class ZoneFixtures {

    /** West Lake, Hangzhou. */
    public static final GeoPoint HANGZHOU = GeoPoint.of(30.2741, 120.1551);

    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private ZoneFixtures() {}

    public static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    public static Zone zone(String name, ZoneKind kind, Geometry geometry) {
        return new Zone(id(name), name, kind, geometry);
    }

    /** A circle zone: centre point and a radius in true metres on the ellipsoid. */
    public static Zone circle(String name, ZoneKind kind, GeoPoint centre, double radiusM) {
        return new Zone(id(name), name, kind, FACTORY.createPoint(new Coordinate(centre.lon(), centre.lat())), radiusM);
    }

    /** A closed ring through the given east/north metre offsets from {@code center}. */
    public static LinearRing ring(GeoPoint center, double[][] xy) {
        LocalMetricFrame f = LocalMetricFrame.at(center);
        Coordinate[] cs = new Coordinate[xy.length + 1];
        for (int i = 0; i < xy.length; i++) {
            cs[i] = new Coordinate(f.lon(xy[i][0]), f.lat(xy[i][1]));
        }
        cs[xy.length] = cs[0].copy();
        return FACTORY.createLinearRing(cs);
    }

    /** Axis-aligned (edges along meridians and parallels) rectangle ring, counter-clockwise. */
    public static LinearRing rectangleRing(GeoPoint center, double halfWidthM, double halfHeightM) {
        return ring(center, new double[][] {
            {-halfWidthM, -halfHeightM}, {halfWidthM, -halfHeightM}, {halfWidthM, halfHeightM}, {-halfWidthM, halfHeightM}
        });
    }

    /** Regular n-gon ring, counter-clockwise, first vertex due east of the centre. */
    public static LinearRing regularRing(GeoPoint center, double radiusM, int n) {
        double[][] xy = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            xy[i] = new double[] {radiusM * Math.cos(a), radiusM * Math.sin(a)};
        }
        return ring(center, xy);
    }

    public static Polygon polygon(LinearRing shell, LinearRing... holes) {
        return FACTORY.createPolygon(shell, holes);
    }

    public static Polygon rectangle(GeoPoint center, double halfWidthM, double halfHeightM) {
        return polygon(rectangleRing(center, halfWidthM, halfHeightM));
    }

    public static Polygon regular(GeoPoint center, double radiusM, int n) {
        return polygon(regularRing(center, radiusM, n));
    }

    /** The point {@code eastM} metres east and {@code northM} metres north of {@code center} in its local frame. */
    public static GeoPoint offset(GeoPoint center, double eastM, double northM) {
        LocalMetricFrame f = LocalMetricFrame.at(center);
        return GeoPoint.of(f.lat(northM), f.lon(eastM));
    }
}
