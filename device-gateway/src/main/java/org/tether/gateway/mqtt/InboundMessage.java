package org.tether.gateway.mqtt;

import java.time.Instant;

/** One MQTT message as received, before any decoding. */
public record InboundMessage(String topic, byte[] payload, Instant receivedAt) {
}
