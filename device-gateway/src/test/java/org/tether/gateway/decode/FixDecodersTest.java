package org.tether.gateway.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tether.gateway.decode.binary.BinaryFixRecord;
import org.tether.gateway.decode.binary.CompactBinaryDecoder;
import org.tether.gateway.decode.binary.CompactBinaryEncoder;
import org.tether.gateway.decode.owntracks.OwnTracksDecoder;

class FixDecodersTest {

    private static final Instant NOW = Instant.parse("2025-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final DeviceTopic TOPIC = new DeviceTopic("jane.phone", DeviceTopic.Channel.FIXES);

    private final FixDecoders decoders = new FixDecoders(DecodeLimits.defaults(), CLOCK);

    @Test
    void eachFormatNameHasItsDecoder() {
        assertInstanceOf(JsonFixDecoder.class, decoders.forName("tether-json-v1").orElseThrow());
        assertInstanceOf(CompactBinaryDecoder.class, decoders.forName("tether-bin-v1").orElseThrow());
        assertInstanceOf(OwnTracksDecoder.class, decoders.forName("owntracks").orElseThrow());
    }

    @Test
    void namesAreForgivingOfCaseAndBlanks() {
        assertEquals(Optional.of(FixFormat.TETHER_BIN_V1), FixFormat.parse(" Tether-BIN-v1\n"));
        assertSame(decoders.forFormat(FixFormat.OWNTRACKS), decoders.forName("OwnTracks").orElseThrow());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"json", "tether-json-v2", "tether_bin_v1", "owntracks-v1", "TETHER_JSON_V1"})
    void unknownFormatIsEmpty(String name) {
        assertEquals(Optional.empty(), decoders.forName(name));
    }

    @Test
    void decodersAreBuiltOnceAndShared() {
        assertSame(decoders.forName("tether-json-v1").orElseThrow(), decoders.forName("tether-json-v1").orElseThrow());
        for (FixFormat f : FixFormat.values()) {
            assertSame(decoders.forFormat(f), decoders.forName(f.formatName()).orElseThrow());
        }
        assertThrows(NullPointerException.class, () -> decoders.forFormat(null));
    }

    @Test
    void eachDecoderReadsItsOwnFormatWithTheGivenClock() throws MessageRejectedException {
        byte[] json = "{\"v\":1,\"fixes\":[{\"time\":1764064800000,\"lat\":30.27,\"lon\":120.15,\"accuracy\":8}]}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] owntracks = "{\"_type\":\"location\",\"tst\":1764064800,\"lat\":30.27,\"lon\":120.15,\"acc\":8}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] binary = CompactBinaryEncoder.encode(List.of(
                BinaryFixRecord.of(1, Instant.parse("2025-11-25T10:00:00Z"), 30.27, 120.15, 8)));

        for (var c : List.of(new Object[] {FixFormat.TETHER_JSON_V1, json}, new Object[] {FixFormat.OWNTRACKS, owntracks},
                new Object[] {FixFormat.TETHER_BIN_V1, binary})) {
            FixDecoder d = decoders.forFormat((FixFormat) c[0]);
            assertEquals(Instant.parse("2025-11-25T10:00:00Z"),
                    d.decode(TOPIC, (byte[]) c[1]).fixes().get(0).fix().time(), c[0].toString());
        }
        // a clock two days earlier makes the same fixes "future": the clock is really passed on
        FixDecoders early = new FixDecoders(DecodeLimits.defaults(), Clock.fixed(NOW.minusSeconds(3 * 86_400), ZoneOffset.UTC));
        assertEquals(1, early.forFormat(FixFormat.TETHER_BIN_V1).decode(TOPIC, binary).rejections().size());
        assertEquals(1, early.forFormat(FixFormat.OWNTRACKS).decode(TOPIC, owntracks).rejections().size());
        assertEquals(1, early.forFormat(FixFormat.TETHER_JSON_V1).decode(TOPIC, json).rejections().size());
    }
}
