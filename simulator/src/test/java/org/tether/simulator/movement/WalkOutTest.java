package org.tether.simulator.movement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tether.simulator.geo.GeoPoint;
import org.tether.simulator.geo.LocalFrame;

class WalkOutTest {

    private static final double RADIUS = 3000;
    private static final GeoPoint CENTRE = new GeoPoint(30.2741, 120.1551);

    private static double haversine(GeoPoint a, GeoPoint b) {
        double p1 = Math.toRadians(a.lat());
        double p2 = Math.toRadians(b.lat());
        double h = Math.pow(Math.sin((p2 - p1) / 2), 2)
                + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(Math.toRadians(b.lon() - a.lon()) / 2), 2);
        return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
    }

    @Test
    void leavesWithinAMinuteAndEndsWellOutside() {
        WalkOut model = WalkOut.leaving(RADIUS, 123, 150, 1000, 10);
        double dt = 2;
        List<MovementState> t = new Mover(model, new SplittableRandom(1)).track(200, dt);

        assertTrue(t.get(0).distanceFromCentreM() < RADIUS, "starts inside");
        int firstOutside = -1;
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).distanceFromCentreM() > RADIUS) {
                firstOutside = i;
                break;
            }
        }
        assertTrue(firstOutside > 0 && firstOutside * dt <= 60, "left after " + firstOutside * dt + " s");

        LocalFrame frame = new LocalFrame(CENTRE);
        GeoPoint end = frame.toGeo(t.get(t.size() - 1).position());
        double outside = haversine(CENTRE, end) - RADIUS;
        assertTrue(outside >= 500, "ends only " + outside + " m outside");
        assertTrue(model.hasArrived(t.get(t.size() - 1)));
    }

    @Test
    void staysPutOnceArrived() {
        WalkOut model = WalkOut.leaving(RADIUS, 45, 150, 1000, 10);
        List<MovementState> t = new Mover(model, new SplittableRandom(1)).track(500, 2);
        MovementState last = t.get(t.size() - 1);
        assertEquals(RADIUS + 1000, last.distanceFromCentreM(), 1e-6);
        assertEquals(0, last.speedMps());
        assertEquals(last.position(), t.get(t.size() - 50).position());
    }

    @Test
    void neverExceedsItsSpeed() {
        for (double dt : new double[] {0.5, 2, 7, 60}) {
            WalkOut model = WalkOut.leaving(RADIUS, 300, 150, 1000, 10);
            List<MovementState> t = new Mover(model, new SplittableRandom(1)).track(400, dt);
            for (int i = 1; i < t.size(); i++) {
                double v = t.get(i).position().distanceTo(t.get(i - 1).position()) / dt;
                assertTrue(v <= model.maxSpeedMps() + 1e-9, "speed " + v);
            }
        }
    }

    @Test
    void headsStraightOutAlongItsBearing() {
        WalkOut model = WalkOut.leaving(RADIUS, 200, 150, 1000, 10);
        for (MovementState s : new Mover(model, new SplittableRandom(1)).track(50, 2)) {
            assertEquals(200, s.position().bearingDeg(), 1e-9);
            assertEquals(200, s.headingDeg(), 1e-9);
        }
    }

    @Test
    void smallZonesStartNoFurtherOutThanHalfway() {
        WalkOut model = WalkOut.leaving(200, 0, 150, 1000, 10);
        assertEquals(100, model.startDistanceM(), 1e-9);
    }
}
