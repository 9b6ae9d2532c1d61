package org.tether.geofence.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The frame is meant for work within a few kilometres of its reference. Documented accuracy:
 * distances from the reference are within well under 0.1 % of the geodesic distance up to 5 km
 * away at latitudes below 60° (the worst case is about 0.03 %); distances between two arbitrary
 * points within 5 km of the reference are within ≈ tan(lat)·5 km/R (0.14 % at 60°).
 */
class LocalMetricFrameTest {

    private static final double EARTH_RADIUS = 6371008.8;

    @Test
    void referenceIsTheOrigin() {
        LocalMetricFrame frame = LocalMetricFrame.at(GeoPoint.of(31.2304, 121.4737));
        assertEquals(0.0, frame.x(121.4737));
        assertEquals(0.0, frame.y(31.2304));
        assertEquals(121.4737, frame.lon(0));
        assertEquals(31.2304, frame.lat(0));
    }

    @Test
    void projectionAndInverseRoundTrip() {
        LocalMetricFrame frame = new LocalMetricFrame(GeoPoint.of(-33.8688, 151.2093));
        for (double m = -5000; m <= 5000; m += 250) {
            assertEquals(m, frame.x(frame.lon(m)), 1e-6);
            assertEquals(m, frame.y(frame.lat(m)), 1e-6);
        }
        assertEquals(151.25, frame.lon(frame.x(151.25)), 1e-12);
        assertEquals(-33.9, frame.lat(frame.y(-33.9)), 1e-12);
    }

    @Test
    void scalesAreTheEllipsoidalOnesAtTheReferenceLatitude() {
        LocalMetricFrame frame = LocalMetricFrame.at(GeoPoint.of(45, 7));
        assertEquals(Geodesy.metersPerDegreeLat(45), frame.metersPerDegreeLat());
        assertEquals(Geodesy.metersPerDegreeLon(45), frame.metersPerDegreeLon());
        assertEquals(1.0, frame.degreesLatFor(Geodesy.metersPerDegreeLat(45)), 1e-15);
        assertEquals(1.0, frame.degreesLonFor(Geodesy.metersPerDegreeLon(45)), 1e-15);
        // East and north scales differ by ~cos 45°, so swapping them would be caught here.
        assertEquals(1000 / 111131.777, frame.degreesLatFor(1000), 1e-9);
        assertEquals(1000 / 78846.835, frame.degreesLonFor(1000), 1e-9);
        assertEquals(frame.lat(1000) - 45, frame.degreesLatFor(1000), 1e-12);
        assertEquals(frame.lon(-1000) - 7, frame.degreesLonFor(-1000), 1e-12);
    }

    @Test
    void oneKilometreEastAndNorthMeasureOneKilometre() {
        GeoPoint ref = GeoPoint.of(52.52, 13.405);
        LocalMetricFrame frame = LocalMetricFrame.at(ref);
        GeoPoint north = Geodesy.destination(ref, 0, 1000);
        GeoPoint east = Geodesy.destination(ref, 90, 1000);
        assertEquals(1000, frame.y(north.lat()), 0.01);
        assertEquals(0, frame.x(north.lon()), 1e-6);
        assertEquals(1000, frame.x(east.lon()), 0.01);
        // The geodesic heading east curves toward the equator by d²·tan(lat)/2R off the parallel.
        double sag = 1000.0 * 1000.0 * Math.tan(Math.toRadians(52.52)) / (2 * EARTH_RADIUS);
        assertEquals(-sag, frame.y(east.lat()), 0.005);
    }

    @Test
    void distancesFromTheReferenceAreWithinATenthOfAPercentUpToFiveKilometres() {
        Random random = new Random(99);
        for (double lat = -59.5; lat <= 59.5; lat += 7) {
            GeoPoint ref = GeoPoint.of(lat, -180 + 360 * random.nextDouble());
            LocalMetricFrame frame = LocalMetricFrame.at(ref);
            double worst = 0;
            for (int i = 0; i < 500; i++) {
                double distance = 10 + 4990 * random.nextDouble();
                GeoPoint p = Geodesy.destination(ref, 360 * random.nextDouble(), distance);
                double planar = Math.hypot(frame.x(p.lon()), frame.y(p.lat()));
                worst = Math.max(worst, Math.abs(planar - distance) / distance);
            }
            // Documented "well under 0.1 %"; the analytic worst case below 60° is ~0.03 %.
            assertTrue(worst < 0.0004, "relative error " + worst + " at lat " + lat);
        }
    }

    @Test
    void distancesBetweenPointsNearTheReferenceStayWithinTheDocumentedBound() {
        Random random = new Random(5);
        for (double lat = -59.5; lat <= 59.5; lat += 7) {
            GeoPoint ref = GeoPoint.of(lat, 100);
            LocalMetricFrame frame = LocalMetricFrame.at(ref);
            double bound = Math.abs(Math.tan(Math.toRadians(lat))) * 5000 / EARTH_RADIUS * 1.05 + 1e-5;
            for (int i = 0; i < 500; i++) {
                GeoPoint a = Geodesy.destination(ref, 360 * random.nextDouble(), 5000 * random.nextDouble());
                GeoPoint b = Geodesy.destination(ref, 360 * random.nextDouble(), 5000 * random.nextDouble());
                double geodesic = Geodesy.distanceMeters(a, b);
                if (geodesic < 50) {
                    continue;
                }
                double planar = Math.hypot(frame.x(a.lon()) - frame.x(b.lon()), frame.y(a.lat()) - frame.y(b.lat()));
                double relative = Math.abs(planar - geodesic) / geodesic;
                assertTrue(relative < bound, "relative error " + relative + " > " + bound + " at lat " + lat);
            }
        }
    }

    @Test
    void worksAcrossTheAntimeridian() {
        LocalMetricFrame frame = LocalMetricFrame.at(GeoPoint.of(-17.7, 179.999));
        double mPerDegLon = Geodesy.metersPerDegreeLon(-17.7);
        assertEquals(0.002 * mPerDegLon, frame.x(-179.999), 1e-6);
        assertEquals(-0.002 * mPerDegLon, frame.x(179.997), 1e-6);
        double lon = frame.lon(0.002 * mPerDegLon);
        assertEquals(-179.999, lon, 1e-9);
    }

    @Test
    void poleIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LocalMetricFrame(GeoPoint.of(90, 0)));
        assertThrows(IllegalArgumentException.class, () -> new LocalMetricFrame(GeoPoint.of(-90, 0)));
        assertThrows(NullPointerException.class, () -> new LocalMetricFrame(null));
    }

    @Test
    void equalityFollowsTheReference() {
        assertEquals(LocalMetricFrame.at(GeoPoint.of(1, 2)), LocalMetricFrame.at(GeoPoint.of(1, 2)));
        assertEquals(LocalMetricFrame.at(GeoPoint.of(1, 2)).hashCode(), LocalMetricFrame.at(GeoPoint.of(1, 2)).hashCode());
        assertNotEquals(LocalMetricFrame.at(GeoPoint.of(1, 2)), LocalMetricFrame.at(GeoPoint.of(1, 3)));
    }
}
