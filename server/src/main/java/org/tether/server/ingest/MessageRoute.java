package org.tether.server.ingest;

import java.util.Optional;
import org.tether.gateway.decode.DeviceTopic;

/**
 * Where a message came from, read off its topic: the device it speaks for, the vendor platform that
 * relayed it (vendor bridge), and the channel.
 *
 * <ul>
 *   <li>{@code tether/v1/devices/{deviceId}/{fixes|events|status}} — a device speaking for itself;</li>
 *   <li>{@code tether/v1/vendors/{vendorId}/devices/{deviceId}/{fixes|events|status}} — a vendor
 *       platform speaking for one of its devices (ownership is checked against the registry).</li>
 * </ul>
 *
 * @param vendorId null for a device's own topic
 */
public record MessageRoute(DeviceTopic device, String vendorId) {

    private static final String VENDOR_PREFIX = "tether/v1/vendors/";

    public static Optional<MessageRoute> parse(String topic) {
        if (topic == null) {
            return Optional.empty();
        }
        if (topic.startsWith(DeviceTopic.PREFIX)) {
            return DeviceTopic.parse(topic).map(d -> new MessageRoute(d, null));
        }
        if (topic.startsWith(VENDOR_PREFIX)) {
            String rest = topic.substring(VENDOR_PREFIX.length());
            int slash = rest.indexOf('/');
            if (slash <= 0) {
                return Optional.empty();
            }
            String vendor = rest.substring(0, slash);
            if (!DeviceTopic.isValidDeviceId(vendor)) {
                return Optional.empty();
            }
            return DeviceTopic.parse("tether/v1/" + rest.substring(slash + 1)).map(d -> new MessageRoute(d, vendor));
        }
        return Optional.empty();
    }

    /** Subscription filters for every route and channel. */
    public static java.util.List<String> filters() {
        return java.util.List.of(DeviceTopic.PREFIX + "+/+", VENDOR_PREFIX + "+/devices/+/+");
    }
}
