package org.tether.geofence.zone;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tether.geofence.zone.ZoneFixtures.FACTORY;
import static org.tether.geofence.zone.ZoneFixtures.HANGZHOU;
import static org.tether.geofence.zone.ZoneFixtures.offset;
import static org.tether.geofence.zone.ZoneFixtures.polygon;
import static org.tether.geofence.zone.ZoneFixtures.rectangle;
import static org.tether.geofence.zone.ZoneFixtures.rectangleRing;
import static org.tether.geofence.zone.ZoneFixtures.regularRing;
import static org.tether.geofence.zone.ZoneFixtures.ring;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.geo.Geodesy;

class ZoneValidatorTest {

    private final ZoneValidator validator = new ZoneValidator(10_000);

    private InvalidZoneException rejected(ZoneValidator v, Geometry g) {
        return assertThrows(InvalidZoneException.class, () -> v.validate(g));
    }

    private InvalidZoneException rejected(Geometry g) {
        return rejected(validator, g);
    }

    private static Geometry wkt(String text) throws ParseException {
        return new WKTReader(FACTORY).read(text);
    }

    @Test
    void nullAndEmptyGeometriesAreRejectedAsEmpty() throws ParseException {
        assertEquals("empty", rejected(null).reason());
        assertEquals("empty", rejected(wkt("POLYGON EMPTY")).reason());
        assertEquals("empty", rejected(wkt("MULTIPOLYGON EMPTY")).reason());
        assertTrue(rejected(null).location().isEmpty());
    }

    @Test
    void nonPolygonalGeometriesAreRejected() {
        Geometry line = FACTORY.createLineString(new Coordinate[] {
            new Coordinate(120.15, 30.27), new Coordinate(120.16, 30.28)});
        Geometry point = FACTORY.createPoint(new Coordinate(120.1551, 30.2741));
        Geometry collection = FACTORY.createGeometryCollection(new Geometry[] {rectangle(HANGZHOU, 500, 500)});
        for (Geometry g : new Geometry[] {line, point, collection}) {
            InvalidZoneException e = rejected(g);
            assertEquals("not_polygonal", e.reason(), g.getGeometryType());
            assertTrue(e.getMessage().contains(g.getGeometryType()), e.getMessage());
        }
    }

    @Test
    void aBowTieIsRejectedAsSelfIntersectingAtTheCrossing() {
        // Corners 500 m from West Lake, joined SW -> NE -> SE -> NW: the two diagonals cross at the centre.
        Polygon bowTie = polygon(ring(HANGZHOU, new double[][] {{-500, -500}, {500, 500}, {500, -500}, {-500, 500}}));
        InvalidZoneException e = rejected(bowTie);
        assertEquals("self_intersection", e.reason());
        GeoPoint where = e.location().orElseThrow();
        assertEquals(0, Geodesy.distanceMeters(HANGZHOU, where), 0.5, "reported at " + where);
        assertTrue(e.getMessage().contains("lon " + where.lon()) && e.getMessage().contains("lat " + where.lat()),
                e.getMessage());
    }

    @Test
    void aSelfIntersectionAwayFromTheCentreIsReportedWhereItIs() {
        // An uneven bow-tie: SW corner -> (1000 E, 600 N) -> (1000 E, 0) -> (0, 900 N). Its only crossing,
        // of the first and third edges, is at 600 m east, 360 m north of the first corner.
        Polygon crossed = polygon(ring(HANGZHOU, new double[][] {{0, 0}, {1000, 600}, {1000, 0}, {0, 900}}));
        InvalidZoneException e = rejected(crossed);
        assertEquals("self_intersection", e.reason());
        GeoPoint where = e.location().orElseThrow();
        assertEquals(0, Geodesy.distanceMeters(offset(HANGZHOU, 600, 360), where), 0.5, "reported at " + where);
    }

    @Test
    void aRingTouchingItselfAtOneVertexIsRejectedAsSelfIntersectingThere() {
        // Two lobes drawn as one ring that passes twice through the point 500 m east, 500 m north.
        Polygon figureEight = polygon(ring(HANGZHOU, new double[][] {
            {0, 0}, {1000, 0}, {500, 500}, {1000, 1000}, {0, 1000}, {500, 500}}));
        InvalidZoneException e = rejected(figureEight);
        assertEquals("self_intersection", e.reason());
        assertEquals(0, Geodesy.distanceMeters(offset(HANGZHOU, 500, 500), e.location().orElseThrow()), 0.01);
    }

    @Test
    void tooManyVerticesCountsEveryRing() {
        // 50-vertex shell and 50-vertex hole.
        Polygon g = polygon(regularRing(HANGZHOU, 2000, 50), regularRing(HANGZHOU, 500, 50));
        InvalidZoneException e = rejected(new ZoneValidator(80), g);
        assertEquals("too_many_vertices", e.reason());
        assertTrue(e.getMessage().contains("at most 80"), e.getMessage());
        assertDoesNotThrow(() -> new ZoneValidator(110).validate(g));
        // The shell alone is under the limit, so it was the hole's vertices that tipped it over.
        assertDoesNotThrow(() -> new ZoneValidator(80).validate(polygon(regularRing(HANGZHOU, 2000, 50))));
    }

    @Test
    void coordinatesOutOfRangeAreRejected() {
        // Latitude and longitude swapped: the classic mistake when a client sends [lat, lon].
        LinearRing swapped = FACTORY.createLinearRing(new Coordinate[] {
            new Coordinate(30.27, 120.15), new Coordinate(30.28, 120.15), new Coordinate(30.28, 120.16),
            new Coordinate(30.27, 120.16), new Coordinate(30.27, 120.15)});
        assertEquals("coordinate_out_of_range", rejected(polygon(swapped)).reason());

        LinearRing pastTheDateLine = FACTORY.createLinearRing(new Coordinate[] {
            new Coordinate(179.9, 10), new Coordinate(180.1, 10), new Coordinate(180.1, 10.1),
            new Coordinate(179.9, 10.1), new Coordinate(179.9, 10)});
        assertEquals("coordinate_out_of_range", rejected(polygon(pastTheDateLine)).reason());

        LinearRing nan = FACTORY.createLinearRing(new Coordinate[] {
            new Coordinate(120.15, 30.27), new Coordinate(Double.NaN, 30.27), new Coordinate(120.16, 30.28),
            new Coordinate(120.15, 30.27)});
        assertEquals("coordinate_out_of_range", rejected(polygon(nan)).reason());
    }

    @Test
    void otherTopologyErrorsAreNamed() {
        Polygon holeOutside = polygon(rectangleRing(HANGZHOU, 500, 500), rectangleRing(offset(HANGZHOU, 3000, 0), 100, 100));
        assertEquals("hole_outside_shell", rejected(holeOutside).reason());

        Geometry nested = FACTORY.createMultiPolygon(new Polygon[] {rectangle(HANGZHOU, 1000, 1000), rectangle(HANGZHOU, 200, 200)});
        assertEquals("nested_shells", rejected(nested).reason());

        Polygon tooFew = polygon(FACTORY.createLinearRing(new Coordinate[] {
            new Coordinate(120.15, 30.27), new Coordinate(120.16, 30.27), new Coordinate(120.15, 30.27),
            new Coordinate(120.15, 30.27)}));
        assertEquals("too_few_points", rejected(tooFew).reason());
    }

    @Test
    void validZonesPass() {
        Polygon withHole = polygon(regularRing(HANGZHOU, 2000, 64), rectangleRing(HANGZHOU, 300, 200));
        assertDoesNotThrow(() -> validator.validate(withHole));
        assertDoesNotThrow(() -> validator.validate(FACTORY.createMultiPolygon(new Polygon[] {
            rectangle(HANGZHOU, 500, 500), rectangle(offset(HANGZHOU, 4000, 0), 500, 500)})));
    }
}
