package org.tether.gateway.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The events and status channels; event times follow the same rules as fix times ({@link FixValidation}). */
class JsonEventDecoderTest {

    private static final Instant NOW = Instant.parse("2025-11-25T12:00:00Z");
    private static final long TIME = 1_764_064_800_000L; // 2025-11-25T10:00:00Z
    private static final DeviceTopic EVENTS = new DeviceTopic("BR-1", DeviceTopic.Channel.EVENTS);
    private static final DeviceTopic STATUS = new DeviceTopic("BR-1", DeviceTopic.Channel.STATUS);

    private final JsonEventDecoder decoder = new JsonEventDecoder(DecodeLimits.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

    private DecodedEvents events(String... entries) throws MessageRejectedException {
        return decoder.decodeEvents(EVENTS, ("{\"v\":1,\"events\":[" + String.join(",", entries) + "]}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private Rejection refusedEvent(String entry) throws MessageRejectedException {
        DecodedEvents decoded = events(entry);
        assertEquals(List.of(), decoded.events());
        assertEquals(1, decoded.rejections().size());
        Rejection r = decoded.rejections().get(0);
        assertTrue(r.detail().startsWith("events[0]."), r.detail());
        return r;
    }

    @Test
    void eventWithEveryField() throws Exception {
        DecodedEvents decoded = events("{\"seq\":5,\"time\":" + TIME + ",\"type\":\"strap_cut\",\"battery\":40,\"detail\":\"x\"}");

        assertEquals(List.of(new DeviceEvent(5L, Instant.ofEpochMilli(TIME), DeviceEventType.STRAP_CUT, 40, "x")),
                decoded.events());
    }

    @Test
    void timeInSecondsIsRecognisedAsForFixes() throws Exception {
        Rejection r = refusedEvent("{\"time\":1764064800,\"type\":\"SOS\"}");

        assertEquals(RejectReason.TIMESTAMP_IN_SECONDS, r.reason());
        assertEquals("events[0].time: 1764064800 looks like seconds; send epoch milliseconds", r.detail());
    }

    @Test
    void timeBeforeTheOldestIsOutOfRange() throws Exception {
        Rejection r = refusedEvent("{\"time\":946684799999,\"type\":\"SOS\"}");

        assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, r.reason());
        assertTrue(r.detail().startsWith("events[0].time: 1999-12-31T23:59:59.999Z is before"), r.detail());
    }

    @Test
    void futureBoundIsInclusive() throws Exception {
        long bound = NOW.plus(Duration.ofDays(1)).toEpochMilli();

        assertEquals(1, events("{\"time\":" + bound + ",\"type\":\"SOS\"}").events().size());
        Rejection r = refusedEvent("{\"time\":" + (bound + 1) + ",\"type\":\"SOS\"}");
        assertEquals(RejectReason.TIMESTAMP_OUT_OF_RANGE, r.reason());
        assertTrue(r.detail().contains("ahead of the server clock"), r.detail());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1764064800000\"", "1764064800000.5", "18446744073709551617"})
    void timeThatIsNotAnIntegerIsAWrongType(String raw) throws Exception {
        assertEquals(RejectReason.WRONG_TYPE, refusedEvent("{\"time\":" + raw + ",\"type\":\"SOS\"}").reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "101", "18446744073709551617", "1.5", "\"40\""})
    void batteryOutsidePercentOrNotAnIntegerIsAWrongType(String raw) throws Exception {
        // 2^64 + 1 was accepted as 1 (truncated by asLong) until the fuzz tests' exact-value oracle caught it
        Rejection r = refusedEvent("{\"time\":" + TIME + ",\"type\":\"SOS\",\"battery\":" + raw + "}");

        assertEquals(RejectReason.WRONG_TYPE, r.reason());
        assertTrue(r.detail().startsWith("events[0].battery"), r.detail());
    }

    @Test
    void statusWithoutTimeUsesTheReceiveTime() throws Exception {
        Instant received = NOW.minusSeconds(3);

        DecodedEvents decoded = decoder.decodeStatus(STATUS,
                "{\"v\":1,\"state\":\"OFFLINE\",\"cause\":\"LAST_WILL\"}".getBytes(StandardCharsets.UTF_8), received);

        DeviceEvent e = decoded.events().get(0);
        assertEquals(DeviceEventType.CONNECTION_LOST, e.type());
        assertEquals(received, e.time());
        assertEquals("LAST_WILL", e.detail());
        assertNull(e.battery());
    }

    @Test
    void statusTimeInSecondsRefusesTheMessage() {
        byte[] payload = "{\"v\":1,\"state\":\"ONLINE\",\"time\":1764064800}".getBytes(StandardCharsets.UTF_8);

        MessageRejectedException e = assertThrows(MessageRejectedException.class,
                () -> decoder.decodeStatus(STATUS, payload, NOW));

        assertEquals(RejectReason.TIMESTAMP_IN_SECONDS, e.rejection().reason());
        assertTrue(e.rejection().detail().startsWith("time: 1764064800 looks like seconds"), e.rejection().detail());
    }
}
