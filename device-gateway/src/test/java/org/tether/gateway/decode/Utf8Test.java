package org.tether.gateway.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tether.gateway.decode.owntracks.OwnTracksDecoder;
import org.tether.gateway.decode.owntracks.OwnTracksTopic;

class Utf8Test {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-25T12:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @ValueSource(strings = {"", "7B7D", "C3A9", "E282AC", "F09F9880", "EFBBBF7B7D", "F48FBFBF", "ED9FBF"})
    void wellFormedIsValid(String hex) {
        assertEquals(-1, Utf8.firstInvalidByte(HexFormat.of().parseHex(hex)));
    }

    @ParameterizedTest
    @CsvSource({
        "FF, 0", "7BFF, 1", "80, 0", "C0AF, 0", "C1BF, 0", "C3, 0", "7BC3, 1", "C37B, 0", "E282, 0",
        "E09FBF, 0", "EDA080, 0", "EDBFBF, 0", "F08FBFBF, 0", "F4908080, 0", "F5808080, 0", "F09F98, 0",
        "41E2827B, 1",
    })
    void malformedIsFoundAtItsFirstByte(String hex, int offset) {
        assertEquals(offset, Utf8.firstInvalidByte(HexFormat.of().parseHex(hex)));
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomBytes() {
        Random random = new Random(7);
        byte[] alphabet = HexFormat.of().parseHex("00417F80BFC0C1C2DFE0E1ECEDEEEFF0F1F3F4F5FF9FA08F90");
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[random.nextInt(8)];
            for (int k = 0; k < bytes.length; k++) {
                bytes[k] = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
            }
            assertEquals(jdkSaysValid(bytes), Utf8.firstInvalidByte(bytes) < 0, () -> HexFormat.of().formatHex(bytes));
        }
    }

    private static boolean jdkSaysValid(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * The finding: once the long-lived mapper has seen the name "ime", jackson-core 2.18 reads the
     * invalid name FF 69 6D 65 as "ime" (it pads short names with 0xFF). Every JSON decoder must
     * still refuse it as malformed.
     */
    @Test
    void invalidNameAliasingACachedNameIsMalformedInEveryJsonDecoder() throws Exception {
        byte[] bad = {'{', '"', 'v', '"', ':', '1', ',', '"', (byte) 0xFF, 'i', 'm', 'e', '"', ':', '5', '}'};
        byte[] warmUp = "{\"v\":1,\"ime\":5}".getBytes(StandardCharsets.UTF_8);
        DeviceTopic topic = new DeviceTopic("BR-1", DeviceTopic.Channel.FIXES);
        DeviceTopic jane = OwnTracksTopic.parse("owntracks/jane/phone").orElseThrow();
        JsonFixDecoder json = new JsonFixDecoder(DecodeLimits.defaults(), CLOCK);
        JsonEventDecoder events = new JsonEventDecoder(DecodeLimits.defaults(), CLOCK);
        OwnTracksDecoder owntracks = new OwnTracksDecoder(DecodeLimits.defaults(), CLOCK);

        for (DecoderContract.Decode<?> decode : List.<DecoderContract.Decode<?>>of(
                p -> json.decode(topic, p), p -> events.decodeEvents(topic, p),
                p -> events.decodeStatus(topic, p, Instant.EPOCH), p -> owntracks.decode(jane, p))) {
            assertThrows(MessageRejectedException.class, () -> decode.apply(warmUp)); // puts "ime" in the symbol table
            MessageRejectedException e = assertThrows(MessageRejectedException.class, () -> decode.apply(bad));
            assertEquals(RejectReason.MALFORMED_JSON, e.rejection().reason());
            assertTrue(e.rejection().detail().contains("invalid UTF-8 at byte 8"), e.rejection().detail());
        }
    }
}
