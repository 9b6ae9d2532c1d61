package org.tether.simulator.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LocalFrameTest {

    private final LocalFrame frame = new LocalFrame(new GeoPoint(30.2741, 120.1551));

    @Test
    void offsetsLandAtTheirLengthFromTheOrigin() {
        for (double bearing = 0; bearing < 360; bearing += 15) {
            GeoPoint p = frame.toGeo(Vec2.polar(2500, bearing));
            assertEquals(2500, Haversine.metres(30.2741, 120.1551, p.lat(), p.lon()), 2500 * 0.005);
        }
    }

    @Test
    void eastIsEastAndNorthIsNorth() {
        GeoPoint east = frame.toGeo(new Vec2(1000, 0));
        GeoPoint north = frame.toGeo(new Vec2(0, 1000));
        assertEquals(30.2741, east.lat(), 1e-4);
        assertEquals(1000 / Geodesy.metresPerDegreeLon(30.2741), east.lon() - 120.1551, 1e-5);
        assertEquals(120.1551, north.lon(), 1e-9);
        assertEquals(1000 / Geodesy.metresPerDegreeLat(), north.lat() - 30.2741, 1e-6);
    }

    @Test
    void roundTrips() {
        Vec2 v = new Vec2(-1234.5, 678.9);
        Vec2 back = frame.toLocal(frame.toGeo(v));
        assertEquals(v.east(), back.east(), 0.01);
        assertEquals(v.north(), back.north(), 0.01);
    }
}
