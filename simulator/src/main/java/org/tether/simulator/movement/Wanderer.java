package org.tether.simulator.movement;

import java.util.random.RandomGenerator;
import org.tether.simulator.geo.Vec2;

/**
 * Someone going about their day inside their zone: walks at their own pace, pauses now and then,
 * changes direction occasionally (leaning back towards home when far from it) and is turned back,
 * like a ball off a wall, at {@link WanderParams#boundaryFraction()} of the zone radius.
 */
public record Wanderer(Vec2 home, double zoneRadiusM, WanderParams params) implements MovementModel {

    private static final double SECONDS_PER_HOUR = 3600.0;
    private static final double HOMEWARD_SPREAD_DEG = 35.0;

    public Wanderer {
        if (!(zoneRadiusM > 0)) {
            throw new IllegalArgumentException("zone radius must be positive");
        }
        if (home.length() > params.boundaryFraction() * zoneRadiusM) {
            throw new IllegalArgumentException("home must lie within the wandering boundary");
        }
    }

    /** Distance from the zone centre beyond which the wanderer is turned back. */
    public double boundaryM() {
        return params.boundaryFraction() * zoneRadiusM;
    }

    @Override
    public double maxSpeedMps() {
        return params.maxSpeedMps();
    }

    @Override
    public MovementState initialState(RandomGenerator rng) {
        double cruise = params.walkingSpeedMps() + params.walkingSpeedStdMps() * rng.nextGaussian();
        cruise = clamp(cruise, 0.5 * params.walkingSpeedMps(), params.maxSpeedMps());
        return new MovementState(home, rng.nextDouble(360.0), 0, cruise, 0);
    }

    @Override
    public MovementState next(MovementState s, double dt, RandomGenerator rng) {
        if (!(dt > 0)) {
            throw new IllegalArgumentException("time step must be positive, got " + dt);
        }
        if (s.pauseRemainingS() >= dt) {
            return new MovementState(s.position(), s.headingDeg(), 0, s.cruiseSpeedMps(), s.pauseRemainingS() - dt);
        }
        double moving = dt - s.pauseRemainingS();

        double heading = happens(params.turnsPerHour(), moving, rng)
                ? newDirection(s.position(), rng)
                : s.headingDeg() + params.headingDriftDegPerSqrtS() * Math.sqrt(moving) * rng.nextGaussian();

        Vec2 direction = Vec2.unit(heading);
        Vec2 proposed = s.position().plus(direction.times(s.cruiseSpeedMps() * moving));
        Vec2 position = proposed;
        double r = proposed.length();
        double boundary = boundaryM();
        if (r > boundary) {
            // Mirror in the tangent at the boundary. The mirror is an isometry and the start point is on
            // the inner side, so the step only gets shorter: speed stays within bounds.
            Vec2 normal = proposed.normalized();
            position = proposed.minus(normal.times(2 * (r - boundary)));
            if (position.length() > boundary) {
                position = position.normalized().times(boundary); // only for absurdly long steps
            }
            double outward = direction.dot(normal);
            if (outward > 0) {
                direction = direction.minus(normal.times(2 * outward));
                heading = direction.bearingDeg();
            }
        }

        double pause = happens(params.pausesPerHour(), moving, rng)
                ? params.minPauseS() + rng.nextDouble() * (params.maxPauseS() - params.minPauseS())
                : 0;
        double speed = position.distanceTo(s.position()) / dt;
        return new MovementState(position, normalize(heading), speed, s.cruiseSpeedMps(), pause);
    }

    private double newDirection(Vec2 position, RandomGenerator rng) {
        Vec2 toHome = home.minus(position);
        if (toHome.length() > params.homeRangeM()) {
            return toHome.bearingDeg() + HOMEWARD_SPREAD_DEG * rng.nextGaussian();
        }
        return rng.nextDouble(360.0);
    }

    /** Whether a Poisson event with the given hourly rate happens within {@code seconds}. */
    private static boolean happens(double perHour, double seconds, RandomGenerator rng) {
        double p = 1 - Math.exp(-perHour * seconds / SECONDS_PER_HOUR);
        return rng.nextDouble() < p;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double normalize(double deg) {
        double b = deg % 360.0;
        return b < 0 ? b + 360.0 : b;
    }
}
