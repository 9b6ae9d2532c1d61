package org.tether.server.geofence;

import java.time.Duration;
import org.tether.geofence.eval.GeofencePolicy;
import org.tether.geofence.eval.HysteresisPolicy;
import org.tether.server.config.TetherConfig.GeofenceConfig;
import org.tether.server.config.TetherConfig.ZoneRuleConfig;

/** Maps configuration to the geofence engine's policy. */
public final class GeofencePolicies {

    private GeofencePolicies() {
    }

    public static GeofencePolicy from(GeofenceConfig c) {
        return new GeofencePolicy(hysteresis(c.inclusion()), hysteresis(c.exclusion()), hysteresis(c.home()),
                c.maxSpeedMetersPerSecond(),
                Duration.ofSeconds(c.maxFutureSkewSeconds()));
    }

    private static HysteresisPolicy hysteresis(ZoneRuleConfig r) {
        return new HysteresisPolicy(r.bufferMeters(), r.dwellFixes(), Duration.ofSeconds(r.dwellSeconds()));
    }
}
