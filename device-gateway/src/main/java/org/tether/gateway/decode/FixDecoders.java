package org.tether.gateway.decode;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tether.gateway.decode.binary.CompactBinaryDecoder;
import org.tether.gateway.decode.owntracks.OwnTracksDecoder;

/**
 * One decoder per {@link FixFormat}, all built with the same limits and clock, so the server can
 * pick the decoder for a vendor or a topic by the format name in its configuration. Decoders are
 * stateless and thread-safe, so each is built once and shared.
 */
public final class FixDecoders {

    private final Map<FixFormat, FixDecoder> decoders = new EnumMap<>(FixFormat.class);

    public FixDecoders(DecodeLimits limits, Clock clock) {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(clock, "clock");
        for (FixFormat format : FixFormat.values()) {
            decoders.put(format, switch (format) {
                case TETHER_JSON_V1 -> new JsonFixDecoder(limits, clock);
                case TETHER_BIN_V1 -> new CompactBinaryDecoder(limits, clock);
                case OWNTRACKS -> new OwnTracksDecoder(limits, clock);
            });
        }
    }

    /** The decoder for a format name ({@code tether-json-v1}, {@code tether-bin-v1}, {@code owntracks}); empty if unknown. */
    public Optional<FixDecoder> forName(String formatName) {
        return FixFormat.parse(formatName).map(decoders::get);
    }

    /** The decoder for a format. */
    public FixDecoder forFormat(FixFormat format) {
        return decoders.get(Objects.requireNonNull(format, "format"));
    }
}
