package org.tether.gateway.decode.owntracks;

import java.util.Optional;
import org.tether.gateway.decode.DeviceTopic;

/**
 * The topic the OwnTracks app publishes its locations to, {@code owntracks/{user}/{device}}, mapped
 * to Tether's identity: device id {@code {user}.{device}} on the {@link DeviceTopic.Channel#FIXES}
 * channel. As with Tether's own topics, the broker's ACL on the topic is what makes the identity
 * trustworthy, so the pilot's broker must allow each OwnTracks login to publish only under its own
 * {@code owntracks/{user}/}.
 *
 * <p>The mapping must be one-to-one, or one user could publish as another: with dots allowed in both
 * segments, {@code owntracks/a.b/c} and {@code owntracks/a/b.c} would both become {@code a.b.c}. The
 * user segment therefore may not contain '.', so the first '.' of a device id always separates user
 * from device. Otherwise both segments, and the joined id, must satisfy
 * {@link DeviceTopic#isValidDeviceId} (letters, digits, '-', '_', '.', ':'; at most 64 characters).
 *
 * <p>The app's other topics ({@code …/event}, {@code …/cmd}, {@code …/step}, {@code …/waypoint},
 * {@code …/dump}, …) have four or more segments and are not fix topics: they parse to empty.
 */
public final class OwnTracksTopic {

    public static final String PREFIX = "owntracks/";

    /** The subscription filter matching every OwnTracks location topic. */
    public static final String FILTER = PREFIX + "+/+";

    private OwnTracksTopic() {}

    /** The Tether topic for an OwnTracks location topic, or empty when it is not one we accept. */
    public static Optional<DeviceTopic> parse(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = topic.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0 || rest.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        return deviceId(rest.substring(0, slash), rest.substring(slash + 1))
                .map(id -> new DeviceTopic(id, DeviceTopic.Channel.FIXES));
    }

    /** Tether's device id for an OwnTracks user and device, or empty when they do not map to one. */
    public static Optional<String> deviceId(String user, String device) {
        if (user == null || device == null || user.indexOf('.') >= 0
                || !DeviceTopic.isValidDeviceId(user) || !DeviceTopic.isValidDeviceId(device)) {
            return Optional.empty();
        }
        String id = user + "." + device;
        return DeviceTopic.isValidDeviceId(id) ? Optional.of(id) : Optional.empty();
    }

    /**
     * The OwnTracks topic of a Tether device id made by {@link #deviceId}, or empty when the id is
     * not of that form ({@code user.device}); {@code topic(deviceId(u, d))} is {@code owntracks/u/d}.
     */
    public static Optional<String> topic(String deviceId) {
        if (!DeviceTopic.isValidDeviceId(deviceId)) {
            return Optional.empty();
        }
        int dot = deviceId.indexOf('.');
        if (dot <= 0 || dot == deviceId.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(PREFIX + deviceId.substring(0, dot) + "/" + deviceId.substring(dot + 1));
    }
}
