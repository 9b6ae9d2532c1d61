package org.tether.geofence.geo;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoordinateConverterTest {

    private static final GeoPoint TIANANMEN_WGS = GeoPoint.of(39.908692, 116.397477);

    /** Mainland cities spread over the country, from Kashgar in the far west to Harbin in the north-east. */
    private static final List<GeoPoint> CHINESE_CITIES = List.of(
            GeoPoint.of(39.9042, 116.4074), // Beijing
            GeoPoint.of(31.2304, 121.4737), // Shanghai
            GeoPoint.of(23.1291, 113.2644), // Guangzhou
            GeoPoint.of(22.5431, 114.0579), // Shenzhen
            GeoPoint.of(30.5728, 104.0668), // Chengdu
            GeoPoint.of(43.8256, 87.6168), // Urumqi
            GeoPoint.of(29.6520, 91.1721), // Lhasa
            GeoPoint.of(45.8038, 126.5350), // Harbin
            GeoPoint.of(39.4704, 75.9898), // Kashgar
            GeoPoint.of(20.0440, 110.1999), // Haikou
            GeoPoint.of(34.3416, 108.9398), // Xi'an
            GeoPoint.of(30.5928, 114.3055), // Wuhan
            GeoPoint.of(36.0611, 103.8343), // Lanzhou
            GeoPoint.of(25.0389, 102.7183)); // Kunming

    @Test
    void tiananmenMatchesPublishedGcj02Value() {
        GeoPoint gcj = CoordinateConverter.wgs84ToGcj02(TIANANMEN_WGS);
        GeoPoint published = GeoPoint.of(39.910092, 116.403718);
        assertTrue(Geodesy.distanceMeters(gcj, published) < 1.0, () -> "got " + gcj);
    }

    @Test
    void gcj02OffsetInMainlandCitiesIsHundredsOfMetres() {
        for (GeoPoint city : CHINESE_CITIES) {
            double offset = Geodesy.distanceMeters(city, CoordinateConverter.wgs84ToGcj02(city));
            assertTrue(offset > 100 && offset < 700, () -> city + " offset " + offset);
        }
    }

    @Test
    void gcj02EqualsWgs84OutsideChina() {
        List<GeoPoint> abroad = List.of(
                GeoPoint.of(35.6812, 139.7671), // Tokyo
                GeoPoint.of(51.5074, -0.1278), // London
                GeoPoint.of(40.7128, -74.0060), // New York
                GeoPoint.of(-33.8688, 151.2093), // Sydney
                GeoPoint.of(0.5, 110.0)); // just south of the box
        for (GeoPoint p : abroad) {
            assertEquals(p, CoordinateConverter.wgs84ToGcj02(p));
            assertEquals(p, CoordinateConverter.gcj02ToWgs84(p));
            assertEquals(p, CoordinateConverter.toWgs84(p, CoordinateSystem.GCJ02));
            assertEquals(p, CoordinateConverter.fromWgs84(p, CoordinateSystem.GCJ02));
        }
    }

    @Test
    void wgsToGcjToWgsRoundTripIsWithinOneCentimetreAcrossChina() {
        // The one-step inverse misses by up to ~5 m on this grid, so this tolerance demands iteration.
        double worst = 0;
        for (double lat = 18.0; lat <= 53.5; lat += 0.5) {
            for (double lon = 74.0; lon <= 135.0; lon += 0.5) {
                GeoPoint wgs = GeoPoint.of(lat, lon);
                GeoPoint back = CoordinateConverter.gcj02ToWgs84(CoordinateConverter.wgs84ToGcj02(wgs));
                worst = Math.max(worst, Geodesy.distanceMeters(wgs, back));
            }
        }
        assertTrue(worst < 0.01, "worst round-trip error " + worst + " m");
    }

    @Test
    void wgsToBdToWgsRoundTripIsWithinOneCentimetreAcrossChina() {
        double worst = 0;
        for (double lat = 18.25; lat <= 53.5; lat += 0.5) {
            for (double lon = 74.25; lon <= 135.0; lon += 0.5) {
                GeoPoint wgs = GeoPoint.of(lat, lon);
                GeoPoint bd = CoordinateConverter.fromWgs84(wgs, CoordinateSystem.BD09);
                GeoPoint back = CoordinateConverter.toWgs84(bd, CoordinateSystem.BD09);
                worst = Math.max(worst, Geodesy.distanceMeters(wgs, back));
            }
        }
        assertTrue(worst < 0.01, "worst round-trip error " + worst + " m");
    }

    @Test
    void obfuscatedToWgsToObfuscatedRoundTripIsWithinOneCentimetre() {
        for (GeoPoint city : CHINESE_CITIES) {
            // Treat the city coordinates as if a map SDK had reported them.
            GeoPoint gcjAgain = CoordinateConverter.wgs84ToGcj02(CoordinateConverter.gcj02ToWgs84(city));
            assertTrue(Geodesy.distanceMeters(city, gcjAgain) < 0.01, () -> "GCJ-02 " + city + " -> " + gcjAgain);
            GeoPoint bdAgain = CoordinateConverter.gcj02ToBd09(CoordinateConverter.bd09ToGcj02(city));
            assertTrue(Geodesy.distanceMeters(city, bdAgain) < 0.01, () -> "BD-09 " + city + " -> " + bdAgain);
        }
    }

    @Test
    void bd09ShiftsGcj02ByItsFixedOffsetPlusSmallRotation() {
        for (GeoPoint gcj : CHINESE_CITIES) {
            GeoPoint bd = CoordinateConverter.gcj02ToBd09(gcj);
            // The formula adds (0.006, 0.0065) degrees after perturbing radius and angle by at most
            // 2e-5 and 3e-6 * |r|, i.e. a few 1e-4 degrees at Chinese coordinates.
            assertEquals(0.006, bd.lat() - gcj.lat(), 6e-4, () -> "lat shift at " + gcj);
            assertEquals(0.0065, bd.lon() - gcj.lon(), 6e-4, () -> "lon shift at " + gcj);
        }
    }

    @Test
    void dispatchMatchesPrimitives() {
        GeoPoint gcj = CoordinateConverter.wgs84ToGcj02(TIANANMEN_WGS);
        GeoPoint bd = CoordinateConverter.gcj02ToBd09(gcj);
        assertEquals(gcj, CoordinateConverter.fromWgs84(TIANANMEN_WGS, CoordinateSystem.GCJ02));
        assertEquals(bd, CoordinateConverter.fromWgs84(TIANANMEN_WGS, CoordinateSystem.BD09));
        assertEquals(CoordinateConverter.gcj02ToWgs84(gcj), CoordinateConverter.toWgs84(gcj, CoordinateSystem.GCJ02));
        assertEquals(CoordinateConverter.gcj02ToWgs84(CoordinateConverter.bd09ToGcj02(bd)),
                CoordinateConverter.toWgs84(bd, CoordinateSystem.BD09));
        assertNotEquals(TIANANMEN_WGS, gcj);
        assertNotEquals(gcj, bd);
    }

    @Test
    void wgs84AndCgcs2000AreIdentity() {
        assertSame(TIANANMEN_WGS, CoordinateConverter.toWgs84(TIANANMEN_WGS, CoordinateSystem.WGS84));
        assertSame(TIANANMEN_WGS, CoordinateConverter.toWgs84(TIANANMEN_WGS, CoordinateSystem.CGCS2000));
        assertSame(TIANANMEN_WGS, CoordinateConverter.fromWgs84(TIANANMEN_WGS, CoordinateSystem.WGS84));
        assertSame(TIANANMEN_WGS, CoordinateConverter.fromWgs84(TIANANMEN_WGS, CoordinateSystem.CGCS2000));
    }

    @Test
    void bd09NearAntimeridianStaysInValidRange() {
        GeoPoint east = GeoPoint.of(0.0, 179.999);
        GeoPoint bd = assertDoesNotThrow(() -> CoordinateConverter.fromWgs84(east, CoordinateSystem.BD09));
        assertTrue(bd.lon() >= -180 && bd.lon() < -179.99, () -> "wrapped to " + bd);
    }

    @Test
    void inverseNearBoundingBoxEdgeTerminatesWithNearbyPoint() {
        // The forward map jumps at the box edge, so some GCJ-02 points there have no exact
        // pre-image; the bounded iteration must still return something close.
        for (double lon = 71.99; lon <= 72.02; lon += 0.001) {
            GeoPoint gcj = GeoPoint.of(40.0, lon);
            GeoPoint wgs = assertDoesNotThrow(() -> CoordinateConverter.gcj02ToWgs84(gcj));
            assertTrue(Geodesy.distanceMeters(gcj, wgs) < 1000, () -> gcj + " -> " + wgs);
        }
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThrows(NullPointerException.class, () -> CoordinateConverter.toWgs84(null, CoordinateSystem.GCJ02));
        assertThrows(NullPointerException.class, () -> CoordinateConverter.toWgs84(TIANANMEN_WGS, null));
        assertThrows(NullPointerException.class, () -> CoordinateConverter.fromWgs84(null, CoordinateSystem.BD09));
        assertThrows(NullPointerException.class, () -> CoordinateConverter.fromWgs84(TIANANMEN_WGS, null));
        assertThrows(NullPointerException.class, () -> CoordinateConverter.wgs84ToGcj02(null));
        assertThrows(NullPointerException.class, () -> CoordinateConverter.gcj02ToWgs84(null));
        assertThrows(NullPointerException.class, () -> CoordinateConverter.gcj02ToBd09(null));
        assertThrows(NullPointerException.class, () -> CoordinateConverter.bd09ToGcj02(null));
    }
}
