package org.tether.server.ingest;

import java.time.Instant;
import org.tether.gateway.decode.Rejection;

/** Refused input as it will be kept: where it came from and why it was refused. */
public record DeadLetter(Instant receivedAt, String channel, String topic, String deviceId, Rejection rejection) {
}
