package org.tether.geofence.eval;

import java.time.Duration;
import java.util.Objects;

/**
 * The engine's settings: hysteresis per kind of rule (inclusion, exclusion, curfew home), plausibility.
 *
 * @param maxSpeedMetersPerSecond a fix implying more than this since the last accepted one is
 *     implausible (high-speed rail runs at ~97 m/s)
 * @param maxFutureSkew how far ahead of the server clock a fix time may be
 */
public record GeofencePolicy(HysteresisPolicy inclusion, HysteresisPolicy exclusion, HysteresisPolicy home,
                             double maxSpeedMetersPerSecond, Duration maxFutureSkew) {

    public GeofencePolicy {
        Objects.requireNonNull(inclusion, "inclusion");
        Objects.requireNonNull(exclusion, "exclusion");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        if (!(maxSpeedMetersPerSecond > 0)) {
            throw new IllegalArgumentException("maxSpeedMetersPerSecond must be > 0");
        }
    }

    /** Curfew uses the inclusion policy. */
    public GeofencePolicy(HysteresisPolicy inclusion, HysteresisPolicy exclusion, double maxSpeedMetersPerSecond,
                          Duration maxFutureSkew) {
        this(inclusion, exclusion, inclusion, maxSpeedMetersPerSecond, maxFutureSkew);
    }

    /** Defaults for one fix a minute from a bracelet: 30 m buffer, 3 fixes over at least a minute. */
    public static GeofencePolicy defaults() {
        HysteresisPolicy h = new HysteresisPolicy(30, 3, Duration.ofSeconds(60));
        return new GeofencePolicy(h, h, 100, Duration.ofMinutes(2));
    }
}
