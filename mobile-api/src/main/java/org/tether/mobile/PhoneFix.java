package org.tether.mobile;

import java.time.Instant;

/**
 * A fix as the app sent it, checked for shape only (types, required fields). The backend applies the
 * value rules every fix obeys (time window, ranges, the (0, 0) placeholder, freshness) and converts
 * to WGS-84; its problems name the field as {@code fix.<name>}.
 *
 * @param crs as sent (WGS84, GCJ02, BD09, CGCS2000)
 * @param source as sent (GNSS, WIFI, CELL, UNKNOWN)
 */
public record PhoneFix(Instant time, double lat, double lon, String crs, double accuracyMeters, String source) {
}
