package org.tether.gateway.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tether.gateway.decode.DecoderContract.CLOCK;
import static org.tether.gateway.decode.DecoderContract.LIMITS;
import static org.tether.gateway.decode.DecoderContract.NOW;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * Coverage-guided fuzzing of {@link JsonEventDecoder}'s events and status messages with Jazzer
 * (regression inputs under {@code JsonEventDecoderFuzzTestInputs/<method>/}).
 */
class JsonEventDecoderFuzzTest {

    private static final DeviceTopic EVENTS = new DeviceTopic("BR-1", DeviceTopic.Channel.EVENTS);
    private static final DeviceTopic STATUS = new DeviceTopic("BR-1", DeviceTopic.Channel.STATUS);
    private static final JsonEventDecoder DECODER = new JsonEventDecoder(LIMITS, CLOCK);
    /** When the broker handed over the status message: any instant, the decoder must pass it through. */
    private static final Instant RECEIVED = NOW.minusSeconds(5);

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({"\"v\"", "\"deviceId\"", "\"events\"", "\"time\"", "\"type\"", "\"seq\"", "\"battery\"",
        "\"detail\"", "\"BR-1\"", "\"STRAP_CUT\"", "\"sos\"", "\"CONNECTION_LOST\"", "1764064800000",
        "18446744073709551617", "null"})
    void fuzzEvents(byte[] payload) {
        DecodedEvents decoded = DecoderContract.decodeOrRefuse(p -> DECODER.decodeEvents(EVENTS, p), payload);
        if (decoded == null) {
            return;
        }
        assertEquals("BR-1", decoded.deviceId());
        int total = decoded.events().size() + decoded.rejections().size();
        assertTrue(total >= 1 && total <= LIMITS.maxFixesPerMessage(), "events + rejections = " + total);
        for (DeviceEvent e : decoded.events()) {
            checkEvent(e);
            DecoderContract.checkTime(e.time(), "accepted " + e);
        }
        DecoderContract.checkRejections(decoded.rejections());
        // every accepted event carries exactly the values of its entry
        JsonNode events = DecoderContract.strictJson(payload).get("events");
        List<JsonNode> entries = DecoderContract.acceptedEntries(events, "events", decoded.rejections(), decoded.events().size());
        for (int k = 0; k < entries.size(); k++) {
            JsonNode entry = entries.get(k);
            DeviceEvent e = decoded.events().get(k);
            DecoderContract.assertExactInteger(entry.get("time"), e.time().toEpochMilli(), "time");
            DecoderContract.assertExactInteger(entry.get("seq"), e.seq(), "seq");
            DecoderContract.assertExactInteger(entry.get("battery"), e.battery() == null ? null : (long) e.battery(), "battery");
        }
    }

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({"\"v\"", "\"deviceId\"", "\"state\"", "\"ONLINE\"", "\"offline\"", "\"time\"", "\"cause\"",
        "\"LAST_WILL\"", "\"BR-1\"", "1764064800000", "null"})
    void fuzzStatus(byte[] payload) {
        DecodedEvents decoded = DecoderContract.decodeOrRefuse(p -> DECODER.decodeStatus(STATUS, p, RECEIVED), payload);
        if (decoded == null) {
            return;
        }
        assertEquals("BR-1", decoded.deviceId());
        assertEquals(1, decoded.events().size());
        assertEquals(0, decoded.rejections().size());
        DeviceEvent e = decoded.events().get(0);
        checkEvent(e);
        assertTrue(e.type() == DeviceEventType.ONLINE || e.type() == DeviceEventType.CONNECTION_LOST, e.toString());
        JsonNode time = DecoderContract.strictJson(payload).get("time");
        if (time == null || time.isNull()) {
            assertEquals(RECEIVED, e.time(), "without a time, the receive time");
        } else {
            DecoderContract.checkTime(e.time(), "status " + e);
            DecoderContract.assertExactInteger(time, e.time().toEpochMilli(), "time");
        }
    }

    private static void checkEvent(DeviceEvent e) {
        assertNotNull(e.type());
        if (e.battery() != null) {
            assertTrue(e.battery() >= 0 && e.battery() <= 100, "battery " + e);
        }
        if (e.seq() != null) {
            assertTrue(e.seq() >= 0, "seq " + e);
        }
        if (e.detail() != null) {
            assertTrue(e.detail().length() <= 500, "detail of " + e.detail().length() + " chars");
        }
    }
}
