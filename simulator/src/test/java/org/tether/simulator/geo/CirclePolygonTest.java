package org.tether.simulator.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CirclePolygonTest {

    private static final GeoPoint HANGZHOU = new GeoPoint(30.2741, 120.1551);

    @Test
    void ringIsClosedWithSixtyFourDistinctVertices() {
        Polygon p = CirclePolygon.around(HANGZHOU, 3000);
        List<GeoPoint> ring = p.exteriorRing();
        assertEquals(65, ring.size());
        assertEquals(ring.get(0), ring.get(64));
        assertEquals(64, ring.subList(0, 64).stream().distinct().count());
    }

    @ParameterizedTest(name = "centre ({0}, {1}), radius {2} m")
    @CsvSource({
            "30.2741, 120.1551, 3000",
            "0.0, 0.0, 3000",
            "60.0, 10.0, 500",
            "-33.8688, 151.2093, 10000",
            "45.0, 179.99, 2000"})
    void everyVertexLiesAtTheRadiusWithinOnePercent(double lat, double lon, double radius) {
        Polygon p = CirclePolygon.around(new GeoPoint(lat, lon), radius);
        for (GeoPoint v : p.exteriorRing()) {
            double d = Haversine.metres(lat, lon, v.lat(), v.lon());
            assertEquals(radius, d, radius * 0.01, () -> "vertex " + v + " is " + d + " m from the centre");
        }
    }

    @Test
    void longitudeSpanIsWiderThanLatitudeSpanAwayFromTheEquator() {
        // 3 km is about 0.027 degrees of latitude but 0.031 degrees of longitude at 30 degrees north.
        Polygon p = CirclePolygon.around(HANGZHOU, 3000);
        double latSpan = p.exteriorRing().stream().mapToDouble(GeoPoint::lat).max().orElseThrow()
                - p.exteriorRing().stream().mapToDouble(GeoPoint::lat).min().orElseThrow();
        double lonSpan = p.exteriorRing().stream().mapToDouble(GeoPoint::lon).max().orElseThrow()
                - p.exteriorRing().stream().mapToDouble(GeoPoint::lon).min().orElseThrow();
        assertEquals(1 / Math.cos(Math.toRadians(30.2741)), lonSpan / latSpan, 0.01);
    }

    @Test
    void exteriorRingIsCounterClockwise() {
        Polygon p = CirclePolygon.around(HANGZHOU, 3000);
        double shoelace = 0;
        List<GeoPoint> ring = p.exteriorRing();
        for (int i = 0; i < ring.size() - 1; i++) {
            shoelace += ring.get(i).lon() * ring.get(i + 1).lat() - ring.get(i + 1).lon() * ring.get(i).lat();
        }
        assertTrue(shoelace > 0, "signed area should be positive (counter-clockwise), was " + shoelace);
        assertTrue(p.isCounterClockwise());
    }

    @Test
    void geoJsonIsAPolygonOfLonLatPairs() {
        Polygon p = CirclePolygon.around(HANGZHOU, 3000);
        Map<String, Object> geometry = GeoJson.polygon(p);
        assertEquals("Polygon", geometry.get("type"));
        @SuppressWarnings("unchecked")
        List<List<List<Double>>> coordinates = (List<List<List<Double>>>) geometry.get("coordinates");
        assertEquals(1, coordinates.size());
        List<List<Double>> ring = coordinates.get(0);
        assertEquals(65, ring.size());
        assertEquals(ring.get(0), ring.get(64));
        assertEquals(p.exteriorRing().get(5).lon(), ring.get(5).get(0), 1e-7);
        assertEquals(p.exteriorRing().get(5).lat(), ring.get(5).get(1), 1e-7);
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> CirclePolygon.around(HANGZHOU, 0));
        assertThrows(IllegalArgumentException.class, () -> CirclePolygon.around(HANGZHOU, 100, 2));
    }
}
