package org.tether.geofence.fix;

import java.util.Locale;
import java.util.Optional;

/** How a position was obtained; it bounds how far the reported accuracy can be trusted. */
public enum PositionSource {
    /** Satellite (BeiDou/GPS/…): about 10 m. */
    GNSS,
    /** Wi-Fi positioning: 100–500 m. */
    WIFI,
    /** Cell-tower positioning: 200–2,000 m. */
    CELL,
    UNKNOWN;

    public static Optional<PositionSource> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "GNSS", "GPS", "BEIDOU", "SATELLITE" -> Optional.of(GNSS);
            case "WIFI", "WI-FI", "WLAN" -> Optional.of(WIFI);
            case "CELL", "LBS", "CELLULAR" -> Optional.of(CELL);
            case "UNKNOWN" -> Optional.of(UNKNOWN);
            default -> Optional.empty();
        };
    }
}
