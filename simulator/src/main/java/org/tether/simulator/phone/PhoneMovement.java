package org.tether.simulator.phone;

import java.util.random.RandomGenerator;
import org.tether.simulator.geo.Vec2;
import org.tether.simulator.movement.MovementModel;
import org.tether.simulator.movement.WalkOut;
import org.tether.simulator.movement.WanderParams;
import org.tether.simulator.movement.Wanderer;

/** How the simulated person carrying the phone moves, built from the demo's movement models. */
public enum PhoneMovement {
    /** On foot around home (the centre), turned back at 70 % of the radius: stays inside an area of that radius. */
    WANDER,
    /** Rides straight out from 150 m inside the radius to 1 km beyond it, then stays there. */
    WALK_OUT;

    private static final double WALK_OUT_INSIDE_M = 150;
    private static final double WALK_OUT_BEYOND_M = 1000;

    /**
     * @param radiusM the radius of the area around the centre (the person's inclusion zone, say)
     * @param speedMps the walk-out speed (ignored when wandering)
     */
    public MovementModel model(double radiusM, double speedMps, RandomGenerator rng) {
        return switch (this) {
            case WANDER -> new Wanderer(Vec2.ZERO, radiusM, WanderParams.DEFAULTS);
            case WALK_OUT -> WalkOut.leaving(radiusM, rng.nextDouble(360.0), WALK_OUT_INSIDE_M, WALK_OUT_BEYOND_M,
                    speedMps);
        };
    }
}
