package org.tether.simulator.tether;

/** One server-sent event: its type ("message" unless named), data (lines joined by \n) and last id. */
public record SseEvent(String event, String data, String id) {
}
