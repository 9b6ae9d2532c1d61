package org.tether.simulator.phone;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.tether.simulator.mqtt.BrokerAddress;
import org.tether.simulator.mqtt.MqttCredentials;

/**
 * What a phone keeps after redeeming its enrolment code: where the server and the broker are, the API token
 * and the phone's own MQTT login. The token and the password are secrets: {@link #toString()} never shows
 * them, and the state file that holds them is readable by its owner only ({@link PhoneStateFile}).
 *
 * @param server       base URL of the server (the phone API is under {@code /phone/v1})
 * @param broker       MQTT broker, {@code tcp://host:port}
 * @param personId     the supervised person the phone acts for
 * @param deviceId     the PHONE device the server created
 * @param token        the phone API bearer token
 * @param expiresAt    when the token expires (ISO-8601), if the server said
 * @param mqttClientId the MQTT client identifier (the device id, as the integration guide asks)
 * @param mqttUsername the phone's MQTT user name
 * @param mqttPassword the phone's MQTT password
 * @param fixTopic     where the phone publishes its fixes
 * @param enrolledAt   when this simulator enrolled (ISO-8601)
 */
@JsonPropertyOrder({"server", "broker", "personId", "deviceId", "token", "expiresAt", "mqttClientId", "mqttUsername",
        "mqttPassword", "fixTopic", "enrolledAt"})
public record EnrolledPhone(String server, String broker, String personId, String deviceId, String token,
                            String expiresAt, String mqttClientId, String mqttUsername, String mqttPassword,
                            String fixTopic, String enrolledAt) {

    public EnrolledPhone {
        require(server, "server");
        require(broker, "broker");
        require(deviceId, "deviceId");
        require(token, "token");
        require(mqttClientId, "mqttClientId");
        require(mqttUsername, "mqttUsername");
        require(mqttPassword, "mqttPassword");
        require(fixTopic, "fixTopic");
        URI.create(server); // fails early on a garbled file
        BrokerAddress.parse(broker);
        instantOrNull(expiresAt, "expiresAt");
        instantOrNull(enrolledAt, "enrolledAt");
    }

    private static Instant instantOrNull(String text, String name) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not an ISO-8601 instant: " + text);
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' is missing");
        }
    }

    @JsonIgnore
    public URI serverUri() {
        return URI.create(server);
    }

    @JsonIgnore
    public BrokerAddress brokerAddress() {
        return BrokerAddress.parse(broker);
    }

    @JsonIgnore
    public MqttCredentials mqttCredentials() {
        return MqttCredentials.of(mqttUsername, mqttPassword);
    }

    @Override
    public String toString() {
        return "EnrolledPhone[server=" + server + ", broker=" + broker + ", personId=" + personId + ", deviceId="
                + deviceId + ", token=***, expiresAt=" + expiresAt + ", mqttUsername=" + mqttUsername
                + ", mqttPassword=***, fixTopic=" + fixTopic + "]";
    }
}
