package org.tether.geofence.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tether.geofence.zone.ZoneFixtures.FACTORY;
import static org.tether.geofence.zone.ZoneFixtures.HANGZHOU;
import static org.tether.geofence.zone.ZoneFixtures.zone;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.geo.Geodesy;
import org.tether.geofence.geo.LocalMetricFrame;

/**
 * The grid over large polygons must never change an answer: wherever it decides, the exact path
 * (segment distances and JTS point location) must say the same, for every margin, including margins
 * far wider than a cell's clearance.
 */
class BoundaryGridTest {

    private static final double[] MARGINS = {0, 0.5, 5, 25, 45, 130, 530, 1_000, 1_999, 2_001, 2_500, 8_000};

    /** A county-like ring: 2,400 vertices, ~20 km radius, a noisy boundary with bays and capes. */
    private static LinearRing noisyRing(GeoPoint centre, double radius, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        LocalMetricFrame f = LocalMetricFrame.at(centre);
        Coordinate[] cs = new Coordinate[n + 1];
        double walk = 0;
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            walk = 0.9 * walk + rnd.nextGaussian() * 0.004;
            double r = radius * (1 + 0.15 * Math.sin(3 * a) + 0.08 * Math.sin(7 * a + 1) + walk);
            cs[i] = new Coordinate(f.lon(r * Math.cos(a)), f.lat(r * Math.sin(a)));
        }
        cs[n] = cs[0].copy();
        return FACTORY.createLinearRing(cs);
    }

    private static Polygon county() {
        return FACTORY.createPolygon(noisyRing(HANGZHOU, 20_000, 2_400, 7));
    }

    /** A large polygon with two holes, so the grid's inside/outside also covers holes. */
    private static Polygon withHoles() {
        LinearRing shell = noisyRing(HANGZHOU, 8_000, 600, 11);
        LinearRing h1 = noisyRing(ZoneFixtures.offset(HANGZHOU, 2_000, 0), 900, 300, 12);
        LinearRing h2 = noisyRing(ZoneFixtures.offset(HANGZHOU, -2_500, 1_000), 600, 200, 13);
        return FACTORY.createPolygon(shell, new LinearRing[] {h1, h2});
    }

    @Test
    void aCountyGetsAGridThatDecidesMostFixes() {
        PreparedZone z = new PreparedZone(zone("county", ZoneKind.INCLUSION, county()));
        BoundaryGrid grid = BoundaryGrid.build(z.zone().geometry(), new IndexedPointInAreaLocator(z.zone().geometry()));
        assertNotNull(grid);
        assertTrue(grid.cellCount() >= 2_400 * 16, "cells: " + grid.cellCount());
        assertTrue(grid.decidedShare(45) > 0.9, "decided with a GNSS margin: " + grid.decidedShare(45));
        assertTrue(grid.decidedShare(530) > 0.7, "decided with a Wi-Fi margin: " + grid.decidedShare(530));
    }

    @Test
    void gridAnswersEqualTheExactPathOnACounty() {
        agreesWithExact(county(), 60_000, 1);
    }

    @Test
    void gridAnswersEqualTheExactPathOnAPolygonWithHoles() {
        agreesWithExact(withHoles(), 40_000, 2);
    }

    /**
     * Random points over the box and the boundary band (many within metres of an edge, some exactly on
     * a vertex), each located with every margin: the zone's answer (grid first) must equal the reference
     * built from the exact pieces only: {@code boundaryWithin} (never uses the grid) and JTS's own
     * {@code Geometry.covers}.
     */
    private static void agreesWithExact(Polygon polygon, int points, long seed) {
        PreparedZone z = new PreparedZone(zone("big", ZoneKind.INCLUSION, polygon));
        Geometry g = z.zone().geometry();
        IndexedPointInAreaLocator reference = new IndexedPointInAreaLocator(g);
        BoundaryGrid grid = BoundaryGrid.build(g, reference);
        Coordinate[] vertices = g.getCoordinates();
        SplittableRandom rnd = new SplittableRandom(seed);
        var env = g.getEnvelopeInternal();
        int decidedByGrid = 0;
        int near = 0;
        for (int i = 0; i < points; i++) {
            GeoPoint p;
            int kind = rnd.nextInt(4);
            if (kind == 0) {
                double pad = 0.05;
                p = GeoPoint.of(rnd.nextDouble(env.getMinY() - pad, env.getMaxY() + pad),
                        rnd.nextDouble(env.getMinX() - pad, env.getMaxX() + pad));
            } else {
                Coordinate a = vertices[rnd.nextInt(vertices.length - 1)];
                if (kind == 3 && rnd.nextInt(20) == 0) {
                    p = GeoPoint.of(a.y, a.x); // exactly on a vertex
                } else {
                    double scale = kind == 1 ? 3 : kind == 2 ? 300 : 2_500;
                    GeoPoint base = GeoPoint.of(a.y, a.x);
                    p = ZoneFixtures.offset(base, rnd.nextGaussian() * scale, rnd.nextGaussian() * scale);
                }
            }
            boolean covers = reference.locate(new Coordinate(p.lon(), p.lat())) != Location.EXTERIOR;
            assertEquals(covers, z.covers(p), () -> "covers " + p);
            double mLat = Geodesy.metersPerDegreeLat(p.lat());
            double mLon = Geodesy.metersPerDegreeLon(p.lat());
            for (double m : MARGINS) {
                BoundaryProximity expected = m > 0 && z.boundaryWithin(p, m) ? BoundaryProximity.NEAR_BOUNDARY
                        : covers ? BoundaryProximity.INSIDE : BoundaryProximity.OUTSIDE;
                assertEquals(expected, z.locate(p, m), () -> "locate " + p + " margin " + m);
                assertEquals(expected, z.locate(p, m, mLat, mLon), () -> "locate (scales given) " + p + " margin " + m);
                int g2 = grid.locate(p.lon(), p.lat(), m);
                if (g2 != Location.NONE) {
                    decidedByGrid++;
                    assertEquals(covers ? Location.INTERIOR : Location.EXTERIOR, g2, () -> "grid " + p + " margin " + m);
                    assertTrue(expected != BoundaryProximity.NEAR_BOUNDARY);
                }
                if (expected == BoundaryProximity.NEAR_BOUNDARY) {
                    near++;
                }
            }
        }
        int total = points * MARGINS.length;
        assertTrue(decidedByGrid > total / 6, "the grid decided only " + decidedByGrid + " of " + total);
        assertTrue(near > total / 10, "too few near-boundary cases exercised: " + near);
    }
}
