package org.tether.simulator.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 5 connection per device (client identifier = device id), as a real bracelet would have.
 * Reconnects after a lost connection; fixes that cannot be delivered meanwhile show up as failed publishes.
 */
public final class HiveMqDeviceUplink implements DeviceUplink {

    private static final Logger log = LoggerFactory.getLogger(HiveMqDeviceUplink.class);
    private static final int KEEP_ALIVE_S = 30;
    private static final Duration DISCONNECT_WAIT = Duration.ofSeconds(3);
    private static final Duration RECONNECT_INITIAL = Duration.ofMillis(500);
    private static final Duration RECONNECT_MAX = Duration.ofSeconds(10);

    private final String deviceId;
    private final String topic;
    private final MqttCredentials credentials;
    private final Mqtt5AsyncClient client;
    private final AtomicBoolean connectedOnce = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();

    public HiveMqDeviceUplink(String deviceId, BrokerAddress broker, MqttCredentials credentials) {
        this(deviceId, deviceId, Topics.fixes(deviceId), broker, credentials);
    }

    /**
     * A connection with an explicit client identifier and fix topic, e.g. as an enrolled phone was told
     * them by the server.
     */
    public HiveMqDeviceUplink(String deviceId, String clientId, String fixTopic, BrokerAddress broker,
                              MqttCredentials credentials) {
        this.deviceId = deviceId;
        this.topic = fixTopic;
        this.credentials = credentials;
        Mqtt5ClientBuilder builder = MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost(broker.host())
                .serverPort(broker.port())
                .addConnectedListener(ctx -> connectedOnce.set(true))
                .addDisconnectedListener(this::onDisconnected);
        this.client = builder.buildAsync();
    }

    /**
     * Reconnects with exponential back-off, but only once a first connection succeeded: a broker that
     * cannot be reached at start should fail setup promptly, not be retried for ever.
     */
    private void onDisconnected(MqttClientDisconnectedContext ctx) {
        if (!connectedOnce.get() || closing.get()) {
            return;
        }
        int attempts = ctx.getReconnector().getAttempts();
        if (attempts == 0) {
            log.warn("{}: lost the broker connection ({}); reconnecting", deviceId, ctx.getCause().getMessage());
        }
        long delay = Math.min(RECONNECT_MAX.toMillis(), RECONNECT_INITIAL.toMillis() << Math.min(attempts, 10));
        ctx.getReconnector().reconnect(true).delay(delay, TimeUnit.MILLISECONDS);
    }

    public static DeviceUplinkFactory factory(BrokerAddress broker, MqttCredentials credentials) {
        return (deviceId, login) -> new HiveMqDeviceUplink(deviceId, broker, login.orElse(credentials));
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public CompletableFuture<Void> connect() {
        var connect = client.connectWith().cleanStart(true).keepAlive(KEEP_ALIVE_S);
        simpleAuth().ifPresent(connect::simpleAuth);
        return connect.send().thenApply(ack -> null);
    }

    private Optional<Mqtt5SimpleAuth> simpleAuth() {
        Optional<String> user = credentials.usernameIfAny();
        Optional<byte[]> password = credentials.passwordIfAny().map(p -> p.getBytes(StandardCharsets.UTF_8));
        if (user.isEmpty() && password.isEmpty()) {
            return Optional.empty();
        }
        Mqtt5SimpleAuthBuilder builder = Mqtt5SimpleAuth.builder();
        Mqtt5SimpleAuthBuilder.Complete complete = user.isPresent()
                ? builder.username(user.get())
                : builder.password(password.get());
        if (user.isPresent() && password.isPresent()) {
            complete = complete.password(password.get());
        }
        return Optional.of(complete.build());
    }

    @Override
    public CompletableFuture<Void> publishFixes(byte[] payload) {
        return client.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8)
                .contentType("application/json")
                .payload(payload)
                .send()
                .thenAccept(result -> result.getError().ifPresent(error -> {
                    throw new MqttPublishException(deviceId, error);
                }));
    }

    @Override
    public void close() {
        closing.set(true);
        try {
            if (client.getState().isConnectedOrReconnect()) {
                client.disconnect().get(DISCONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("{}: disconnect failed: {}", deviceId, e.toString());
        }
    }
}
