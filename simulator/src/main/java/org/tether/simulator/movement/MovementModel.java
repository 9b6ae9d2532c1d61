package org.tether.simulator.movement;

import java.util.random.RandomGenerator;

/**
 * A pure, deterministic way of moving: given the same state, time step and random sequence it
 * always produces the same next state. All randomness comes from the generator passed in, so a
 * seeded generator gives a reproducible track.
 */
public interface MovementModel {

    MovementState initialState(RandomGenerator rng);

    MovementState next(MovementState current, double dtSeconds, RandomGenerator rng);

    /** An upper bound on the ground speed this model ever produces, m/s. */
    double maxSpeedMps();
}
