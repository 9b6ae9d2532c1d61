package org.tether.simulator.tether;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private static List<SseEvent> parse(String stream) {
        SseParser parser = new SseParser();
        List<SseEvent> events = new ArrayList<>();
        for (String line : stream.split("\n", -1)) {
            parser.accept(line).ifPresent(events::add);
        }
        return events;
    }

    @Test
    void readsAlertEventsAndSkipsKeepalives() {
        List<SseEvent> events = parse("""
                : keepalive

                event: alert
                data: {"id":123,"type":"OUT_OF_AREA"}

                : keepalive
                id: 7
                event: alert
                data: {"id":124}

                """);
        assertEquals(List.of(
                new SseEvent("alert", "{\"id\":123,\"type\":\"OUT_OF_AREA\"}", null),
                new SseEvent("alert", "{\"id\":124}", "7")), events);
    }

    @Test
    void joinsMultiLineDataAndDefaultsTheEventType() {
        assertEquals(List.of(new SseEvent("message", "a\nb", null)), parse("data: a\ndata:b\n\n"));
    }

    @Test
    void needsABlankLineToDispatch() {
        assertEquals(List.of(), parse("event: alert\ndata: {}"));
    }

    @Test
    void discardsAHalfReceivedEvent() {
        SseParser parser = new SseParser();
        parser.accept("event: alert");
        parser.accept("data: {\"partial\":");
        parser.discardPending();
        parser.accept("data: {}");
        assertEquals(new SseEvent("message", "{}", null), parser.accept("").orElseThrow());
    }
}
