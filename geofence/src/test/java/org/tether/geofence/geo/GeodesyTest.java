package org.tether.geofence.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GeodesyTest {

    // Vincenty (1975) / Geoscience Australia worked example.
    private static final GeoPoint FLINDERS_PEAK = GeoPoint.of(-dms(37, 57, 3.72030), dms(144, 25, 29.52440));
    private static final GeoPoint BUNINYONG = GeoPoint.of(-dms(37, 39, 10.15610), dms(143, 55, 35.38390));
    private static final double FLINDERS_BUNINYONG_M = 54972.271;
    private static final double FORWARD_AZIMUTH = dms(306, 52, 5.37);
    private static final double REVERSE_AZIMUTH = dms(127, 10, 25.07);

    private static double dms(int d, int m, double s) {
        return d + m / 60.0 + s / 3600.0;
    }

    @Test
    void vincentyWorkedExampleDistance() {
        assertEquals(FLINDERS_BUNINYONG_M, Geodesy.distanceMeters(FLINDERS_PEAK, BUNINYONG), 0.001);
        assertEquals(FLINDERS_BUNINYONG_M, Geodesy.distanceMeters(BUNINYONG, FLINDERS_PEAK), 0.001);
    }

    @Test
    void vincentyWorkedExampleDirectBothWays() {
        // Azimuths are published to 0.01", which is 2.7 mm sideways at 55 km.
        GeoPoint reached = Geodesy.destination(FLINDERS_PEAK, FORWARD_AZIMUTH, FLINDERS_BUNINYONG_M);
        assertTrue(Geodesy.distanceMeters(reached, BUNINYONG) < 0.005, () -> "reached " + reached);
        GeoPoint back = Geodesy.destination(BUNINYONG, REVERSE_AZIMUTH, FLINDERS_BUNINYONG_M);
        assertTrue(Geodesy.distanceMeters(back, FLINDERS_PEAK) < 0.005, () -> "back " + back);
    }

    @Test
    void oneDegreeOfLongitudeOnTheEquator() {
        assertEquals(111319.491, Geodesy.distanceMeters(GeoPoint.of(0, 0), GeoPoint.of(0, 1)), 0.001);
        assertEquals(111319.491, Geodesy.metersPerDegreeLon(0), 0.001);
    }

    @Test
    void metersPerDegreeLatitudeAtEquatorAndPole() {
        assertEquals(110574.276, Geodesy.metersPerDegreeLat(0), 0.001);
        assertEquals(111693.980, Geodesy.metersPerDegreeLat(90), 0.001);
        assertEquals(111693.980, Geodesy.metersPerDegreeLat(-90), 0.001);
    }

    @Test
    void metersPerDegreeLongitudeVanishesAtPoles() {
        assertEquals(0.0, Geodesy.metersPerDegreeLon(90), 1e-9);
        assertEquals(0.0, Geodesy.metersPerDegreeLon(-90), 1e-9);
    }

    @Test
    void metersPerDegreeAgreesWithShortGeodesicsAtManyLatitudes() {
        // Independent check of the radius-of-curvature formulas: a 0.001° step measured by Vincenty.
        for (double lat = -89.0; lat <= 89.0; lat += 4.0) {
            double north = Geodesy.distanceMeters(GeoPoint.of(lat - 0.0005, 20), GeoPoint.of(lat + 0.0005, 20)) * 1000;
            assertEquals(north, Geodesy.metersPerDegreeLat(lat), 1e-3, "lat scale at " + lat);
            double east = Geodesy.distanceMeters(GeoPoint.of(lat, 20), GeoPoint.of(lat, 20.001)) * 1000;
            // A short parallel arc is a hair longer than the geodesic chord: relative 1e-7 is ample.
            assertEquals(east, Geodesy.metersPerDegreeLon(lat), Math.max(1e-3, east * 1e-7), "lon scale at " + lat);
        }
    }

    @Test
    void meridianQuadrantAndPoleToPole() {
        assertEquals(10001965.729, Geodesy.distanceMeters(GeoPoint.of(0, 0), GeoPoint.of(90, 0)), 0.001);
        assertEquals(20003931.459, Geodesy.distanceMeters(GeoPoint.of(-90, 0), GeoPoint.of(90, 0)), 0.001);
    }

    @Test
    void coincidentPointsAreZeroApart() {
        GeoPoint p = GeoPoint.of(31.2304, 121.4737);
        assertEquals(0.0, Geodesy.distanceMeters(p, p));
        assertEquals(0.0, Geodesy.haversineMeters(p, p));
    }

    @Test
    void nearAntipodalPointsFallBackToAFiniteReasonableDistance() {
        // True geodesic between equatorial antipodes runs over a pole: 20003931.459 m.
        double d = Geodesy.distanceMeters(GeoPoint.of(0, 0), GeoPoint.of(0, 180));
        assertTrue(Double.isFinite(d));
        assertEquals(20003931.459, d, 20003931.459 * 0.006);
        double nearly = Geodesy.distanceMeters(GeoPoint.of(0, 0), GeoPoint.of(0.5, 179.7));
        assertTrue(Double.isFinite(nearly) && nearly > 19.9e6 && nearly < 20.02e6, "near antipode " + nearly);
    }

    @Test
    void haversineUsesMeanRadiusSphere() {
        assertEquals(6371008.8 * Math.PI / 180, Geodesy.haversineMeters(GeoPoint.of(0, 0), GeoPoint.of(0, 1)), 1e-6);
        assertEquals(6371008.8 * Math.PI, Geodesy.haversineMeters(GeoPoint.of(0, 0), GeoPoint.of(0, 180)), 1e-6);
    }

    @Test
    void haversineIsWithinHalfAPercentOfTheEllipsoid() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            GeoPoint a = randomPoint(random);
            GeoPoint b = randomPoint(random);
            double vincenty = Geodesy.distanceMeters(a, b);
            if (vincenty < 1000) {
                continue;
            }
            double relative = Math.abs(Geodesy.haversineMeters(a, b) - vincenty) / vincenty;
            assertTrue(relative < 0.006, () -> a + " " + b + " relative " + relative);
        }
    }

    @Test
    void distanceIsSymmetric() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            GeoPoint a = randomPoint(random);
            GeoPoint b = randomPoint(random);
            assertEquals(Geodesy.distanceMeters(a, b), Geodesy.distanceMeters(b, a), 1e-4);
        }
    }

    @Test
    void destinationThenInverseRecoversTheDistance() {
        Random random = new Random(1234);
        for (int i = 0; i < 5000; i++) {
            GeoPoint start = GeoPoint.of(-80 + 160 * random.nextDouble(), -180 + 360 * random.nextDouble());
            double bearing = 360 * random.nextDouble();
            // Log-uniform from 1 m to 10 000 km, short of the antipodal zone.
            double distance = Math.pow(10, 7 * random.nextDouble());
            GeoPoint end = Geodesy.destination(start, bearing, distance);
            double measured = Geodesy.distanceMeters(start, end);
            assertEquals(distance, measured, 1e-3, () -> start + " brg " + bearing + " d " + distance);
        }
    }

    @Test
    void destinationAlongCardinalDirections() {
        GeoPoint start = GeoPoint.of(45, 10);
        GeoPoint north = Geodesy.destination(start, 0, 1000);
        assertEquals(10.0, north.lon(), 1e-12);
        assertEquals(1000 / Geodesy.metersPerDegreeLat(45), north.lat() - 45, 1e-8);
        GeoPoint east = Geodesy.destination(start, 90, 1000);
        assertEquals(1000 / Geodesy.metersPerDegreeLon(45), east.lon() - 10, 1e-7);
        GeoPoint up = Geodesy.destination(GeoPoint.of(0, 0), 0, 10001965.729);
        assertEquals(90.0, up.lat(), 1e-7);
    }

    @Test
    void destinationCrossesTheAntimeridian() {
        GeoPoint end = Geodesy.destination(GeoPoint.of(0, 179.99), 90, 5000);
        assertTrue(end.lon() < -179.9 && end.lon() > -180, () -> "got " + end);
        assertEquals(5000, Geodesy.distanceMeters(GeoPoint.of(0, 179.99), end), 1e-3);
    }

    @Test
    void destinationWithZeroDistanceIsTheStart() {
        GeoPoint start = GeoPoint.of(12.5, -45.25);
        assertSame(start, Geodesy.destination(start, 123, 0));
    }

    @Test
    void destinationRejectsNonFiniteInputs() {
        GeoPoint start = GeoPoint.of(0, 0);
        assertThrows(IllegalArgumentException.class, () -> Geodesy.destination(start, Double.NaN, 10));
        assertThrows(IllegalArgumentException.class, () -> Geodesy.destination(start, 0, Double.POSITIVE_INFINITY));
    }

    private static GeoPoint randomPoint(Random random) {
        return GeoPoint.of(-90 + 180 * random.nextDouble(), -180 + 360 * random.nextDouble());
    }
}
