package org.tether.geofence.eval;

import java.time.Duration;
import java.util.Objects;

/**
 * How sure the engine must be before a state changes, for one kind of zone.
 *
 * @param bufferMeters how far beyond the boundary (after subtracting the accuracy radius) a fix must
 *     be to count; protects against jitter of fixes whose accuracy is under-reported
 * @param dwellFixes consecutive definite fixes on the new side needed to change state (at least 1)
 * @param dwellTime time between the first and the latest of those fixes needed as well
 */
public record HysteresisPolicy(double bufferMeters, int dwellFixes, Duration dwellTime) {

    public HysteresisPolicy {
        if (!(bufferMeters >= 0)) {
            throw new IllegalArgumentException("bufferMeters must be >= 0: " + bufferMeters);
        }
        if (dwellFixes < 1) {
            throw new IllegalArgumentException("dwellFixes must be >= 1: " + dwellFixes);
        }
        Objects.requireNonNull(dwellTime, "dwellTime");
        if (dwellTime.isNegative()) {
            throw new IllegalArgumentException("dwellTime must not be negative: " + dwellTime);
        }
    }
}
