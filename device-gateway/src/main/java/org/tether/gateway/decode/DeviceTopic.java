package org.tether.gateway.decode;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tether's per-device topics: {@code tether/v1/devices/{deviceId}/{channel}}. The device id in the
 * topic is what broker ACLs protect, so it is the identity the gateway trusts.
 */
public record DeviceTopic(String deviceId, Channel channel) {

    public static final String PREFIX = "tether/v1/devices/";

    /** Device ids: 1–64 characters of letters, digits, '-', '_', '.', ':' (no MQTT wildcards, no '/'). */
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public enum Channel {
        FIXES("fixes"),
        EVENTS("events"),
        STATUS("status");

        private final String segment;

        Channel(String segment) {
            this.segment = segment;
        }

        public String segment() {
            return segment;
        }
    }

    public static Optional<DeviceTopic> parse(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = topic.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        String id = rest.substring(0, slash);
        String channel = rest.substring(slash + 1);
        if (!isValidDeviceId(id)) {
            return Optional.empty();
        }
        for (Channel c : Channel.values()) {
            if (c.segment.equals(channel)) {
                return Optional.of(new DeviceTopic(id, c));
            }
        }
        return Optional.empty();
    }

    public static boolean isValidDeviceId(String id) {
        return id != null && DEVICE_ID.matcher(id).matches();
    }

    /** The subscription filter for one channel of every device. */
    public static String filter(Channel channel) {
        return PREFIX + "+/" + channel.segment;
    }

    public String topic() {
        return PREFIX + deviceId + "/" + channel.segment;
    }
}
