package org.tether.mobile;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * A redeemed code: the phone's API token and its own MQTT login (both shown once).
 *
 * @param mqttUsername the PHONE device's MQTT user name (its device id)
 * @param fixTopic where the phone publishes its fixes
 */
public record Enrolment(UUID personId, String deviceId, String token, Instant expiresAt, String mqttUsername,
                        String mqttPassword, String fixTopic) {

    public JsonObject toJson() {
        return new JsonObject().put("personId", personId.toString()).put("deviceId", deviceId).put("token", token)
                .put("expiresAt", expiresAt.toString())
                .put("mqtt", new JsonObject().put("username", mqttUsername).put("password", mqttPassword)
                        .put("fixTopic", fixTopic));
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "Enrolment[personId=" + personId + ", deviceId=" + deviceId + "]";
    }
}
