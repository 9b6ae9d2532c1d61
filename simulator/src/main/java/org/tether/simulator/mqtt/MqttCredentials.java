package org.tether.simulator.mqtt;

import java.util.Optional;

/** Optional username/password for the broker's CONNECT. The password never appears in toString. */
public record MqttCredentials(String username, String password) {

    public static final MqttCredentials NONE = new MqttCredentials(null, null);

    public static MqttCredentials of(String username, String password) {
        if ((username == null || username.isEmpty()) && (password == null || password.isEmpty())) {
            return NONE;
        }
        return new MqttCredentials(username, password);
    }

    public Optional<String> usernameIfAny() {
        return Optional.ofNullable(username).filter(u -> !u.isEmpty());
    }

    public Optional<String> passwordIfAny() {
        return Optional.ofNullable(password).filter(p -> !p.isEmpty());
    }

    @Override
    public String toString() {
        return usernameIfAny().map(u -> "MqttCredentials[user=" + u + ", password=" + (password == null ? "none" : "***") + "]")
                .orElse("MqttCredentials[none]");
    }
}
