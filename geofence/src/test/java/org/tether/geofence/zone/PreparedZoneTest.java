package org.tether.geofence.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tether.geofence.zone.ZoneFixtures.FACTORY;
import static org.tether.geofence.zone.ZoneFixtures.HANGZHOU;
import static org.tether.geofence.zone.ZoneFixtures.offset;
import static org.tether.geofence.zone.ZoneFixtures.polygon;
import static org.tether.geofence.zone.ZoneFixtures.rectangle;
import static org.tether.geofence.zone.ZoneFixtures.rectangleRing;
import static org.tether.geofence.zone.ZoneFixtures.regular;
import static org.tether.geofence.zone.ZoneFixtures.regularRing;
import static org.tether.geofence.zone.ZoneFixtures.ring;
import static org.tether.geofence.zone.ZoneFixtures.zone;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.LinearComponentExtracter;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.geo.Geodesy;
import org.tether.geofence.geo.LocalMetricFrame;

class PreparedZoneTest {

    /** 2 km × 2 km square centred on West Lake; its edges run along meridians and parallels. */
    private static final Polygon SQUARE = rectangle(HANGZHOU, 1000, 1000);

    /** The same square with a 600 m × 600 m hole in the middle (not a rectangle, so JTS takes its general path). */
    private static final Polygon DONUT = polygon(rectangleRing(HANGZHOU, 1000, 1000), rectangleRing(HANGZHOU, 300, 300));

    private static final LocalMetricFrame FRAME = LocalMetricFrame.at(HANGZHOU);
    private static final double WEST = FRAME.lon(-1000);
    private static final double EAST = FRAME.lon(1000);
    private static final double SOUTH = FRAME.lat(-1000);
    private static final double NORTH = FRAME.lat(1000);
    private static final double HOLE_WEST = FRAME.lon(-300);

    private static PreparedZone prepared(Geometry g) {
        return new PreparedZone(zone("test zone", ZoneKind.INCLUSION, g));
    }

    // ---------------------------------------------------------------------------------------------
    // covers()

    @Test
    void coversTheInteriorAndNotTheOutside() {
        for (Polygon g : List.of(SQUARE, DONUT)) {
            PreparedZone z = prepared(g);
            assertTrue(z.covers(offset(HANGZHOU, 600, 600)), "interior");
            assertFalse(z.covers(offset(HANGZHOU, 1500, 0)), "east of the zone");
            assertFalse(z.covers(offset(HANGZHOU, 0, -1500)), "south of the zone");
        }
    }

    @Test
    void aPointExactlyOnAnEdgeOrVertexIsCoveredLikeStCovers() {
        for (Polygon g : List.of(SQUARE, DONUT)) {
            PreparedZone z = prepared(g);
            // These lie exactly on the stored edges: same longitude as a meridian edge, same
            // latitude as a parallel edge.
            assertTrue(z.covers(GeoPoint.of(HANGZHOU.lat(), WEST)), "on the west edge");
            assertTrue(z.covers(GeoPoint.of(NORTH, HANGZHOU.lon())), "on the north edge");
            assertTrue(z.covers(GeoPoint.of(FRAME.lat(123.4), EAST)), "on the east edge off-centre");
            assertTrue(z.covers(GeoPoint.of(SOUTH, WEST)), "on the south-west vertex");
            // ... and contains() (interior only) would have said false for all of them:
            assertFalse(g.contains(FACTORY.createPoint(new Coordinate(WEST, HANGZHOU.lat()))));
        }
    }

    @Test
    void coversIsDecidedAtCentimetreScaleAcrossAnEdge() {
        PreparedZone z = prepared(DONUT);
        GeoPoint onWestEdge = GeoPoint.of(FRAME.lat(-555), WEST);
        assertTrue(z.covers(Geodesy.destination(onWestEdge, 90, 0.05)), "5 cm inside");
        assertFalse(z.covers(Geodesy.destination(onWestEdge, 270, 0.05)), "5 cm outside");
    }

    @Test
    void aPointInsideAHoleIsNotCoveredButTheHoleBoundaryIs() {
        PreparedZone z = prepared(DONUT);
        assertFalse(z.covers(HANGZHOU), "centre of the hole");
        assertFalse(z.covers(offset(HANGZHOU, 250, -250)), "near a corner of the hole, inside it");
        assertTrue(z.covers(GeoPoint.of(HANGZHOU.lat(), HOLE_WEST)), "exactly on the hole's west edge");
        GeoPoint onHoleWest = GeoPoint.of(HANGZHOU.lat(), HOLE_WEST);
        assertTrue(z.covers(Geodesy.destination(onHoleWest, 270, 0.05)), "5 cm west of the hole: in the zone");
        assertFalse(z.covers(Geodesy.destination(onHoleWest, 90, 0.05)), "5 cm east of the hole edge: in the hole");
        // Without the hole the centre is covered, so the assertion above really is about the hole.
        assertTrue(prepared(SQUARE).covers(HANGZHOU));
    }

    @Test
    void coversAgreesWithUnpreparedJtsOnRandomPoints() {
        PreparedZone z = prepared(wigglyZoneWithHole());
        Random rnd = new Random(7);
        int in = 0;
        for (int i = 0; i < 5000; i++) {
            GeoPoint p = offset(HANGZHOU, rnd.nextDouble() * 5000 - 2500, rnd.nextDouble() * 5000 - 2500);
            boolean expected = z.zone().geometry().covers(FACTORY.createPoint(new Coordinate(p.lon(), p.lat())));
            assertEquals(expected, z.covers(p), () -> "at " + p);
            in += expected ? 1 : 0;
        }
        assertTrue(in > 500 && in < 4500, "sample should hit both sides, got " + in + " inside");
    }

    // ---------------------------------------------------------------------------------------------
    // locate()

    @Test
    void fiftyMetresInsideAnEdge() {
        for (Polygon g : List.of(SQUARE, DONUT)) {
            PreparedZone z = prepared(g);
            GeoPoint westInside = Geodesy.destination(GeoPoint.of(FRAME.lat(200), WEST), 90, 50);
            GeoPoint northInside = Geodesy.destination(GeoPoint.of(NORTH, FRAME.lon(-450)), 180, 50);
            for (GeoPoint p : List.of(westInside, northInside)) {
                assertEquals(BoundaryProximity.INSIDE, z.locate(p, 30), "margin 30");
                assertEquals(BoundaryProximity.NEAR_BOUNDARY, z.locate(p, 60), "margin 60");
                assertEquals(BoundaryProximity.INSIDE, z.locate(p, 0), "margin 0");
                assertEquals(BoundaryProximity.INSIDE, z.locate(p, 49.9), "margin just under 50");
                assertEquals(BoundaryProximity.NEAR_BOUNDARY, z.locate(p, 50.1), "margin just over 50");
            }
        }
    }

    @Test
    void fiftyMetresOutsideAnEdge() {
        for (Polygon g : List.of(SQUARE, DONUT)) {
            PreparedZone z = prepared(g);
            GeoPoint westOutside = Geodesy.destination(GeoPoint.of(FRAME.lat(200), WEST), 270, 50);
            GeoPoint southOutside = Geodesy.destination(GeoPoint.of(SOUTH, FRAME.lon(700)), 180, 50);
            for (GeoPoint p : List.of(westOutside, southOutside)) {
                assertEquals(BoundaryProximity.OUTSIDE, z.locate(p, 30), "margin 30");
                assertEquals(BoundaryProximity.NEAR_BOUNDARY, z.locate(p, 60), "margin 60");
                assertEquals(BoundaryProximity.OUTSIDE, z.locate(p, 0), "margin 0");
                assertEquals(BoundaryProximity.OUTSIDE, z.locate(p, 49.9), "margin just under 50");
                assertEquals(BoundaryProximity.NEAR_BOUNDARY, z.locate(p, 50.1), "margin just over 50");
            }
        }
    }

    @Test
    void nearACornerTheDistanceIsToTheVertexNotToTheEdgeLines() {
        PreparedZone z = prepared(SQUARE);
        GeoPoint corner = GeoPoint.of(NORTH, EAST);
        // 30 m east and 40 m north of the corner: 30 m from the east edge's line, 40 m from the north
        // edge's line, but 50 m from the nearest point of the boundary (the corner itself).
        GeoPoint p = Geodesy.destination(Geodesy.destination(corner, 0, 40), 90, 30);
        assertEquals(50, Geodesy.distanceMeters(corner, p), 0.01);
        assertEquals(BoundaryProximity.OUTSIDE, z.locate(p, 45));
        assertEquals(BoundaryProximity.NEAR_BOUNDARY, z.locate(p, 55));
    }

    @Test
    void onTheBoundaryWithZeroMarginIsInside() {
        PreparedZone z = prepared(DONUT);
        assertEquals(BoundaryProximity.INSIDE, z.locate(GeoPoint.of(HANGZHOU.lat(), WEST), 0));
        assertEquals(BoundaryProximity.NEAR_BOUNDARY, z.locate(GeoPoint.of(HANGZHOU.lat(), WEST), 0.01));
    }

    @Test
    void nearAHolesBoundary() {
        PreparedZone z = prepared(DONUT);
        GeoPoint onHoleWest = GeoPoint.of(FRAME.lat(-40), HOLE_WEST);
        GeoPoint inHole = Geodesy.destination(onHoleWest, 90, 20);      // 20 m into the hole: outside the zone
        GeoPoint besideHole = Geodesy.destination(onHoleWest, 270, 20); // 20 m from the hole, in the zone

        assertEquals(BoundaryProximity.OUTSIDE, z.locate(inHole, 10));
        assertEquals(BoundaryProximity.NEAR_BOUNDARY, z.locate(inHole, 30));
        assertEquals(BoundaryProximity.INSIDE, z.locate(besideHole, 10));
        assertEquals(BoundaryProximity.NEAR_BOUNDARY, z.locate(besideHole, 30));

        // The hole's centre is 300 m from each of its edges (and ~700 m from the shell).
        assertEquals(BoundaryProximity.OUTSIDE, z.locate(HANGZHOU, 290));
        assertEquals(BoundaryProximity.NEAR_BOUNDARY, z.locate(HANGZHOU, 310));
        // Without the hole the same point is plainly inside, 1 km from the shell.
        assertEquals(BoundaryProximity.INSIDE, prepared(SQUARE).locate(HANGZHOU, 310));
    }

    @Test
    void aZoneSmallerThanTheMarginIsNearBoundaryFromInsideAndOutside() {
        PreparedZone z = prepared(regular(HANGZHOU, 100, 8));
        // A 2 km cell fix: its circle holds the whole zone whether the centre is in it or 500 m away.
        assertEquals(BoundaryProximity.NEAR_BOUNDARY, z.locate(HANGZHOU, 2000));
        assertEquals(BoundaryProximity.NEAR_BOUNDARY, z.locate(offset(HANGZHOU, 0, 500), 2000));
        assertEquals(BoundaryProximity.INSIDE, z.locate(HANGZHOU, 50));
        assertEquals(BoundaryProximity.OUTSIDE, z.locate(offset(HANGZHOU, 0, 500), 300));
    }

    @Test
    void multiPolygonUsesEveryPartForCoverageAndForTheBoundary() {
        GeoPoint east = Geodesy.destination(HANGZHOU, 90, 5000);
        Polygon a = regular(HANGZHOU, 500, 6);
        Polygon b = regular(east, 500, 6);
        MultiPolygon mp = FACTORY.createMultiPolygon(new Polygon[] {a, b});
        PreparedZone z = prepared(mp);

        assertTrue(z.covers(HANGZHOU));
        assertTrue(z.covers(east));
        GeoPoint between = Geodesy.destination(HANGZHOU, 90, 2500);
        assertFalse(z.covers(between));

        // The second part's east vertex, and points 20 m beyond and short of it.
        GeoPoint bVertex = offset(east, 500, 0);
        GeoPoint beyond = Geodesy.destination(bVertex, 90, 20);
        GeoPoint shortOf = Geodesy.destination(bVertex, 270, 20);
        assertEquals(BoundaryProximity.OUTSIDE, z.locate(beyond, 10));
        assertEquals(BoundaryProximity.NEAR_BOUNDARY, z.locate(beyond, 30));
        assertEquals(BoundaryProximity.INSIDE, z.locate(shortOf, 10));
        assertEquals(BoundaryProximity.NEAR_BOUNDARY, z.locate(shortOf, 30));

        // Half-way between the parts, each part's nearest vertex is about 2 km away.
        double d = bruteForceDistanceToBoundary(between, mp);
        assertEquals(2000, d, 5);
        assertFalse(z.boundaryWithin(between, d - 1));
        assertTrue(z.boundaryWithin(between, d + 1));
        assertEquals(BoundaryProximity.OUTSIDE, z.locate(between, d - 1));
        assertEquals(BoundaryProximity.NEAR_BOUNDARY, z.locate(between, d + 1));
    }

    // ---------------------------------------------------------------------------------------------
    // boundaryWithin() against a brute-force geodesic distance

    @Test
    void boundaryWithinMatchesBruteForceDistanceToEveryEdge() {
        Polygon g = wigglyZoneWithHole();
        assertTrue(g.isValid());
        assertTrue(g.getNumPoints() > 300);
        assertBoundaryWithinMatchesBruteForce(g, 20250301, 600);
    }

    /**
     * The class comment says stored edges are short because zones are densified on save; nothing in
     * the code base densifies, so a county-scale zone drawn with a few clicks has edges of tens of
     * kilometres. The answer must not depend on that.
     */
    @Test
    void boundaryWithinIsAccurateAlongLongUndensifiedEdges() {
        Polygon county = polygon(
                ring(HANGZHOU, new double[][] {{-18000, -12000}, {21000, -15000}, {16000, 19000}, {-14000, 14000}}),
                ring(HANGZHOU, new double[][] {{-6000, -4000}, {7000, -5000}, {2000, 6000}}));
        assertTrue(county.isValid());
        assertBoundaryWithinMatchesBruteForce(county, 8, 300);
    }

    private static void assertBoundaryWithinMatchesBruteForce(Polygon g, long seed, int samples) {
        PreparedZone z = prepared(g);
        List<Coordinate[]> edges = edges(g);
        Random rnd = new Random(seed);

        int checked = 0;
        int near = 0;
        int far = 0;
        for (int i = 0; i < samples; i++) {
            GeoPoint p = randomPointNearBoundary(rnd, edges, 350);
            double exact = bruteForceDistanceToBoundary(p, edges);

            // Random thresholds across the whole range, plus two hugging the true distance.
            double[] thresholds = {rnd.nextDouble() * 350 + 0.5, exact + 0.02, Math.max(0.001, exact - 0.02)};
            for (double t : thresholds) {
                if (Math.abs(exact - t) < 0.01) {
                    continue;
                }
                boolean expected = exact <= t;
                assertEquals(expected, z.boundaryWithin(p, t),
                        "point " + p + ": brute-force distance " + exact + " m, threshold " + t + " m");
                checked++;
                if (expected) {
                    near++;
                } else {
                    far++;
                }
            }

            // The distance boundaryWithin implies, found by bisection on the threshold, is within a
            // few centimetres of the true one.
            double lo = 0;
            double hi = 400;
            assertTrue(z.boundaryWithin(p, hi));
            for (int k = 0; k < 40; k++) {
                double mid = (lo + hi) / 2;
                if (z.boundaryWithin(p, mid)) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            assertEquals(exact, (lo + hi) / 2, 0.03, "implied distance at " + p);
        }
        assertTrue(checked > 2 * samples, "checked " + checked);
        assertTrue(near > samples * 2 / 3 && far > samples * 2 / 3, "near " + near + ", far " + far);
    }

    @Test
    void locateAgreesWithBruteForceOnRandomPoints() {
        Polygon g = wigglyZoneWithHole();
        PreparedZone z = prepared(g);
        List<Coordinate[]> edges = edges(g);
        Random rnd = new Random(42);
        for (int i = 0; i < 300; i++) {
            GeoPoint p = randomPointNearBoundary(rnd, edges, 200);
            double exact = bruteForceDistanceToBoundary(p, edges);
            double margin = rnd.nextDouble() * 200 + 1;
            if (Math.abs(exact - margin) < 0.01) {
                continue;
            }
            boolean covered = g.covers(FACTORY.createPoint(new Coordinate(p.lon(), p.lat())));
            BoundaryProximity expected = exact <= margin ? BoundaryProximity.NEAR_BOUNDARY
                    : covered ? BoundaryProximity.INSIDE : BoundaryProximity.OUTSIDE;
            assertEquals(expected, z.locate(p, margin), "at " + p + ", distance " + exact + ", margin " + margin);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // thread-safety (the class promises it; JTS prepared geometries build indexes lazily)

    @Test
    void concurrentQueriesOnAFreshZoneGiveTheSequentialAnswers() throws Exception {
        Polygon g = wigglyZoneWithHole();
        PreparedZone reference = prepared(g);
        Random rnd = new Random(99);
        List<GeoPoint> points = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            points.add(offset(HANGZHOU, rnd.nextDouble() * 5000 - 2500, rnd.nextDouble() * 5000 - 2500));
        }
        List<BoundaryProximity> expected = new ArrayList<>();
        for (GeoPoint p : points) {
            expected.add(reference.locate(p, 40));
        }

        for (int round = 0; round < 5; round++) {
            PreparedZone fresh = prepared(g); // nothing queried yet: lazy JTS indexes not built
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<BoundaryProximity>>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        List<BoundaryProximity> out = new ArrayList<>();
                        for (GeoPoint p : points) {
                            out.add(fresh.locate(p, 40));
                        }
                        return out;
                    }));
                }
                start.countDown();
                for (Future<List<BoundaryProximity>> f : results) {
                    assertEquals(expected, f.get(60, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void exposesItsZone() {
        Zone zone = zone("exposed", ZoneKind.EXCLUSION, SQUARE);
        assertSame(zone, new PreparedZone(zone).zone());
    }

    // ---------------------------------------------------------------------------------------------
    // helpers

    /**
     * A 240-vertex star-shaped shell (radius 950–2050 m) around West Lake with a 60-vertex round hole
     * of radius 300 m and a second, square hole off-centre.
     */
    static Polygon wigglyZoneWithHole() {
        int n = 240;
        double[][] xy = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            double r = 1500 + 400 * Math.sin(5 * a) + 150 * Math.cos(13 * a);
            xy[i] = new double[] {r * Math.cos(a), r * Math.sin(a)};
        }
        LinearRing shell = ring(HANGZHOU, xy);
        LinearRing hole1 = regularRing(HANGZHOU, 300, 60);
        LinearRing hole2 = ring(HANGZHOU, new double[][] {{500, -150}, {750, -150}, {750, 100}, {500, 100}});
        return polygon(shell, hole1, hole2);
    }

    private static List<Coordinate[]> edges(Geometry g) {
        List<Coordinate[]> out = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<LineString> lines = LinearComponentExtracter.getLines(g);
        for (LineString line : lines) {
            CoordinateSequence cs = line.getCoordinateSequence();
            for (int i = 1; i < cs.size(); i++) {
                out.add(new Coordinate[] {cs.getCoordinateCopy(i - 1), cs.getCoordinateCopy(i)});
            }
        }
        return out;
    }

    /** A point within {@code maxMeters} (geodesic) of a random point of a random edge. */
    private static GeoPoint randomPointNearBoundary(Random rnd, List<Coordinate[]> edges, double maxMeters) {
        Coordinate[] e = edges.get(rnd.nextInt(edges.size()));
        double t = rnd.nextDouble();
        GeoPoint onEdge = GeoPoint.of(e[0].y + t * (e[1].y - e[0].y), e[0].x + t * (e[1].x - e[0].x));
        return Geodesy.destination(onEdge, rnd.nextDouble() * 360, rnd.nextDouble() * maxMeters);
    }

    static double bruteForceDistanceToBoundary(GeoPoint p, Geometry g) {
        return bruteForceDistanceToBoundary(p, edges(g));
    }

    /**
     * The geodesic (Vincenty) distance from p to the nearest point of any edge, an edge being the
     * straight line in lon/lat between its vertices (how JTS and PostGIS geometry read it). Each
     * edge is searched by golden section on the interpolation parameter; edges that provably
     * cannot beat the best so far are skipped.
     */
    private static double bruteForceDistanceToBoundary(GeoPoint p, List<Coordinate[]> edges) {
        double best = Double.POSITIVE_INFINITY;
        for (Coordinate[] e : edges) {
            GeoPoint a = GeoPoint.of(e[0].y, e[0].x);
            GeoPoint b = GeoPoint.of(e[1].y, e[1].x);
            double da = Geodesy.distanceMeters(p, a);
            double db = Geodesy.distanceMeters(p, b);
            best = Math.min(best, Math.min(da, db));
            double len = Geodesy.distanceMeters(a, b);
            // Triangle inequality: every point of the edge is at least this far from p.
            if ((da + db - len) / 2 - 0.01 >= best) {
                continue;
            }
            best = Math.min(best, goldenSection(p, e[0], e[1]));
        }
        return best;
    }

    private static double goldenSection(GeoPoint p, Coordinate a, Coordinate b) {
        double phi = (Math.sqrt(5) - 1) / 2;
        double lo = 0;
        double hi = 1;
        double x1 = hi - phi * (hi - lo);
        double x2 = lo + phi * (hi - lo);
        double f1 = along(p, a, b, x1);
        double f2 = along(p, a, b, x2);
        for (int i = 0; i < 80; i++) {
            if (f1 <= f2) {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - phi * (hi - lo);
                f1 = along(p, a, b, x1);
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + phi * (hi - lo);
                f2 = along(p, a, b, x2);
            }
        }
        return Math.min(f1, f2);
    }

    private static double along(GeoPoint p, Coordinate a, Coordinate b, double t) {
        return Geodesy.distanceMeters(p, GeoPoint.of(a.y + t * (b.y - a.y), a.x + t * (b.x - a.x)));
    }
}
