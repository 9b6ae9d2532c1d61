package org.tether.geofence.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tether.geofence.zone.ZoneFixtures.FACTORY;
import static org.tether.geofence.zone.ZoneFixtures.HANGZHOU;
import static org.tether.geofence.zone.ZoneFixtures.offset;
import static org.tether.geofence.zone.ZoneFixtures.polygon;
import static org.tether.geofence.zone.ZoneFixtures.rectangleRing;
import static org.tether.geofence.zone.ZoneFixtures.regular;
import static org.tether.geofence.zone.ZoneFixtures.ring;
import static org.tether.geofence.zone.ZoneFixtures.zone;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.LinearComponentExtracter;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.geo.Geodesy;

class ZoneDensifierTest {

    private static GeoPoint p(Coordinate c) {
        return GeoPoint.of(c.y, c.x);
    }

    private static List<LineString> rings(Geometry g) {
        @SuppressWarnings("unchecked")
        List<LineString> lines = LinearComponentExtracter.getLines(g);
        return lines;
    }

    /** The longest edge of any ring, in metres by the geodesic between its end points. */
    private static double longestEdge(Geometry g) {
        double max = 0;
        for (LineString line : rings(g)) {
            Coordinate[] cs = line.getCoordinates();
            for (int i = 1; i < cs.length; i++) {
                max = Math.max(max, Geodesy.distanceMeters(p(cs[i - 1]), p(cs[i])));
            }
        }
        return max;
    }

    /** A random star-shaped (hence simple) polygon of {@code n} vertices within {@code maxR} metres of {@code c}. */
    private static Polygon randomStar(Random rnd, GeoPoint c, int n, double maxR) {
        double[][] xy = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * (i + 0.3 * rnd.nextDouble()) / n;
            double r = maxR * (0.3 + 0.7 * rnd.nextDouble());
            xy[i] = new double[] {r * Math.cos(a), r * Math.sin(a)};
        }
        return polygon(ring(c, xy));
    }

    // ---------------------------------------------------------------------------------------------
    // lengths

    @Test
    void noEdgeIsLongerThanTheMaximumAfterwardsMeasuredOnTheEllipsoid() {
        Random rnd = new Random(5);
        List<GeoPoint> centres = List.of(HANGZHOU, GeoPoint.of(0.5, 100), GeoPoint.of(45, 87.6), GeoPoint.of(53.5, 122.3),
                GeoPoint.of(60, 30.3), GeoPoint.of(-33.9, 151.2));
        int edgesChecked = 0;
        for (GeoPoint c : centres) {
            for (double max : new double[] {50, 100, 250, 1_000, 3_000}) {
                for (int k = 0; k < 8; k++) {
                    Polygon g = randomStar(rnd, c, 3 + rnd.nextInt(10), max * (2 + 40 * rnd.nextDouble()));
                    Geometry d = ZoneDensifier.densify(g, max);
                    double longest = longestEdge(d);
                    assertTrue(longest <= max, "longest edge " + longest + " m > max " + max + " m at " + c);
                    edgesChecked += d.getNumPoints() - 1;
                }
            }
        }
        assertTrue(edgesChecked > 10_000, "edges checked " + edgesChecked);
    }

    @Test
    void edgesJustOverAMultipleOfTheMaximumAreCutIntoShortEnoughPieces() {
        // The cases where the piece count is decided by a hair: edges of k × max plus or minus a little,
        // east–west (where the ellipsoid is furthest from a sphere's length) and north–south, at 0–60°.
        for (double lat : new double[] {0, 30, 45, 60}) {
            for (double bearing : new double[] {0, 45, 90, 135}) {
                for (double length : new double[] {999, 1_000, 1_001, 1_004, 1_006, 9_950, 10_020, 49_900, 50_050}) {
                    GeoPoint a = GeoPoint.of(lat, 120);
                    GeoPoint b = Geodesy.destination(a, bearing, length);
                    LineString line = FACTORY.createLineString(new Coordinate[] {
                            new Coordinate(a.lon(), a.lat()), new Coordinate(b.lon(), b.lat())});
                    Geometry d = ZoneDensifier.densify(line, 1_000);
                    double longest = longestEdge(d);
                    String what = length + " m at lat " + lat + " bearing " + bearing;
                    assertTrue(longest <= 1_000, "a piece of " + longest + " m for an edge of " + what);
                    // ... and not cut needlessly fine: at most one piece more than the geodesic length needs.
                    int needed = (int) Math.ceil(Geodesy.distanceMeters(a, b) / 1_000);
                    assertTrue(d.getNumPoints() - 1 <= needed + 1, (d.getNumPoints() - 1) + " pieces for " + what);
                }
            }
        }
    }

    @Test
    void shortEdgesAreLeftAlone() {
        Polygon small = regular(HANGZHOU, 300, 12); // edges ~155 m
        Geometry d = ZoneDensifier.densify(small, 1_000);
        assertTrue(small.equalsExact(d), "unchanged: " + d);
        // ... but with a maximum under the edge length, every edge is split in two.
        Geometry finer = ZoneDensifier.densify(small, 100);
        assertEquals(small.getNumPoints() + 12, finer.getNumPoints());
    }

    // ---------------------------------------------------------------------------------------------
    // the zone is the same zone

    @Test
    void theOriginalVerticesAreKeptInOrderAndNewOnesLieOnTheLonLatEdges() {
        Random rnd = new Random(9);
        for (int k = 0; k < 20; k++) {
            Polygon g = randomStar(rnd, HANGZHOU, 4 + rnd.nextInt(8), 20_000);
            Geometry d = ZoneDensifier.densify(g, 700);
            Coordinate[] original = g.getExteriorRing().getCoordinates();
            Coordinate[] dense = ((Polygon) d).getExteriorRing().getCoordinates();
            assertTrue(dense.length > original.length * 3, "was densified: " + dense.length);
            int j = 0;
            for (int i = 0; i < original.length; i++) {
                // Advance to the next original vertex; every point skipped must lie on the edge before it.
                int start = j;
                while (j < dense.length && !dense[j].equals2D(original[i])) {
                    j++;
                }
                assertTrue(j < dense.length, "original vertex " + i + " not found in order");
                for (int m = start; m < j; m++) {
                    Coordinate a = original[i - 1];
                    Coordinate b = original[i];
                    assertOnSegment(a, b, dense[m]);
                }
                j++;
            }
            assertEquals(dense.length, j, "nothing after the closing vertex");
            assertTrue(dense[0].equals2D(original[0]) && dense[dense.length - 1].equals2D(original[0]), "closed ring");
        }
    }

    /** {@code c} lies on the lon/lat segment a–b (to rounding), strictly between its ends. */
    private static void assertOnSegment(Coordinate a, Coordinate b, Coordinate c) {
        double dx = b.x - a.x;
        double dy = b.y - a.y;
        double t = ((c.x - a.x) * dx + (c.y - a.y) * dy) / (dx * dx + dy * dy);
        double offX = a.x + t * dx - c.x;
        double offY = a.y + t * dy - c.y;
        assertTrue(t > 0 && t < 1, "t = " + t);
        assertTrue(Math.hypot(offX, offY) < 1e-12, "off the edge by " + Math.hypot(offX, offY) + " degrees");
    }

    @Test
    void coversIsUnchangedForRandomPointsAndForPointsACentimetreFromAnEdge() {
        Random rnd = new Random(13);
        int inside = 0;
        int checked = 0;
        for (int k = 0; k < 10; k++) {
            Polygon g = polygon(randomStar(rnd, HANGZHOU, 8, 30_000).getExteriorRing(),
                    rectangleRing(HANGZHOU, 2_000, 1_500));
            PreparedZone before = new PreparedZone(zone("before", ZoneKind.INCLUSION, g));
            PreparedZone after = new PreparedZone(zone("after", ZoneKind.INCLUSION, ZoneDensifier.densify(g, 500)));
            for (int i = 0; i < 1_000; i++) {
                GeoPoint q = offset(HANGZHOU, rnd.nextDouble() * 64_000 - 32_000, rnd.nextDouble() * 64_000 - 32_000);
                boolean expected = before.covers(q);
                assertEquals(expected, after.covers(q), () -> "at " + q);
                inside += expected ? 1 : 0;
                checked++;
            }
            // 1 cm either side of the middle of every original edge, shell and hole alike.
            for (LineString line : rings(g)) {
                Coordinate[] cs = line.getCoordinates();
                for (int i = 1; i < cs.length; i++) {
                    GeoPoint mid = GeoPoint.of((cs[i - 1].y + cs[i].y) / 2, (cs[i - 1].x + cs[i].x) / 2);
                    for (int bearing = 0; bearing < 360; bearing += 90) {
                        GeoPoint q = Geodesy.destination(mid, bearing, 0.01);
                        assertEquals(before.covers(q), after.covers(q), () -> "1 cm from an edge at " + q);
                        checked++;
                    }
                }
            }
        }
        assertTrue(inside > 1_000 && inside < 9_000, "inside " + inside);
        assertTrue(checked > 10_000);
    }

    // ---------------------------------------------------------------------------------------------
    // why: the lon/lat edge and the geodesic agree once edges are short

    /** Initial bearing a → b on a sphere, degrees. */
    private static double sphericalBearing(GeoPoint a, GeoPoint b) {
        double f1 = Math.toRadians(a.lat());
        double f2 = Math.toRadians(b.lat());
        double dl = Math.toRadians(b.lon() - a.lon());
        return Math.toDegrees(Math.atan2(Math.sin(dl) * Math.cos(f2),
                Math.cos(f1) * Math.sin(f2) - Math.sin(f1) * Math.cos(f2) * Math.cos(dl)));
    }

    /**
     * The midpoint of the geodesic a → b: Geodesy has no inverse azimuth, so the initial bearing is
     * found by correcting a spherical guess until Vincenty's direct formula lands on b.
     */
    private static GeoPoint geodesicMidpoint(GeoPoint a, GeoPoint b) {
        double d = Geodesy.distanceMeters(a, b);
        double bearing = sphericalBearing(a, b);
        double miss = Double.MAX_VALUE;
        for (int i = 0; i < 50 && miss > 1e-6; i++) {
            GeoPoint end = Geodesy.destination(a, bearing, d);
            miss = Geodesy.distanceMeters(end, b);
            bearing += sphericalBearing(a, b) - sphericalBearing(a, end);
        }
        assertTrue(miss <= 1e-6, "bearing search missed b by " + miss + " m");
        return Geodesy.destination(a, bearing, d / 2);
    }

    private static double lonLatMidpointDeviation(Coordinate a, Coordinate b) {
        GeoPoint lonLatMid = GeoPoint.of((a.y + b.y) / 2, (a.x + b.x) / 2);
        return Geodesy.distanceMeters(lonLatMid, geodesicMidpoint(p(a), p(b)));
    }

    @Test
    void afterDensifyingA50KmEdgeEachPieceFollowsTheGeodesicToCentimetres() {
        // East–west edges are where the lon/lat line and the geodesic part most (the geodesic bows
        // poleward); diagonal and north–south edges for comparison.
        for (double bearing : new double[] {90, 60, 0}) {
            GeoPoint a = GeoPoint.of(40, 116.4);
            GeoPoint b = Geodesy.destination(a, bearing, 50_000);
            Coordinate ca = new Coordinate(a.lon(), a.lat());
            Coordinate cb = new Coordinate(b.lon(), b.lat());
            double whole = lonLatMidpointDeviation(ca, cb);

            Geometry d = ZoneDensifier.densify(FACTORY.createLineString(new Coordinate[] {ca, cb}), 1_000);
            Coordinate[] cs = d.getCoordinates();
            double worstPiece = 0;
            for (int i = 1; i < cs.length; i++) {
                worstPiece = Math.max(worstPiece, lonLatMidpointDeviation(cs[i - 1], cs[i]));
            }
            String numbers = String.format("bearing %.0f: undensified 50 km edge's lon/lat midpoint is %.2f m from the "
                    + "geodesic midpoint; after densifying to 1 km the worst piece's is %.4f m", bearing, whole, worstPiece);
            // Observed: bearing 90 → 41.06 m undensified, 1.6 cm per piece; bearing 60 → 47.28 m and 1.8 cm;
            // bearing 0 → 0.49 m and 0.2 mm.
            assertTrue(worstPiece < 0.03, numbers);
            if (bearing == 90) {
                // East–west at 40 N: the sagitta of the parallel against the geodesic, ~s² tan φ / 8R ≈ 41 m.
                assertTrue(whole > 30, numbers);
            } else if (bearing == 60) {
                assertTrue(whole > 30, numbers);
            } else {
                // Along a meridian the lon/lat line is the geodesic: the midpoint differs only by the
                // change of metres per degree of latitude along the edge.
                assertTrue(whole < 1, numbers);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // shapes

    @Test
    void holesAreDensifiedTooAndThePolygonKeepsItsStructure() {
        Polygon g = polygon(rectangleRing(HANGZHOU, 10_000, 8_000), rectangleRing(HANGZHOU, 3_000, 2_000),
                rectangleRing(offset(HANGZHOU, 6_000, 4_000), 1_500, 1_500));
        Geometry d = ZoneDensifier.densify(g, 1_000);
        Polygon dp = assertInstanceOf(Polygon.class, d);
        assertEquals(2, dp.getNumInteriorRing());
        assertTrue(dp.isValid());
        assertTrue(dp.getInteriorRingN(0).getNumPoints() > g.getInteriorRingN(0).getNumPoints() + 8,
                "hole densified: " + dp.getInteriorRingN(0).getNumPoints());
        assertTrue(longestEdge(dp.getInteriorRingN(1)) <= 1_000);
        assertTrue(longestEdge(dp) <= 1_000);
        assertEquals(g.getArea(), dp.getArea(), g.getArea() * 1e-12, "same area in lon/lat");
        for (int i = 0; i < 3; i++) {
            LinearRing before = i == 0 ? g.getExteriorRing() : g.getInteriorRingN(i - 1);
            LinearRing after = i == 0 ? dp.getExteriorRing() : dp.getInteriorRingN(i - 1);
            assertTrue(after.isClosed());
            assertTrue(before.getEnvelopeInternal().equals(after.getEnvelopeInternal()), "ring " + i);
        }
    }

    @Test
    void multiPolygonsAreDensifiedPartByPart() {
        Polygon a = polygon(rectangleRing(HANGZHOU, 4_000, 4_000));
        Polygon b = polygon(rectangleRing(offset(HANGZHOU, 20_000, 0), 3_000, 3_000), rectangleRing(offset(HANGZHOU, 20_000, 0), 1_000, 1_000));
        MultiPolygon mp = FACTORY.createMultiPolygon(new Polygon[] {a, b});
        Geometry d = ZoneDensifier.densify(mp, 800);
        MultiPolygon dmp = assertInstanceOf(MultiPolygon.class, d);
        assertEquals(2, dmp.getNumGeometries());
        assertEquals(1, ((Polygon) dmp.getGeometryN(1)).getNumInteriorRing());
        assertTrue(longestEdge(dmp) <= 800);
        assertTrue(dmp.getGeometryN(0).getNumPoints() >= 4 * 10 + 1, "8 km edges in ≥ 10 pieces each");
        assertTrue(dmp.isValid());
        assertTrue(mp.getEnvelopeInternal().equals(dmp.getEnvelopeInternal()));
    }

    @Test
    void theSridIsKept() {
        Polygon g = polygon(rectangleRing(HANGZHOU, 5_000, 5_000));
        assertEquals(4326, ZoneDensifier.densify(g, 1_000).getSRID());
        Polygon other = (Polygon) g.copy();
        other.setSRID(4490); // CGCS2000
        assertEquals(4490, ZoneDensifier.densify(other, 1_000).getSRID());
        MultiPolygon mp = FACTORY.createMultiPolygon(new Polygon[] {g});
        mp.setSRID(4490);
        assertEquals(4490, ZoneDensifier.densify(mp, 1_000).getSRID());
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a broken check could loop for ever
    void theMaximumMustBePositive() {
        Polygon g = regular(HANGZHOU, 300, 6);
        for (double bad : new double[] {0, -1, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> ZoneDensifier.densify(g, bad), "max " + bad);
        }
        // A small maximum is fine: six 300 m edges in pieces of at most half a metre.
        assertTrue(ZoneDensifier.densify(g, 0.5).getNumPoints() > 6 * 600);
    }

    @Test
    void theInputIsNotModified() {
        Polygon g = polygon(rectangleRing(HANGZHOU, 5_000, 5_000));
        Polygon copy = (Polygon) g.copy();
        ZoneDensifier.densify(g, 500);
        assertTrue(copy.equalsExact(g));
    }
}
