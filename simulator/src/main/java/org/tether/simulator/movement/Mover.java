package org.tether.simulator.movement;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One person's movement over time: a {@link MovementModel} driven by the person's own random
 * generator. Not thread-safe; each person is advanced by one thread at a time.
 */
public final class Mover {

    private final MovementModel model;
    private final RandomGenerator rng;
    private MovementState state;

    public Mover(MovementModel model, RandomGenerator rng) {
        this.model = model;
        this.rng = rng;
        this.state = model.initialState(rng);
    }

    public MovementModel model() {
        return model;
    }

    public MovementState current() {
        return state;
    }

    public MovementState advance(double dtSeconds) {
        state = model.next(state, dtSeconds, rng);
        return state;
    }

    /** The initial state followed by {@code steps} further states, {@code dtSeconds} apart. */
    public List<MovementState> track(int steps, double dtSeconds) {
        List<MovementState> track = new ArrayList<>(steps + 1);
        track.add(state);
        for (int i = 0; i < steps; i++) {
            track.add(advance(dtSeconds));
        }
        return track;
    }
}
