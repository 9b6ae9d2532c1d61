package org.tether.server.ingest;

import java.util.List;
import java.util.Optional;
import org.tether.gateway.decode.DeviceTopic;
import org.tether.gateway.decode.FixFormat;
import org.tether.gateway.decode.owntracks.OwnTracksTopic;

/**
 * Where a message came from, read off its topic: the device it speaks for, the vendor platform that
 * relayed it (vendor bridge), the channel, and — when the topic fixes it — the wire format.
 *
 * <ul>
 *   <li>{@code tether/v1/devices/{deviceId}/{fixes|events|status}} — a device speaking for itself, JSON v1;</li>
 *   <li>{@code tether/v1/vendors/{vendorId}/devices/{deviceId}/{fixes|events|status}} — a vendor
 *       platform speaking for one of its devices, fixes in the vendor's registered format
 *       (ownership is checked against the registry);</li>
 *   <li>{@code owntracks/{user}/{device}} — the OwnTracks app, device {@code {user}.{device}}.</li>
 * </ul>
 *
 * @param vendorId null unless relayed by a vendor platform
 * @param format the topic's own format, or null when it depends on the vendor
 */
public record MessageRoute(DeviceTopic device, String vendorId, FixFormat format) {

    private static final String VENDOR_PREFIX = "tether/v1/vendors/";

    public static Optional<MessageRoute> parse(String topic) {
        if (topic == null) {
            return Optional.empty();
        }
        if (topic.startsWith(DeviceTopic.PREFIX)) {
            return DeviceTopic.parse(topic).map(d -> new MessageRoute(d, null, FixFormat.TETHER_JSON_V1));
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
            return DeviceTopic.parse("tether/v1/" + rest.substring(slash + 1)).map(d -> new MessageRoute(d, vendor, null));
        }
        return OwnTracksTopic.parse(topic).map(d -> new MessageRoute(d, null, FixFormat.OWNTRACKS));
    }

    /** Subscription filters for every route and channel. */
    public static List<String> filters() {
        return List.of(DeviceTopic.PREFIX + "+/+", VENDOR_PREFIX + "+/devices/+/+", OwnTracksTopic.FILTER);
    }
}
