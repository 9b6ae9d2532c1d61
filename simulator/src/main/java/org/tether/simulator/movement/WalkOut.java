package org.tether.simulator.movement;

import java.util.random.RandomGenerator;
import org.tether.simulator.geo.Vec2;

/**
 * Someone who leaves their zone: starts {@code startDistanceM} from the zone centre, heads straight
 * out along {@code bearingDeg} at {@code speedMps} (an e-bike, say) and stops for good once
 * {@code finalDistanceM} from the centre.
 */
public record WalkOut(double bearingDeg, double startDistanceM, double finalDistanceM, double speedMps)
        implements MovementModel {

    public WalkOut {
        if (!(speedMps > 0)) {
            throw new IllegalArgumentException("speed must be positive, got " + speedMps);
        }
        if (startDistanceM < 0 || finalDistanceM < startDistanceM) {
            throw new IllegalArgumentException("need 0 <= start distance <= final distance");
        }
    }

    /**
     * The demo's walker-out: starts {@code insideM} within the edge of a zone of radius
     * {@code zoneRadiusM} (but no further out than the zone's middle) and ends {@code beyondM} outside it.
     */
    public static WalkOut leaving(double zoneRadiusM, double bearingDeg, double insideM, double beyondM,
                                  double speedMps) {
        double start = Math.max(zoneRadiusM / 2, zoneRadiusM - insideM);
        return new WalkOut(bearingDeg, start, zoneRadiusM + beyondM, speedMps);
    }

    @Override
    public double maxSpeedMps() {
        return speedMps;
    }

    @Override
    public MovementState initialState(RandomGenerator rng) {
        return new MovementState(Vec2.polar(startDistanceM, bearingDeg), bearingDeg, 0, speedMps, 0);
    }

    @Override
    public MovementState next(MovementState s, double dt, RandomGenerator rng) {
        if (!(dt > 0)) {
            throw new IllegalArgumentException("time step must be positive, got " + dt);
        }
        double r = s.position().length();
        double nextR = Math.min(finalDistanceM, r + speedMps * dt);
        Vec2 position = Vec2.polar(nextR, bearingDeg);
        double speed = position.distanceTo(s.position()) / dt;
        return new MovementState(position, bearingDeg, speed, speedMps, 0);
    }

    /** Whether the walker has arrived and stays put. */
    public boolean hasArrived(MovementState s) {
        return s.position().length() >= finalDistanceM - 1e-6;
    }
}
