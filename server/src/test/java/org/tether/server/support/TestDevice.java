package org.tether.server.support;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** A device publishing in Tether's v1 JSON format over a real MQTT connection (QoS 1). */
public final class TestDevice implements AutoCloseable {

    private final String deviceId;
    private final Mqtt5BlockingClient client;
    private long seq;

    /** Anonymous, for a broker without authentication (the tests' Mosquitto). */
    public TestDevice(String deviceId, int brokerPort) {
        this(deviceId, null, null, brokerPort);
    }

    /** With the login returned by {@code POST /api/devices} ({@code mqtt.username}, {@code mqtt.password}). */
    public TestDevice(JsonObject createdDevice, int brokerPort) {
        this(createdDevice.getString("id"), createdDevice.getJsonObject("mqtt").getString("username"),
                createdDevice.getJsonObject("mqtt").getString("password"), brokerPort);
    }

    /**
     * @param username null for anonymous; the client id is the user name (the embedded broker ties them)
     */
    public TestDevice(String deviceId, String username, String password, int brokerPort) {
        this.deviceId = deviceId;
        var builder = Mqtt5Client.builder()
                .identifier(username != null ? username : deviceId + "-" + UUID.randomUUID().toString().substring(0, 6))
                .serverHost("127.0.0.1")
                .serverPort(brokerPort);
        if (username != null) {
            builder = builder.simpleAuth().username(username)
                    .password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
        this.client = builder.buildBlocking();
        client.connect();
    }

    public String topic() {
        return "tether/v1/devices/" + deviceId + "/fixes";
    }

    public static JsonObject fix(long seq, Instant time, double lat, double lon, double accuracy) {
        return new JsonObject().put("seq", seq).put("time", time.toEpochMilli()).put("lat", lat).put("lon", lon)
                .put("crs", "WGS84").put("accuracy", accuracy).put("source", "GNSS").put("battery", 80)
                .put("charging", false);
    }

    /** Publishes one fix with the next sequence number. */
    public void sendFix(Instant time, double lat, double lon, double accuracy) {
        JsonObject message = new JsonObject().put("v", 1).put("deviceId", deviceId)
                .put("fixes", new JsonArray().add(fix(++seq, time, lat, lon, accuracy)));
        sendRaw(message.encode());
    }

    public void sendRaw(String payload) {
        sendRaw(topic(), payload);
    }

    public void sendRaw(String topic, String payload) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
    }

    @Override
    public void close() {
        client.disconnect();
    }
}
