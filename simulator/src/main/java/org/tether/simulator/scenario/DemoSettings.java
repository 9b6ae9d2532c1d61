package org.tether.simulator.scenario;

import org.tether.simulator.geo.GeoPoint;
import org.tether.simulator.movement.WanderParams;

/**
 * What shapes the demo scenario (the pure part of the demo command's options).
 *
 * @param persons          how many people, at least 1; person #1 walks out
 * @param seed             seed for everything random, so runs are reproducible
 * @param center           centre of the inclusion zone
 * @param zoneRadiusM      radius of the inclusion zone
 * @param devicePrefix     prepended to device ids ({@code {prefix}BR-{n}})
 * @param walkOutSpeedMps  speed of the walker-out
 * @param walkOutInsideM   how far inside the edge the walker-out starts
 * @param walkOutBeyondM   how far outside the edge the walker-out ends up
 * @param wander           how the others walk
 */
public record DemoSettings(int persons, long seed, GeoPoint center, double zoneRadiusM, String devicePrefix,
                           double walkOutSpeedMps, double walkOutInsideM, double walkOutBeyondM,
                           WanderParams wander) {

    public static final double DEFAULT_WALK_OUT_SPEED_MPS = 10.0;
    public static final double DEFAULT_WALK_OUT_INSIDE_M = 150.0;
    public static final double DEFAULT_WALK_OUT_BEYOND_M = 1000.0;

    public DemoSettings {
        if (persons < 1) {
            throw new IllegalArgumentException("need at least 1 person, got " + persons);
        }
        if (!(zoneRadiusM > 0)) {
            throw new IllegalArgumentException("zone radius must be positive, got " + zoneRadiusM);
        }
        if (!(walkOutSpeedMps > 0)) {
            throw new IllegalArgumentException("walk-out speed must be positive, got " + walkOutSpeedMps);
        }
        if (devicePrefix == null) {
            throw new IllegalArgumentException("device prefix is required");
        }
    }

    public static DemoSettings withDefaults(int persons, long seed, GeoPoint center, double zoneRadiusM,
                                            String devicePrefix) {
        return new DemoSettings(persons, seed, center, zoneRadiusM, devicePrefix, DEFAULT_WALK_OUT_SPEED_MPS,
                DEFAULT_WALK_OUT_INSIDE_M, DEFAULT_WALK_OUT_BEYOND_M, WanderParams.DEFAULTS);
    }
}
