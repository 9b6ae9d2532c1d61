package org.tether.simulator.movement;

import org.tether.simulator.geo.Vec2;

/**
 * Where a simulated person is and what they are doing, in the zone's local frame.
 *
 * @param position        metres east/north of the zone centre (the true position, before GNSS error)
 * @param headingDeg      compass direction of travel, 0..360
 * @param speedMps        average ground speed over the last step (0 while pausing)
 * @param cruiseSpeedMps  the person's preferred travel speed
 * @param pauseRemainingS seconds of standing still left before moving again
 */
public record MovementState(Vec2 position, double headingDeg, double speedMps, double cruiseSpeedMps,
                            double pauseRemainingS) {

    public boolean isPausing() {
        return pauseRemainingS > 0;
    }

    public double distanceFromCentreM() {
        return position.length();
    }
}
