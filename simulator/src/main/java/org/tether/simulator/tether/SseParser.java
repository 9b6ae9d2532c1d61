package org.tether.simulator.tether;

import java.util.Optional;

/**
 * Incremental parser for the {@code text/event-stream} format (WHATWG HTML, "server-sent events"):
 * feed it one line at a time (without the line terminator); a blank line completes an event.
 * Not thread-safe.
 */
public final class SseParser {

    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String event;
    private String lastId;

    public Optional<SseEvent> accept(String line) {
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.startsWith(":")) {
            return Optional.empty(); // comment, e.g. ": keepalive"
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "event" -> event = value;
            case "id" -> {
                if (!value.contains("\0")) {
                    lastId = value;
                }
            }
            default -> {
                // "retry" and unknown fields are ignored
            }
        }
        return Optional.empty();
    }

    /** Drops any half-received event, e.g. after the connection broke; keeps the last event id. */
    public void discardPending() {
        data.setLength(0);
        hasData = false;
        event = null;
    }

    /** The id of the last event seen, for Last-Event-ID on reconnect. */
    public Optional<String> lastEventId() {
        return Optional.ofNullable(lastId);
    }

    private Optional<SseEvent> dispatch() {
        Optional<SseEvent> result = hasData
                ? Optional.of(new SseEvent(event == null || event.isEmpty() ? "message" : event, data.toString(), lastId))
                : Optional.empty();
        data.setLength(0);
        hasData = false;
        event = null;
        return result;
    }
}
