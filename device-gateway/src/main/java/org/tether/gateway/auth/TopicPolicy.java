package org.tether.gateway.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tether.gateway.decode.DeviceTopic;

/**
 * The permission table: which topics each kind of {@link MqttPrincipal} may publish and subscribe to, as plain
 * data. {@link DeviceAuthExtension} turns the rules into HiveMQ default permissions with default behaviour
 * DENY, so everything not listed here is refused.
 *
 * <table>
 *   <caption>Permissions (anything else is denied)</caption>
 *   <tr><th>principal</th><th>PUBLISH</th><th>SUBSCRIBE</th><th>Will</th></tr>
 *   <tr><td>Device {@code D}</td>
 *       <td>{@code tether/v1/devices/D/fixes}, {@code …/D/events}, {@code …/D/status};<br>
 *           if {@code D = U.P} (OwnTracks): {@code owntracks/U/P} and {@code owntracks/U/P/#}</td>
 *       <td>{@code tether/v1/devices/D/commands/#} (not shared)</td>
 *       <td>{@code tether/v1/devices/D/status} or {@code owntracks/U/P}</td></tr>
 *   <tr><td>Vendor {@code V}</td>
 *       <td>{@code tether/v1/vendors/V/devices/+/fixes|events|status}, and per message only for devices
 *           {@code V} owns ({@link VendorOwnershipInterceptor})</td>
 *       <td>none</td>
 *       <td>{@code tether/v1/vendors/V/devices/X/status} for a device {@code X} that {@code V} owns</td></tr>
 *   <tr><td>Service</td><td>none</td>
 *       <td>{@code tether/#}, {@code owntracks/#}, each also as a shared subscription
 *           ({@code $share/<any group>/…})</td>
 *       <td>none</td></tr>
 * </table>
 * Any QoS and the retain flag are allowed on permitted topics.
 *
 * <h2>OwnTracks</h2>
 * An OwnTracks phone's device id is {@code {user}.{device}}, split at the <em>first</em> dot: {@code alice.phone}
 * publishes to {@code owntracks/alice/phone}; {@code alice.work.phone} to {@code owntracks/alice/work.phone}.
 * Every device id with a dot that has text on both sides gets the OwnTracks topic; the mapping back
 * ({@code owntracks/U/P -> U.P}) always yields the publishing device's own id. The app also publishes below its
 * base topic ({@code /event}, {@code /waypoint}, {@code /status}, {@code /dump}, …), hence {@code /#}: a
 * refused publish disconnects an MQTT 3.1.1 client, and the app would retry the same message forever.
 */
public final class TopicPolicy {

    public static final String DEVICES_PREFIX = DeviceTopic.PREFIX; // tether/v1/devices/
    public static final String VENDORS_PREFIX = "tether/v1/vendors/";
    public static final String OWNTRACKS_PREFIX = "owntracks/";
    static final String COMMANDS = "commands";

    private TopicPolicy() {
    }

    public enum Activity { PUBLISH, SUBSCRIBE }

    /**
     * One allowed topic filter.
     *
     * @param shared for SUBSCRIBE: whether the filter may also be subscribed as {@code $share/<group>/filter};
     *               ignored for PUBLISH
     */
    public record Rule(Activity activity, String topicFilter, boolean shared) {
        public Rule {
            Objects.requireNonNull(activity, "activity");
            Objects.requireNonNull(topicFilter, "topicFilter");
        }
    }

    /** A topic {@code tether/v1/vendors/{vendorId}/devices/{deviceId}/{channel}}. */
    public record VendorDeviceTopic(String vendorId, String deviceId, DeviceTopic.Channel channel) {
    }

    /** The rules for a principal, in evaluation order. */
    public static List<Rule> rulesFor(MqttPrincipal principal) {
        final List<Rule> rules = new ArrayList<>();
        if (principal instanceof MqttPrincipal.Device device) {
            final String id = device.deviceId();
            for (DeviceTopic.Channel channel : DeviceTopic.Channel.values()) {
                rules.add(new Rule(Activity.PUBLISH, new DeviceTopic(id, channel).topic(), false));
            }
            ownTracksTopic(id).ifPresent(base -> {
                rules.add(new Rule(Activity.PUBLISH, base, false));
                rules.add(new Rule(Activity.PUBLISH, base + "/#", false));
            });
            rules.add(new Rule(Activity.SUBSCRIBE, DEVICES_PREFIX + id + "/" + COMMANDS + "/#", false));
        } else if (principal instanceof MqttPrincipal.Vendor vendor) {
            for (DeviceTopic.Channel channel : DeviceTopic.Channel.values()) {
                rules.add(new Rule(Activity.PUBLISH,
                        VENDORS_PREFIX + vendor.vendorId() + "/devices/+/" + channel.segment(), false));
            }
        } else if (principal instanceof MqttPrincipal.Service) {
            rules.add(new Rule(Activity.SUBSCRIBE, "tether/#", true));
            rules.add(new Rule(Activity.SUBSCRIBE, OWNTRACKS_PREFIX + "#", true));
        } else {
            throw new IllegalArgumentException("unknown principal " + principal);
        }
        return List.copyOf(rules);
    }

    /**
     * Whether a principal may leave a Will on {@code willTopic}: a device only on its own status topic (or its
     * OwnTracks topic, where the app puts its {@code _type=lwt} message), a vendor only on the status topic of a
     * device it owns, a service never.
     */
    public static boolean willAllowed(MqttPrincipal principal, String willTopic, CredentialDirectory directory) {
        if (willTopic == null) {
            return false;
        }
        if (principal instanceof MqttPrincipal.Device device) {
            return willTopic.equals(new DeviceTopic(device.deviceId(), DeviceTopic.Channel.STATUS).topic())
                    || ownTracksTopic(device.deviceId()).map(willTopic::equals).orElse(false);
        }
        if (principal instanceof MqttPrincipal.Vendor vendor) {
            return parseVendorDeviceTopic(willTopic)
                    .filter(t -> t.vendorId().equals(vendor.vendorId()) && t.channel() == DeviceTopic.Channel.STATUS)
                    .map(t -> directory.vendorOwnsDevice(t.vendorId(), t.deviceId()))
                    .orElse(false);
        }
        return false; // services publish nothing, Wills included
    }

    /**
     * The OwnTracks base topic {@code owntracks/{user}/{device}} of a device id {@code {user}.{device}} (split at
     * the first dot), or empty when the id has no dot with text on both sides. Same rule as the gateway's
     * OwnTracks topic parser ({@code decode.owntracks.OwnTracksTopic}, user part without dots), so the one topic
     * a device may publish locations to parses back to that device's id.
     */
    public static Optional<String> ownTracksTopic(String deviceId) {
        if (deviceId == null) {
            return Optional.empty();
        }
        final int dot = deviceId.indexOf('.');
        if (dot <= 0 || dot == deviceId.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(OWNTRACKS_PREFIX + deviceId.substring(0, dot) + "/" + deviceId.substring(dot + 1));
    }

    /** Parses {@code tether/v1/vendors/{vendorId}/devices/{deviceId}/{fixes|events|status}}. */
    public static Optional<VendorDeviceTopic> parseVendorDeviceTopic(String topic) {
        if (topic == null || !topic.startsWith(VENDORS_PREFIX)) {
            return Optional.empty();
        }
        final String[] levels = topic.substring(VENDORS_PREFIX.length()).split("/", -1);
        // {vendorId} devices {deviceId} {channel}
        if (levels.length != 4 || !"devices".equals(levels[1])
                || !MqttPrincipal.NAME.matcher(levels[0]).matches()
                || !DeviceTopic.isValidDeviceId(levels[2])) {
            return Optional.empty();
        }
        for (DeviceTopic.Channel channel : DeviceTopic.Channel.values()) {
            if (channel.segment().equals(levels[3])) {
                return Optional.of(new VendorDeviceTopic(levels[0], levels[2], channel));
            }
        }
        return Optional.empty();
    }
}
