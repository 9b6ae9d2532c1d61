package org.tether.benchmarks.gateway;

import java.nio.charset.StandardCharsets;

/**
 * JSON v1 fix messages (docs/device-integration.md), one fix per message, as a bracelet or a vendor bridge
 * sends them; about 230 bytes. Built with a {@link StringBuilder} (no {@code String.format}): the publisher
 * thread builds tens of thousands per second.
 */
final class FixPayload {

    private FixPayload() {
    }

    static byte[] json(String deviceId, long seq, long timeMillis, double lat, double lon, double accuracy,
                       double speed, double heading, int battery) {
        return json(deviceId, seq, timeMillis, 1, 0, lat, lon, accuracy, speed, heading, battery);
    }

    /**
     * A message with {@code count} fixes, as a bracelet uploads what it buffered: sequence numbers {@code seq ..
     * seq + count - 1}, times {@code timeMillis - (count - 1) * spacingMillis .. timeMillis}, the same position.
     */
    static byte[] json(String deviceId, long seq, long timeMillis, int count, long spacingMillis, double lat, double lon,
                       double accuracy, double speed, double heading, int battery) {
        StringBuilder sb = new StringBuilder(64 + 200 * count);
        sb.append("{\"v\":1,\"deviceId\":\"").append(deviceId).append("\",\"fixes\":[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(',');
            }
            fix(sb, seq + i, timeMillis - (count - 1 - i) * spacingMillis, lat, lon, accuracy, speed, heading, battery);
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void fix(StringBuilder sb, long seq, long timeMillis, double lat, double lon, double accuracy,
                            double speed, double heading, int battery) {
        sb.append("{\"seq\":").append(seq)
                .append(",\"time\":").append(timeMillis)
                .append(",\"lat\":");
        decimal(sb, lat, 7);
        sb.append(",\"lon\":");
        decimal(sb, lon, 7);
        sb.append(",\"crs\":\"WGS84\",\"accuracy\":");
        decimal(sb, accuracy, 1);
        sb.append(",\"source\":\"GNSS\",\"speed\":");
        decimal(sb, speed, 1);
        sb.append(",\"heading\":");
        decimal(sb, heading, 1);
        sb.append(",\"altitude\":12.0,\"battery\":").append(battery).append(",\"charging\":false}");
    }

    /** Fixed-point decimal with {@code places} digits after the point. */
    static void decimal(StringBuilder sb, double value, int places) {
        long scale = 1;
        for (int i = 0; i < places; i++) {
            scale *= 10;
        }
        long v = Math.round(Math.abs(value) * scale);
        if (value < 0 && v != 0) {
            sb.append('-');
        }
        sb.append(v / scale).append('.');
        String frac = Long.toString(v % scale);
        for (int i = frac.length(); i < places; i++) {
            sb.append('0');
        }
        sb.append(frac);
    }

    /** The {@code "time"} field of a payload built here (epoch ms), or -1; no JSON parsing. */
    static long time(byte[] payload) {
        int i = indexOf(payload, TIME_KEY);
        if (i < 0) {
            return -1;
        }
        long t = 0;
        for (int j = i + TIME_KEY.length; j < payload.length; j++) {
            byte b = payload[j];
            if (b < '0' || b > '9') {
                break;
            }
            t = t * 10 + (b - '0');
        }
        return t;
    }

    private static final byte[] TIME_KEY = "\"time\":".getBytes(StandardCharsets.US_ASCII);

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
