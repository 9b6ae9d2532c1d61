package org.tether.geofence.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tether.geofence.zone.ZoneFixtures.HANGZHOU;
import static org.tether.geofence.zone.ZoneFixtures.zone;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.geo.Geodesy;

class CorridorBuilderTest {

    private static final double WIDTH = 400;

    /** ~30 km: 16 km north-east from West Lake, then 14 km south-east (a 60° turn at the middle point). */
    private static final GeoPoint A = HANGZHOU;
    private static final GeoPoint B = Geodesy.destination(A, 60, 16_000);
    private static final GeoPoint C = Geodesy.destination(B, 120, 14_000);
    private static final List<GeoPoint> ROUTE = List.of(A, B, C);

    private static PreparedZone prepared(Geometry g) {
        return new PreparedZone(zone("corridor", ZoneKind.INCLUSION, g));
    }

    private static GeoPoint lerp(GeoPoint a, GeoPoint b, double f) {
        return GeoPoint.of(a.lat() + f * (b.lat() - a.lat()), a.lon() + f * (b.lon() - a.lon()));
    }

    /** Direction of the lon/lat segment a–b at the point p on it, as a bearing in degrees. */
    private static double localBearing(GeoPoint a, GeoPoint b, GeoPoint p) {
        double east = (b.lon() - a.lon()) * Geodesy.metersPerDegreeLon(p.lat());
        double north = (b.lat() - a.lat()) * Geodesy.metersPerDegreeLat(p.lat());
        return Math.toDegrees(Math.atan2(east, north));
    }

    /** How far from p, along bearing, the corridor's edge is (by bisection on covers). */
    private static double edgeDistance(PreparedZone z, GeoPoint p, double bearing, double upTo) {
        assertTrue(z.covers(p), "the route point itself is in the corridor: " + p);
        double in = 0;
        double out = upTo;
        assertFalse(z.covers(Geodesy.destination(p, bearing, out)), "beyond the edge at " + upTo + " m");
        for (int i = 0; i < 40; i++) {
            double mid = (in + out) / 2;
            if (z.covers(Geodesy.destination(p, bearing, mid))) {
                in = mid;
            } else {
                out = mid;
            }
        }
        return in;
    }

    @Test
    void theRouteIsAboutThirtyKilometres() {
        double length = Geodesy.distanceMeters(A, B) + Geodesy.distanceMeters(B, C);
        assertEquals(30_000, length, 1);
    }

    @Test
    void pointsWithinNearlyHalfTheWidthOfTheRouteAreInsideAndPointsBeyondItAreNot() {
        PreparedZone z = prepared(CorridorBuilder.corridor(ROUTE, WIDTH));
        int checked = 0;
        for (GeoPoint[] seg : new GeoPoint[][] {{A, B}, {B, C}}) {
            for (int i = 1; i < 40; i++) {
                // Fractions 0.025 … 0.975: clear of the bend, whose inside the other leg's buffer fills.
                GeoPoint p = lerp(seg[0], seg[1], i / 40.0);
                double along = localBearing(seg[0], seg[1], p);
                for (double side : new double[] {-90, 90}) {
                    GeoPoint near = Geodesy.destination(p, along + side, 0.45 * WIDTH);
                    GeoPoint far = Geodesy.destination(p, along + side, 0.55 * WIDTH);
                    assertEquals(0.45 * WIDTH, Geodesy.distanceMeters(p, near), 1e-3);
                    String at = "fraction " + i / 40.0 + " side " + side + " of " + seg[0] + " -> " + seg[1];
                    assertTrue(z.covers(near), "0.45 × width: " + at);
                    assertFalse(z.covers(far), "0.55 × width: " + at);
                    checked++;
                }
            }
        }
        assertEquals(2 * 39 * 2, checked);
    }

    @Test
    void theEndsAndTheBendAreRoundedAtHalfTheWidth() {
        PreparedZone z = prepared(CorridorBuilder.corridor(ROUTE, WIDTH));
        // Beyond each end, straight on and at 45° off the route's line.
        double startBearing = localBearing(A, B, A) + 180;
        double endBearing = localBearing(B, C, C);
        for (double off : new double[] {0, 45, -45}) {
            assertTrue(z.covers(Geodesy.destination(A, startBearing + off, 0.45 * WIDTH)), "start " + off);
            assertFalse(z.covers(Geodesy.destination(A, startBearing + off, 0.55 * WIDTH)), "start " + off);
            assertTrue(z.covers(Geodesy.destination(C, endBearing + off, 0.45 * WIDTH)), "end " + off);
            assertFalse(z.covers(Geodesy.destination(C, endBearing + off, 0.55 * WIDTH)), "end " + off);
        }
        // On the outside of the bend (bisecting the turn, pointing away from the inside): also round.
        double outside = (localBearing(A, B, B) + localBearing(B, C, B)) / 2 - 90;
        assertTrue(z.covers(Geodesy.destination(B, outside, 0.45 * WIDTH)));
        assertFalse(z.covers(Geodesy.destination(B, outside, 0.55 * WIDTH)));
    }

    @Test
    void theCorridorIsOneValidDensifiedPolygon() {
        Geometry g = CorridorBuilder.corridor(ROUTE, WIDTH);
        Polygon polygon = assertInstanceOf(Polygon.class, g);
        assertTrue(polygon.isValid());
        assertEquals(0, polygon.getNumInteriorRing());
        assertEquals(4326, g.getSRID());
        Coordinate[] cs = g.getCoordinates();
        for (int i = 1; i < cs.length; i++) {
            double edge = Geodesy.distanceMeters(GeoPoint.of(cs[i - 1].y, cs[i - 1].x), GeoPoint.of(cs[i].y, cs[i].x));
            assertTrue(edge <= ZoneDensifier.DEFAULT_MAX_SEGMENT_METERS, "edge of " + edge + " m");
        }
        // It passes the validator the server runs on every saved zone.
        new ZoneValidator(100_000).validate(g);
    }

    @Test
    void aLongNorthSouthRouteIsAsWideAtBothEnds() {
        // 600 km due north from Beijing's latitude: a degree of longitude is ~11 % shorter at the far end,
        // so a single metric frame would make the corridor 11 % narrower (or wider) there.
        GeoPoint south = GeoPoint.of(40.0, 116.4);
        GeoPoint north = Geodesy.destination(south, 0, 600_000);
        assertEquals(south.lon(), north.lon(), 1e-9);
        double width = 1_000;
        PreparedZone z = prepared(CorridorBuilder.corridor(List.of(south, north), width));
        List<Double> widths = new ArrayList<>();
        for (double f : new double[] {0.01, 0.03, 0.5, 0.97, 0.99}) {
            GeoPoint p = lerp(south, north, f);
            double w = edgeDistance(z, p, 90, width) + edgeDistance(z, p, 270, width);
            assertEquals(width, w, 0.02 * width, "width at fraction " + f + " (lat " + p.lat() + ")");
            widths.add(w);
        }
        double southEnd = widths.get(0);
        double northEnd = widths.get(widths.size() - 1);
        assertEquals(southEnd, northEnd, 0.02 * southEnd, "south end " + southEnd + " m, north end " + northEnd + " m");
    }

    @Test
    void theWidthIsTrueMetresEastWestToo() {
        // An east–west route at 60 N, where a degree of longitude is half a degree of latitude.
        GeoPoint west = GeoPoint.of(60, 30);
        GeoPoint east = Geodesy.destination(west, 90, 20_000);
        PreparedZone z = prepared(CorridorBuilder.corridor(List.of(west, east), 600));
        GeoPoint mid = lerp(west, east, 0.5);
        double w = edgeDistance(z, mid, 0, 600) + edgeDistance(z, mid, 180, 600);
        assertEquals(600, w, 12);
        // Beyond the east end the round cap reaches out 300 m along the route's line.
        assertEquals(300, edgeDistance(z, east, localBearing(west, east, east), 600), 6);
    }

    // ---------------------------------------------------------------------------------------------
    // refusals

    @Test
    void anInvalidWidthIsRefusedWithItsReason() {
        for (double bad : new double[] {0, -10, Double.NaN, Double.POSITIVE_INFINITY, 50_000.5, 1e9}) {
            InvalidZoneException e = assertThrows(InvalidZoneException.class, () -> CorridorBuilder.corridor(ROUTE, bad),
                    "width " + bad);
            assertEquals("invalid_width", e.reason(), "width " + bad);
            assertTrue(e.location().isEmpty());
        }
        // The largest allowed width and a small one are accepted.
        assertInstanceOf(Polygon.class, CorridorBuilder.corridor(List.of(A, B), 50_000));
        assertInstanceOf(Polygon.class, CorridorBuilder.corridor(List.of(A, B), 1));
    }

    @Test
    void fewerThanTwoPointsAreRefusedWithTheirReason() {
        for (List<GeoPoint> route : List.of(List.<GeoPoint>of(), List.of(A))) {
            InvalidZoneException e = assertThrows(InvalidZoneException.class, () -> CorridorBuilder.corridor(route, WIDTH),
                    route.size() + " points");
            assertEquals("too_few_points", e.reason());
        }
        // The check on the points comes first: a bad width with one point is reported as too few points.
        assertEquals("too_few_points",
                assertThrows(InvalidZoneException.class, () -> CorridorBuilder.corridor(List.of(A), -1)).reason());
    }
}
