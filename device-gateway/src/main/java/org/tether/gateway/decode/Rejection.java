package org.tether.gateway.decode;

import java.util.Objects;

/**
 * Input that was refused, with enough to find and fix the sender's bug.
 *
 * @param detail human-readable: which field, what was wrong (never the payload's personal data)
 * @param payload the refused bytes: the whole message, or the one refused fix of a batch
 */
public record Rejection(RejectReason reason, String detail, byte[] payload) {

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(payload, "payload");
    }
}
