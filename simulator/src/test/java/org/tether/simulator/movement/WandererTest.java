package org.tether.simulator.movement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tether.simulator.geo.Vec2;

class WandererTest {

    private static final double RADIUS = 3000;

    private static List<MovementState> track(long seed, Wanderer model, int steps, double dt) {
        return new Mover(model, new SplittableRandom(seed)).track(steps, dt);
    }

    @Test
    void sameSeedGivesTheSameTrack() {
        Wanderer model = new Wanderer(new Vec2(300, -200), RADIUS, WanderParams.DEFAULTS);
        assertEquals(track(7, model, 2000, 2), track(7, model, 2000, 2));
    }

    @Test
    void differentSeedsGiveDifferentTracks() {
        Wanderer model = new Wanderer(new Vec2(300, -200), RADIUS, WanderParams.DEFAULTS);
        assertNotEquals(track(7, model, 200, 2), track(8, model, 200, 2));
    }

    @ParameterizedTest(name = "zone radius {0} m, step {1} s")
    @CsvSource({"3000, 2", "3000, 30", "300, 2", "300, 0.5", "150, 60", "50, 300"})
    void staysWithinSeventyPercentOfTheRadius(double radius, double dt) {
        double boundary = 0.7 * radius;
        double furthest = 0;
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom setup = new SplittableRandom(seed);
            Vec2 home = Vec2.polar(0.5 * boundary * Math.sqrt(setup.nextDouble()), setup.nextDouble(360));
            Wanderer model = new Wanderer(home, radius, WanderParams.DEFAULTS);
            for (MovementState s : track(seed, model, 3000, dt)) {
                double r = s.distanceFromCentreM();
                assertTrue(r <= boundary + 1e-6, () -> "wandered to " + r + " m, boundary " + boundary);
                furthest = Math.max(furthest, r);
            }
        }
        if (radius <= 300) {
            // In small zones walkers must reach, and be turned back at, the boundary.
            assertTrue(furthest > 0.95 * boundary, "never got near the boundary: " + furthest);
        }
    }

    @ParameterizedTest(name = "step {0} s")
    @CsvSource({"0.1", "1", "2", "10", "120"})
    void neverExceedsTheMaximumSpeed(double dt) {
        WanderParams params = new WanderParams(1.4, 0.6, 1.8, 30, 10, 90, 90, 4, 400, 0.7);
        for (long seed = 1; seed <= 20; seed++) {
            Wanderer model = new Wanderer(new Vec2(100, 50), 400, params);
            List<MovementState> t = track(seed, model, 2000, dt);
            for (int i = 1; i < t.size(); i++) {
                double covered = t.get(i).position().distanceTo(t.get(i - 1).position()) / dt;
                int step = i;
                assertTrue(covered <= params.maxSpeedMps() + 1e-9, () -> "step " + step + ": " + covered + " m/s");
                assertTrue(t.get(i).speedMps() <= params.maxSpeedMps() + 1e-9);
                assertTrue(t.get(i).cruiseSpeedMps() <= params.maxSpeedMps());
            }
        }
    }

    @Test
    void walksAtAPlausiblePaceWithPausesAndTurns() {
        Wanderer model = new Wanderer(Vec2.ZERO, RADIUS, WanderParams.DEFAULTS);
        List<MovementState> t = track(3, model, 5400, 2); // three hours
        long pausedSteps = t.stream().filter(s -> s.speedMps() == 0).count();
        double mean = t.stream().mapToDouble(MovementState::speedMps).average().orElseThrow();
        assertTrue(pausedSteps > 50, "expected some pauses, got " + pausedSteps + " paused steps");
        assertTrue(mean > 0.5 && mean < 1.6, "mean speed " + mean);
        double maxHeadingChange = 0;
        for (int i = 1; i < t.size(); i++) {
            double d = Math.abs(t.get(i).headingDeg() - t.get(i - 1).headingDeg());
            maxHeadingChange = Math.max(maxHeadingChange, Math.min(d, 360 - d));
        }
        assertTrue(maxHeadingChange > 60, "expected occasional real turns");
    }

    @Test
    void headingsAreCompassBearings() {
        Wanderer model = new Wanderer(Vec2.ZERO, 200, WanderParams.DEFAULTS);
        for (MovementState s : track(11, model, 3000, 2)) {
            assertTrue(s.headingDeg() >= 0 && s.headingDeg() < 360, "heading " + s.headingDeg());
        }
    }

    @Test
    void rejectsAHomeOutsideTheBoundary() {
        assertThrows(IllegalArgumentException.class, () -> new Wanderer(new Vec2(2500, 0), RADIUS, WanderParams.DEFAULTS));
    }
}
