package org.tether.simulator.tether;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * An alert as the staff API shows it. Only the fields the simulator needs are picked out; the rest
 * stays in {@code raw}.
 *
 * @param time when the alert was raised or last changed, if the server said
 */
public record Alert(String id, String personId, String type, String state, Instant time, JsonNode raw) {

    public Optional<Instant> timeIfKnown() {
        return Optional.ofNullable(time);
    }
}
