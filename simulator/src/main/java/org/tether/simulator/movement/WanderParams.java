package org.tether.simulator.movement;

/**
 * How a wanderer walks.
 *
 * @param walkingSpeedMps       mean preferred walking speed (people walk at about 1.4 m/s)
 * @param walkingSpeedStdMps    spread of preferred speeds between people
 * @param maxSpeedMps           hard upper bound on speed
 * @param pausesPerHour         how often (while walking) a person stops for a while
 * @param minPauseS             shortest pause
 * @param maxPauseS             longest pause
 * @param turnsPerHour          how often a person picks a new direction
 * @param headingDriftDegPerSqrtS random meander of the heading between turns
 * @param homeRangeM            beyond this distance from home, new directions lean homewards
 * @param boundaryFraction      fraction of the zone radius at which a wanderer is turned back
 */
public record WanderParams(double walkingSpeedMps, double walkingSpeedStdMps, double maxSpeedMps,
                           double pausesPerHour, double minPauseS, double maxPauseS,
                           double turnsPerHour, double headingDriftDegPerSqrtS,
                           double homeRangeM, double boundaryFraction) {

    public static final WanderParams DEFAULTS =
            new WanderParams(1.4, 0.15, 2.0, 30, 10, 90, 90, 4, 400, 0.7);

    public WanderParams {
        if (!(walkingSpeedMps > 0) || !(maxSpeedMps >= walkingSpeedMps)) {
            throw new IllegalArgumentException("need 0 < walkingSpeed <= maxSpeed");
        }
        if (walkingSpeedStdMps < 0 || pausesPerHour < 0 || turnsPerHour < 0 || headingDriftDegPerSqrtS < 0) {
            throw new IllegalArgumentException("rates and spreads must not be negative");
        }
        if (minPauseS < 0 || maxPauseS < minPauseS) {
            throw new IllegalArgumentException("need 0 <= minPause <= maxPause");
        }
        if (!(boundaryFraction > 0 && boundaryFraction <= 1)) {
            throw new IllegalArgumentException("boundaryFraction must be in (0, 1], got " + boundaryFraction);
        }
    }
}
