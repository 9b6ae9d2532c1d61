package org.tether.gateway.decode;

import java.time.Duration;
import java.time.Instant;

/**
 * Bounds on what a message may contain.
 *
 * @param maxPayloadBytes larger messages are refused before parsing
 * @param maxFixesPerMessage a phone's offline backlog comes in batches of at most this many
 * @param maxFutureSkew fix times further ahead of our clock are refused (the geofence engine
 *     separately refuses to let slightly-future fixes move state)
 * @param oldest fix times before this are refused
 */
public record DecodeLimits(int maxPayloadBytes, int maxFixesPerMessage, Duration maxFutureSkew, Instant oldest) {

    public static DecodeLimits defaults() {
        return new DecodeLimits(256 * 1024, 500, Duration.ofDays(1), Instant.parse("2000-01-01T00:00:00Z"));
    }
}
