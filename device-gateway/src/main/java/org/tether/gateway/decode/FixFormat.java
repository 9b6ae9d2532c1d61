package org.tether.gateway.decode;

import java.util.Locale;
import java.util.Optional;
import org.tether.gateway.decode.binary.CompactBinaryFormat;

/**
 * The wire formats the gateway can decode, by the name configuration uses for them (per vendor or
 * per topic). See {@link FixDecoders} for the decoder of each.
 */
public enum FixFormat {
    /** Tether's own JSON, version 1 ({@link JsonFixDecoder}). */
    TETHER_JSON_V1("tether-json-v1"),
    /** The compact binary frame for vendors, version 1 ({@link org.tether.gateway.decode.binary.CompactBinaryDecoder}). */
    TETHER_BIN_V1(CompactBinaryFormat.NAME),
    /** The OwnTracks phone app's location JSON ({@link org.tether.gateway.decode.owntracks.OwnTracksDecoder}). */
    OWNTRACKS("owntracks");

    private final String formatName;

    FixFormat(String formatName) {
        this.formatName = formatName;
    }

    /** The name used in configuration, e.g. {@code tether-bin-v1}. */
    public String formatName() {
        return formatName;
    }

    /** The format of that name, ignoring case and surrounding blanks; empty for null or an unknown name. */
    public static Optional<FixFormat> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.strip().toLowerCase(Locale.ROOT);
        for (FixFormat f : values()) {
            if (f.formatName.equals(key)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
