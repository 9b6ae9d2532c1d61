package org.tether.gateway.auth;

import java.util.Objects;
import java.util.regex.Pattern;
import org.tether.gateway.decode.DeviceTopic;

/**
 * Who is behind an MQTT connection, as the server's registry knows it. The broker derives each connection's
 * topic permissions from this (see {@link TopicPolicy}).
 *
 * <h2>MQTT user names and client identifiers</h2>
 * <table>
 *   <caption>Login conventions</caption>
 *   <tr><th>principal</th><th>MQTT user name</th><th>MQTT client identifier</th></tr>
 *   <tr><td>{@link Device}</td><td>the device id, e.g. {@code BR-000123}</td><td>the device id</td></tr>
 *   <tr><td>{@link Device} using the OwnTracks app</td><td>the device id {@code {user}.{device}}, e.g.
 *       {@code alice.phone}</td><td>the device id</td></tr>
 *   <tr><td>{@link Vendor}</td><td>{@code vendor:{vendorId}}</td><td>{@code vendor:{vendorId}} or
 *       {@code vendor:{vendorId}:{anything}} (several bridge connections)</td></tr>
 *   <tr><td>{@link Service}</td><td>{@code service:{name}}</td><td>{@code service:{name}} or
 *       {@code service:{name}:{anything}} (one per gateway instance)</td></tr>
 * </table>
 * Device ids therefore must not start with {@code vendor:} or {@code service:}; the constructors reject them.
 * Client identifiers are bound to the principal so that one authenticated client cannot take over another
 * client's session (MQTT disconnects the older connection with the same client id and hands the newer one
 * the session, including its queued messages).
 */
public sealed interface MqttPrincipal {

    String VENDOR_PREFIX = "vendor:";
    String SERVICE_PREFIX = "service:";

    /** Vendor ids and service names: 1–64 letters, digits, '.', '_', '-' (they become topic levels). */
    Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The MQTT user name this principal logs in with. */
    String username();

    /** Whether {@code clientId} is a client identifier this principal may use (see the class comment). */
    boolean mayUseClientId(String clientId);

    /** A bracelet or phone; may publish only under its own topics. */
    record Device(String deviceId) implements MqttPrincipal {
        public Device {
            Objects.requireNonNull(deviceId, "deviceId");
            if (!DeviceTopic.isValidDeviceId(deviceId)) {
                throw new IllegalArgumentException("invalid device id: " + deviceId);
            }
            if (deviceId.startsWith(VENDOR_PREFIX) || deviceId.startsWith(SERVICE_PREFIX)) {
                throw new IllegalArgumentException("device ids must not start with 'vendor:' or 'service:': " + deviceId);
            }
        }

        @Override
        public String username() {
            return deviceId;
        }

        @Override
        public boolean mayUseClientId(String clientId) {
            return deviceId.equals(clientId);
        }
    }

    /** A vendor platform's bridge that publishes for the vendor's devices. */
    record Vendor(String vendorId) implements MqttPrincipal {
        public Vendor {
            requireName(vendorId, "vendorId");
        }

        @Override
        public String username() {
            return VENDOR_PREFIX + vendorId;
        }

        @Override
        public boolean mayUseClientId(String clientId) {
            return ownPrefixed(username(), clientId);
        }
    }

    /** Our own gateway service account; subscribes to everything, publishes nothing. */
    record Service(String name) implements MqttPrincipal {
        public Service {
            requireName(name, "name");
        }

        @Override
        public String username() {
            return SERVICE_PREFIX + name;
        }

        @Override
        public boolean mayUseClientId(String clientId) {
            return ownPrefixed(username(), clientId);
        }
    }

    private static void requireName(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid " + what + ": " + value);
        }
    }

    private static boolean ownPrefixed(String username, String clientId) {
        return clientId != null
                && (clientId.equals(username)
                || (clientId.length() > username.length() + 1
                && clientId.startsWith(username) && clientId.charAt(username.length()) == ':'));
    }
}
