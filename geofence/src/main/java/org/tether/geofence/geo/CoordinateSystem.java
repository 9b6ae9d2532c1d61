package org.tether.geofence.geo;

import java.util.Locale;
import java.util.Optional;

/**
 * The coordinate systems positions arrive in. GNSS chips and phone OS APIs give WGS-84; Chinese map
 * SDKs give GCJ-02 (AMap, Tencent) or BD-09 (Baidu); Tianditu's CGCS2000 equals WGS-84 at our
 * accuracy. Geofences are always evaluated in WGS-84.
 */
public enum CoordinateSystem {
    WGS84,
    GCJ02,
    BD09,
    CGCS2000;

    /** Parses the names used on the wire, forgiving case and punctuation ("wgs-84", "GCJ_02", "bd09ll"). */
    public static Optional<CoordinateSystem> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        return switch (key) {
            case "WGS84", "EPSG4326", "GPS" -> Optional.of(WGS84);
            case "GCJ02", "GCJ" -> Optional.of(GCJ02);
            case "BD09", "BD09LL", "BAIDU" -> Optional.of(BD09);
            case "CGCS2000", "EPSG4490" -> Optional.of(CGCS2000);
            default -> Optional.empty();
        };
    }
}
