package org.tether.gateway.mqtt;

import java.time.Duration;
import java.util.Objects;

/**
 * How the gateway connects to its broker.
 *
 * @param clientId stable per gateway instance: the broker keeps this session's messages while we are down
 * @param sharedGroup when not blank, subscribe through {@code $share/<group>/…} so several gateway
 *     instances split the load
 * @param sessionExpiry how long the broker keeps our session (and queued messages) while we are offline
 * @param receiveMaximum how many unacknowledged messages the broker may send us at once: our back-pressure
 */
public record MqttIngestSettings(String host, int port, String clientId, String username, String password,
                                 String sharedGroup, Duration sessionExpiry, int receiveMaximum) {

    public MqttIngestSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(sessionExpiry, "sessionExpiry");
        if (receiveMaximum < 1 || receiveMaximum > 65_535) {
            throw new IllegalArgumentException("receiveMaximum must be in 1..65535: " + receiveMaximum);
        }
    }
}
