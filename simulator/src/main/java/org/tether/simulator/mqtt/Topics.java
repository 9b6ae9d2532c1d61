package org.tether.simulator.mqtt;

/** Tether's device-facing MQTT topics (protocol version 1). */
public final class Topics {

    private Topics() {
    }

    /** Where a device publishes its fixes: {@code tether/v1/devices/{deviceId}/fixes}. */
    public static String fixes(String deviceId) {
        if (deviceId == null || deviceId.isEmpty() || deviceId.contains("/") || deviceId.contains("+")
                || deviceId.contains("#")) {
            throw new IllegalArgumentException("device id cannot be used in a topic: '" + deviceId + "'");
        }
        return "tether/v1/devices/" + deviceId + "/fixes";
    }
}
