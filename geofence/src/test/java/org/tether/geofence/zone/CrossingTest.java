package org.tether.geofence.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tether.geofence.zone.ZoneFixtures.FACTORY;
import static org.tether.geofence.zone.ZoneFixtures.HANGZHOU;
import static org.tether.geofence.zone.ZoneFixtures.circle;
import static org.tether.geofence.zone.ZoneFixtures.offset;
import static org.tether.geofence.zone.ZoneFixtures.polygon;
import static org.tether.geofence.zone.ZoneFixtures.rectangle;
import static org.tether.geofence.zone.ZoneFixtures.rectangleRing;
import static org.tether.geofence.zone.ZoneFixtures.regular;
import static org.tether.geofence.zone.ZoneFixtures.zone;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.geo.Geodesy;
import org.tether.geofence.geo.LocalMetricFrame;

/** {@link PreparedZone#crossedBy}: may the straight path between two sparse fixes have passed through a zone? */
class CrossingTest {

    /** 2 km × 2 km square on West Lake, edges along meridians and parallels. */
    private static final PreparedZone SQUARE = new PreparedZone(zone("square", ZoneKind.EXCLUSION,
            rectangle(HANGZHOU, 1000, 1000)));
    /** The same square with a 1 km × 1 km hole. */
    private static final PreparedZone DONUT = new PreparedZone(zone("donut", ZoneKind.EXCLUSION,
            polygon(rectangleRing(HANGZHOU, 1000, 1000), rectangleRing(HANGZHOU, 500, 500))));
    private static final double RADIUS = 500;
    private static final PreparedZone CIRCLE = new PreparedZone(circle("circle", ZoneKind.EXCLUSION, HANGZHOU, RADIUS));

    private static final LocalMetricFrame FRAME = LocalMetricFrame.at(HANGZHOU);

    /** crossedBy in both directions, which must agree. */
    private static boolean crossed(PreparedZone z, GeoPoint a, GeoPoint b) {
        boolean ab = z.crossedBy(a, b);
        assertEquals(ab, z.crossedBy(b, a), () -> "direction matters for " + a + " -> " + b);
        return ab;
    }

    /** An east–west path from 3 km west to 3 km east of the centre, {@code north} metres north of it. */
    private static GeoPoint[] eastWest(double north) {
        return new GeoPoint[] {offset(HANGZHOU, -3000, north), offset(HANGZHOU, 3000, north)};
    }

    // ---------------------------------------------------------------------------------------------
    // polygons

    @Test
    void aPathThroughAPolygonWithBothEndsOutsideCrossesIt() {
        GeoPoint[] p = eastWest(0);
        assertFalse(SQUARE.covers(p[0]));
        assertFalse(SQUARE.covers(p[1]));
        assertTrue(crossed(SQUARE, p[0], p[1]));
        // Diagonally through, and just clipping the north-east corner (20 m in from each edge there).
        assertTrue(crossed(SQUARE, offset(HANGZHOU, -2500, -2000), offset(HANGZHOU, 2000, 2500)));
        assertTrue(crossed(SQUARE, offset(HANGZHOU, 460, 1500), offset(HANGZHOU, 1500, 460)));
    }

    @Test
    void aPathBesideAPolygonDoesNotCrossIt() {
        // 50 m north of the north edge, and a diagonal that misses the north-east corner by ~28 m.
        GeoPoint[] north = eastWest(1050);
        assertFalse(crossed(SQUARE, north[0], north[1]));
        assertFalse(crossed(SQUARE, offset(HANGZHOU, 540, 1500), offset(HANGZHOU, 1500, 540)));
        // Its envelope overlaps the zone's envelope, so this was decided by the geometry, not the box.
        Envelope path = new Envelope(FRAME.lon(540), FRAME.lon(1500), FRAME.lat(1500), FRAME.lat(540));
        assertTrue(SQUARE.envelope().intersects(path));
    }

    @Test
    void touchingTheBoundaryCountsLikeCovers() {
        // A path running exactly along the north edge's latitude touches the zone's boundary, which
        // covers() counts as in the zone.
        double north = FRAME.lat(1000);
        GeoPoint a = GeoPoint.of(north, FRAME.lon(-3000));
        GeoPoint b = GeoPoint.of(north, FRAME.lon(3000));
        assertTrue(SQUARE.covers(GeoPoint.of(north, HANGZHOU.lon())));
        assertTrue(crossed(SQUARE, a, b));
    }

    @Test
    void aPathInsideTheHoleDoesNotCrossButOneThroughTheRingDoes() {
        assertFalse(crossed(DONUT, offset(HANGZHOU, -400, -300), offset(HANGZHOU, 400, 300)));
        assertTrue(crossed(DONUT, offset(HANGZHOU, -400, 0), offset(HANGZHOU, -3000, 0)), "out of the hole, through the ring");
        assertTrue(crossed(DONUT, eastWest(0)[0], eastWest(0)[1]));
        assertTrue(crossed(SQUARE, offset(HANGZHOU, -400, -300), offset(HANGZHOU, 400, 300)), "no hole: in the zone");
    }

    @Test
    void aPathBetweenThePartsOfAMultiPolygonDoesNotCrossIt() {
        GeoPoint east = offset(HANGZHOU, 5000, 0);
        Geometry mp = FACTORY.createMultiPolygon(new Polygon[] {regular(HANGZHOU, 500, 8), regular(east, 500, 8)});
        PreparedZone z = new PreparedZone(zone("two parts", ZoneKind.EXCLUSION, mp));
        assertFalse(crossed(z, offset(HANGZHOU, 2500, -3000), offset(HANGZHOU, 2500, 3000)));
        assertTrue(crossed(z, offset(HANGZHOU, 5000, -3000), offset(HANGZHOU, 5000, 3000)));
        assertTrue(crossed(z, offset(HANGZHOU, -1000, 100), offset(HANGZHOU, 6000, 100)), "through both");
    }

    @Test
    void agreesWithJtsIntersectsOnRandomPaths() {
        Random rnd = new Random(11);
        int crossings = 0;
        for (int i = 0; i < 2000; i++) {
            GeoPoint a = offset(HANGZHOU, rnd.nextDouble() * 8000 - 4000, rnd.nextDouble() * 8000 - 4000);
            GeoPoint b = offset(HANGZHOU, rnd.nextDouble() * 8000 - 4000, rnd.nextDouble() * 8000 - 4000);
            LineString line = FACTORY.createLineString(new Coordinate[] {
                    new Coordinate(a.lon(), a.lat()), new Coordinate(b.lon(), b.lat())});
            boolean expected = DONUT.zone().geometry().intersects(line);
            assertEquals(expected, DONUT.crossedBy(a, b), () -> a + " -> " + b);
            crossings += expected ? 1 : 0;
        }
        assertTrue(crossings > 300 && crossings < 1700, "crossings " + crossings);
    }

    // ---------------------------------------------------------------------------------------------
    // circles

    @Test
    void aPathThroughACircleWithBothEndsOutsideCrossesIt() {
        GeoPoint[] through = eastWest(0);
        assertFalse(CIRCLE.covers(through[0]));
        assertFalse(CIRCLE.covers(through[1]));
        assertTrue(crossed(CIRCLE, through[0], through[1]));
        // A chord 20 m inside the rim, both ends 3 km away.
        GeoPoint[] chord = eastWest(RADIUS - 20);
        assertTrue(crossed(CIRCLE, chord[0], chord[1]));
        // Diagonal, north-west to south-east through the centre.
        assertTrue(crossed(CIRCLE, Geodesy.destination(HANGZHOU, 315, 2000), Geodesy.destination(HANGZHOU, 135, 2000)));
    }

    @Test
    void aPathBesideACircleDoesNotCrossIt() {
        GeoPoint[] beside = eastWest(RADIUS + 20);
        // The path's nearest approach to the centre, measured exactly, is outside the radius.
        GeoPoint closest = GeoPoint.of(beside[0].lat(), HANGZHOU.lon());
        assertEquals(RADIUS + 20, Geodesy.distanceMeters(HANGZHOU, closest), 0.5);
        assertFalse(crossed(CIRCLE, beside[0], beside[1]));
        GeoPoint[] south = eastWest(-(RADIUS + 20));
        assertFalse(crossed(CIRCLE, south[0], south[1]));
        // Inside the circle's bounding box but past its rim: the box's north-east corner region.
        GeoPoint a = offset(HANGZHOU, 300, 700);
        GeoPoint b = offset(HANGZHOU, 700, 300);
        assertTrue(Geodesy.distanceMeters(HANGZHOU, GeoPoint.of((a.lat() + b.lat()) / 2, (a.lon() + b.lon()) / 2)) > RADIUS + 150);
        assertTrue(CIRCLE.envelope().intersects(new Envelope(a.lon(), b.lon(), a.lat(), b.lat())));
        assertFalse(crossed(CIRCLE, a, b));
    }

    @Test
    void aCircleIsCrossedExactlyWhenThePathComesWithinItsRadiusOnAnyHeading() {
        // Paths 6 km long on many headings, passing the centre at r − 20 m or r + 20 m (measured on
        // the ellipsoid), at 30 N and at 60 N where degrees of longitude are half as long as degrees of latitude.
        int crossed = 0;
        for (GeoPoint centre : new GeoPoint[] {HANGZHOU, GeoPoint.of(60, 30.3)}) {
            PreparedZone z = new PreparedZone(circle("c " + centre, ZoneKind.EXCLUSION, centre, RADIUS));
            for (int heading = 0; heading < 360; heading += 15) {
                for (double pass : new double[] {RADIUS - 20, RADIUS + 20}) {
                    GeoPoint closest = Geodesy.destination(centre, heading + 90, pass);
                    GeoPoint a = Geodesy.destination(closest, heading, -3000);
                    GeoPoint b = Geodesy.destination(closest, heading, 3000);
                    String at = "centre " + centre + " heading " + heading + " passing at " + pass + " m";
                    assertFalse(z.covers(a), at);
                    assertFalse(z.covers(b), at);
                    boolean expected = pass < RADIUS;
                    assertEquals(expected, crossed(z, a, b), at);
                    crossed += expected ? 1 : 0;
                }
            }
        }
        assertEquals(2 * 24, crossed);
    }

    @Test
    void aPathStoppingShortOfACircleDoesNotCrossIt() {
        // Heading straight for the centre but ending 100 m before the rim.
        GeoPoint from = Geodesy.destination(HANGZHOU, 250, 3000);
        GeoPoint to = Geodesy.destination(HANGZHOU, 250, RADIUS + 100);
        assertFalse(crossed(CIRCLE, from, to));
        assertTrue(crossed(CIRCLE, from, Geodesy.destination(HANGZHOU, 250, RADIUS - 100)));
    }

    // ---------------------------------------------------------------------------------------------
    // the envelope pre-check

    @Test
    void aPathWhoseBoxMissesTheZonesBoxIsNotACrossing() {
        for (PreparedZone z : new PreparedZone[] {SQUARE, CIRCLE, DONUT}) {
            Envelope env = z.envelope();
            // Entirely east of the box, by a metre; entirely north; and a long path far to the south-west.
            double eastOfBox = env.getMaxX() + FRAME.degreesLonFor(1);
            assertFalse(crossed(z, GeoPoint.of(env.getMinY() - 0.01, eastOfBox), GeoPoint.of(env.getMaxY() + 0.01, eastOfBox)),
                    z.zone().name());
            double northOfBox = env.getMaxY() + FRAME.degreesLatFor(1);
            assertFalse(crossed(z, GeoPoint.of(northOfBox, env.getMinX() - 0.01), GeoPoint.of(northOfBox, env.getMaxX() + 0.01)),
                    z.zone().name());
            assertFalse(crossed(z, offset(HANGZHOU, -50_000, -40_000), offset(HANGZHOU, -3000, -2000)), z.zone().name());
        }
    }

    @Test
    void bothEndsOutsideTheBoxDoNotMeanTheBoxIsMissed() {
        // The pre-check is on the path's box, not on its end points: a path spanning the zone from far
        // outside its box on either side must still be looked at.
        for (PreparedZone z : new PreparedZone[] {SQUARE, CIRCLE, DONUT}) {
            GeoPoint a = offset(HANGZHOU, -30_000, 100);
            GeoPoint b = offset(HANGZHOU, 30_000, 100);
            assertFalse(z.envelope().covers(a.lon(), a.lat()));
            assertFalse(z.envelope().covers(b.lon(), b.lat()));
            assertTrue(crossed(z, a, b), z.zone().name());
        }
    }
}
