package org.tether.simulator.phone;

import java.time.Duration;
import java.util.Optional;
import org.tether.simulator.geo.GeoPoint;

/**
 * How an enrolled phone behaves in {@code phone run}.
 *
 * @param interval      time between two fixes published over MQTT
 * @param checkPoll     time between two polls of {@code GET /location-checks} (the fallback for a missed push)
 * @param answerDelay   how long the person takes to answer a check once the phone has seen it
 * @param ignoreChecks  never answer (to provoke LOCATION_CHECK_UNANSWERED)
 * @param checkInEvery  time between two check-ins; zero for none
 * @param checkInFirst  delay before the first check-in (when {@code checkInEvery} is not zero)
 * @param photo         whether a check-in carries a generated photo, and which format
 * @param duration      how long to run; zero runs until stopped
 * @param center        where the person lives (WGS-84)
 * @param radiusM       radius of the person's area around {@code center}
 * @param movement      how the person moves
 * @param walkOutSpeedMps speed when walking out
 * @param seed          seed of movement, GNSS error and photos
 * @param pushToken     an FCM registration token to register at start, if any
 */
public record PhoneRunOptions(Duration interval, Duration checkPoll, Duration answerDelay, boolean ignoreChecks,
                              Duration checkInEvery, Duration checkInFirst, PhotoKind photo, Duration duration,
                              GeoPoint center, double radiusM, PhoneMovement movement, double walkOutSpeedMps,
                              long seed, Optional<String> pushToken) {

    public PhoneRunOptions {
        positive(interval, "interval");
        positive(checkPoll, "checkPoll");
        notNegative(answerDelay, "answerDelay");
        notNegative(checkInEvery, "checkInEvery");
        notNegative(checkInFirst, "checkInFirst");
        notNegative(duration, "duration");
        if (!(radiusM > 0)) {
            throw new IllegalArgumentException("radius must be positive");
        }
        if (!(walkOutSpeedMps > 0)) {
            throw new IllegalArgumentException("walk-out speed must be positive");
        }
        if (photo == null || movement == null || center == null || pushToken == null) {
            throw new IllegalArgumentException("photo, movement, center and pushToken are required");
        }
    }

    public boolean runsUntilStopped() {
        return duration.isZero();
    }

    public boolean checksIn() {
        return !checkInEvery.isZero();
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static void notNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}
