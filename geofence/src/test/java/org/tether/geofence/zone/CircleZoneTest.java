package org.tether.geofence.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tether.geofence.zone.ZoneFixtures.FACTORY;
import static org.tether.geofence.zone.ZoneFixtures.HANGZHOU;
import static org.tether.geofence.zone.ZoneFixtures.circle;
import static org.tether.geofence.zone.ZoneFixtures.id;
import static org.tether.geofence.zone.ZoneFixtures.rectangle;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.geo.Geodesy;

/**
 * Circle zones against the exact ellipsoidal distance. Every expectation is computed from
 * {@link Geodesy#distanceMeters} to the centre; a point is only judged when it is more than
 * {@link #SLACK} from the threshold in question (the radius, or radius ± margin), so the equirectangular
 * fast path must never decide a case the exact distance would decide differently.
 */
class CircleZoneTest {

    /** Points closer than this to a threshold are not judged (Vincenty is good to ~0.5 mm). */
    private static final double SLACK = 0.01;

    private static final double[] RADII = {50, 1_000, 20_000};
    private static final double[] MARGINS = {0.5, 10, 30, 600};
    private static final double[] WITHIN = {0.1, 1, 10, 100, 1_000};

    private static final List<GeoPoint> CENTRES = List.of(
            HANGZHOU,                          // 30.27 N
            GeoPoint.of(60.0, 30.3),           // 60 N (St Petersburg)
            GeoPoint.of(30.0, 179.99),         // beside the antimeridian, on both sides of it
            GeoPoint.of(60.0, 179.99),
            GeoPoint.of(30.0, -179.99),
            GeoPoint.of(60.0, -179.99));

    private static PreparedZone prepared(GeoPoint centre, double radius) {
        return new PreparedZone(circle("circle " + centre + " " + radius, ZoneKind.EXCLUSION, centre, radius));
    }

    /** Points on many bearings at the radius ± 0.3 m, ± 5 m, ± 500 m, and 100 km out. */
    private static List<GeoPoint> probes(GeoPoint centre, double radius) {
        List<GeoPoint> out = new ArrayList<>();
        out.add(centre);
        for (int i = 0; i < 72; i++) {
            double bearing = i * 5 + 1.7;
            for (double delta : new double[] {-500, -5, -0.3, 0, 0.3, 5, 500}) {
                if (radius + delta > 0) {
                    out.add(Geodesy.destination(centre, bearing, radius + delta));
                }
            }
            out.add(Geodesy.destination(centre, bearing, 100_000));
        }
        return out;
    }

    /** Counts what was actually judged, so that the test can insist on a meaningful sample. */
    private static final class Tally {
        int judged;
        int inside;
        int outside;
        int nearThreshold;

        void count(double exact, double threshold, boolean expectedTrue) {
            judged++;
            if (expectedTrue) {
                inside++;
            } else {
                outside++;
            }
            if (Math.abs(exact - threshold) < 1) {
                nearThreshold++;
            }
        }
    }

    private static void checkAll(PreparedZone z, GeoPoint centre, double r, List<GeoPoint> points, Tally tally) {
        for (GeoPoint p : points) {
            double exact = Geodesy.distanceMeters(centre, p);
            String where = "r=" + r + " centre=" + centre + " p=" + p + " exact distance=" + exact;

            if (Math.abs(exact - r) > SLACK) {
                assertEquals(exact <= r, z.covers(p), () -> "covers, " + where);
                tally.count(exact, r, exact <= r);
                assertEquals(exact <= r ? BoundaryProximity.INSIDE : BoundaryProximity.OUTSIDE, z.locate(p, 0),
                        () -> "locate margin 0, " + where);
            }
            for (double m : MARGINS) {
                double fromBoundary = Math.abs(exact - r);
                if (Math.abs(fromBoundary - m) <= SLACK || fromBoundary <= SLACK) {
                    continue;
                }
                BoundaryProximity expected = fromBoundary <= m ? BoundaryProximity.NEAR_BOUNDARY
                        : exact <= r ? BoundaryProximity.INSIDE : BoundaryProximity.OUTSIDE;
                assertEquals(expected, z.locate(p, m), () -> "locate margin " + m + ", " + where);
            }
            for (double m : WITHIN) {
                double fromBoundary = Math.abs(exact - r);
                if (Math.abs(fromBoundary - m) <= SLACK) {
                    continue;
                }
                assertEquals(fromBoundary <= m, z.boundaryWithin(p, m), () -> "boundaryWithin " + m + ", " + where);
                tally.count(fromBoundary, m, fromBoundary <= m);
            }
        }
    }

    @Test
    void everyVerdictEqualsTheExactEllipsoidalComparison() {
        Tally tally = new Tally();
        for (GeoPoint centre : CENTRES) {
            for (double r : RADII) {
                checkAll(prepared(centre, r), centre, r, probes(centre, r), tally);
            }
        }
        // 6 centres × 3 radii × 72 bearings × ~8 probes, each checked for covers and five distances.
        assertTrue(tally.judged > 6 * 3 * 72 * 6 * 5, "judged " + tally.judged);
        assertTrue(tally.inside > 5_000 && tally.outside > 5_000, tally.inside + " true / " + tally.outside + " false");
        assertTrue(tally.nearThreshold > 2_000, "within a metre of a threshold: " + tally.nearThreshold);
    }

    @Test
    void randomPointsAroundTheRimAgreeWithTheExactComparison() {
        Random rnd = new Random(42);
        Tally tally = new Tally();
        for (GeoPoint centre : CENTRES) {
            for (double r : RADII) {
                PreparedZone z = prepared(centre, r);
                List<GeoPoint> points = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    // Anywhere from the centre to twice the radius, concentrated near the rim.
                    double d = i % 2 == 0 ? r * 2 * rnd.nextDouble() : r + (rnd.nextDouble() - 0.5) * Math.min(r, 40);
                    points.add(Geodesy.destination(centre, rnd.nextDouble() * 360, d));
                }
                checkAll(z, centre, r, points, tally);
            }
        }
        assertTrue(tally.inside > 1_000 && tally.outside > 1_000, tally.inside + " / " + tally.outside);
    }

    @Test
    void thirtyCentimetresDecideAtEveryRadiusAndLatitude() {
        // The headline cases spelled out: a fix 0.3 m inside is covered, 0.3 m outside is not.
        for (GeoPoint centre : CENTRES) {
            for (double r : RADII) {
                PreparedZone z = prepared(centre, r);
                for (int bearing = 0; bearing < 360; bearing += 45) {
                    GeoPoint in = Geodesy.destination(centre, bearing, r - 0.3);
                    GeoPoint out = Geodesy.destination(centre, bearing, r + 0.3);
                    String at = "r=" + r + " centre=" + centre + " bearing=" + bearing;
                    assertTrue(z.covers(in), "0.3 m inside, " + at);
                    assertFalse(z.covers(out), "0.3 m outside, " + at);
                    assertEquals(BoundaryProximity.NEAR_BOUNDARY, z.locate(in, 0.5), at);
                    assertEquals(BoundaryProximity.INSIDE, z.locate(in, 0.2), at);
                    assertEquals(BoundaryProximity.OUTSIDE, z.locate(out, 0.2), at);
                    assertTrue(z.boundaryWithin(out, 0.4), at);
                    assertFalse(z.boundaryWithin(out, 0.2), at);
                }
            }
        }
    }

    @Test
    void acrossTheAntimeridianPointsAreMeasuredTheShortWayRound() {
        GeoPoint westCentre = GeoPoint.of(30.0, -179.99);
        PreparedZone w = prepared(westCentre, 20_000);
        GeoPoint west = Geodesy.destination(westCentre, 270, 15_000);
        assertTrue(west.lon() > 0, "15 km west of lon -179.99 wraps to a positive longitude: " + west);
        assertTrue(w.covers(west));
        assertEquals(BoundaryProximity.INSIDE, w.locate(west, 1_000));
        assertFalse(w.covers(Geodesy.destination(westCentre, 270, 100_000)));

        GeoPoint centre = GeoPoint.of(30.0, 179.99);
        PreparedZone z = prepared(centre, 20_000);
        GeoPoint east = Geodesy.destination(centre, 90, 15_000);
        assertTrue(east.lon() < 0, "15 km east of lon 179.99 wraps to a negative longitude: " + east);
        assertTrue(z.covers(east));
        assertEquals(BoundaryProximity.INSIDE, z.locate(east, 1_000));
        assertFalse(z.boundaryWithin(east, 4_000));
        assertTrue(z.boundaryWithin(east, 6_000));
        GeoPoint farEast = Geodesy.destination(centre, 90, 100_000);
        assertTrue(farEast.lon() < 0);
        assertFalse(z.covers(farEast));
        assertEquals(BoundaryProximity.OUTSIDE, z.locate(farEast, 1_000));
        assertEquals(BoundaryProximity.NEAR_BOUNDARY, z.locate(farEast, 80_500));
    }

    @Test
    void theEnvelopeHoldsTheWholeCircle() {
        for (GeoPoint centre : CENTRES) {
            for (double r : RADII) {
                Envelope env = prepared(centre, r).envelope();
                for (int bearing = 0; bearing < 360; bearing += 3) {
                    GeoPoint rim = Geodesy.destination(centre, bearing, r);
                    // Near the antimeridian the box runs past 180; compare in the centre's longitude range.
                    double dLon = rim.lon() - centre.lon();
                    double lon = dLon < -180 ? rim.lon() + 360 : dLon > 180 ? rim.lon() - 360 : rim.lon();
                    assertTrue(env.covers(lon, rim.lat()), "r=" + r + " centre=" + centre + " bearing=" + bearing);
                }
                // and it is not absurdly large: under 3 % wider than the circle itself, north–south.
                double heightMeters = (env.getMaxY() - env.getMinY()) * Geodesy.metersPerDegreeLat(centre.lat());
                assertTrue(heightMeters < 2 * r * 1.03, "height " + heightMeters + " for r=" + r);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // the Zone record

    @Test
    void aCircleIsACentrePointAndAPositiveRadius() {
        Zone c = circle("home", ZoneKind.HOME, HANGZHOU, 100);
        assertTrue(c.isCircle());
        assertEquals(HANGZHOU, c.centre());
        assertEquals(100, c.radiusMeters());
        Zone polygon = new Zone(id("p"), "p", ZoneKind.INCLUSION, rectangle(HANGZHOU, 100, 100));
        assertFalse(polygon.isCircle());
        assertEquals(0, polygon.radiusMeters());

        assertThrows(IllegalArgumentException.class, () -> new Zone(id("x"), "x", ZoneKind.HOME,
                FACTORY.createPoint(new Coordinate(HANGZHOU.lon(), HANGZHOU.lat())), -1));
        assertThrows(IllegalArgumentException.class, () -> new Zone(id("x"), "x", ZoneKind.HOME,
                FACTORY.createPoint(new Coordinate(HANGZHOU.lon(), HANGZHOU.lat())), Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Zone(id("x"), "x", ZoneKind.HOME,
                rectangle(HANGZHOU, 100, 100), 50), "a radius on a polygon");
    }
}
