package org.tether.gateway.mqtt;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's connection to the broker: a persistent MQTT 5 session with QoS 1 subscriptions and
 * manual acknowledgement, so a message is acknowledged only after its handler made it durable —
 * at-least-once delivery end to end.
 *
 * <p>Messages arrive on the HiveMQ client's thread and are handed to {@code context} in arrival
 * order; the handler therefore runs on one Vert.x event loop and sees each device's messages in
 * order. Back-pressure: the broker never has more than {@code receiveMaximum} unacknowledged
 * messages out to us, so a slow database slows ingestion instead of growing memory.
 */
public final class MqttIngestClient {

    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestClient.class);

    private final MqttIngestSettings settings;
    private final List<String> filters;
    private final Context context;
    private final InboundHandler handler;
    private final Clock clock;
    private final Mqtt5AsyncClient client;
    private final AtomicBoolean connected = new AtomicBoolean();

    public MqttIngestClient(MqttIngestSettings settings, List<String> filters, Context context,
                            InboundHandler handler, Clock clock) {
        this.settings = settings;
        this.filters = List.copyOf(filters);
        this.context = context;
        this.handler = handler;
        this.clock = clock;
        Mqtt5ClientBuilder builder = com.hivemq.client.mqtt.mqtt5.Mqtt5Client.builder()
                .identifier(settings.clientId())
                .serverHost(settings.host())
                .serverPort(settings.port())
                .automaticReconnectWithDefaultConfig()
                .addConnectedListener(c -> onConnected())
                .addDisconnectedListener(c -> {
                    connected.set(false);
                    LOG.warn("MQTT connection to {}:{} lost: {}", settings.host(), settings.port(),
                            c.getCause().getMessage());
                });
        if (settings.username() != null && !settings.username().isBlank()) {
            builder = builder.simpleAuth()
                    .username(settings.username())
                    .password(settings.password() == null ? new byte[0] : settings.password().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        this.client = builder.buildAsync();
        // Registered before connecting: with a persistent session the broker starts sending the
        // messages it kept for us as soon as the connection is up.
        client.publishes(MqttGlobalPublishFilter.ALL, this::onPublish, true);
    }

    public Future<Void> connect() {
        return Future.fromCompletionStage(client.connectWith()
                        .cleanStart(false)
                        .sessionExpiryInterval(settings.sessionExpiry().toSeconds())
                        .restrictions().receiveMaximum(settings.receiveMaximum()).applyRestrictions()
                        .send(), context)
                .<Void>mapEmpty()
                .onSuccess(v -> LOG.info("MQTT ingest connected to {}:{} as {}", settings.host(), settings.port(),
                        settings.clientId()));
    }

    public boolean isConnected() {
        return connected.get();
    }

    /** Disconnects, keeping the session (and the messages the broker holds for it) on the broker. */
    public Future<Void> disconnect() {
        return Future.fromCompletionStage(client.disconnect(), context).<Void>mapEmpty()
                .recover(e -> Future.succeededFuture());
    }

    /** Subscribes on every (re)connection: a broker that lost our session must get the subscriptions again. */
    private void onConnected() {
        connected.set(true);
        for (String filter : filters) {
            String effective = settings.sharedGroup() == null || settings.sharedGroup().isBlank()
                    ? filter : "$share/" + settings.sharedGroup() + "/" + filter;
            client.subscribeWith().topicFilter(effective).qos(MqttQos.AT_LEAST_ONCE).send()
                    .whenComplete((ack, error) -> {
                        if (error != null) {
                            LOG.error("MQTT subscribe to {} failed", effective, error);
                        } else {
                            LOG.info("MQTT subscribed to {}", effective);
                        }
                    });
        }
    }

    private void onPublish(Mqtt5Publish publish) {
        InboundMessage message = new InboundMessage(publish.getTopic().toString(), publish.getPayloadAsBytes(),
                clock.instant());
        context.runOnContext(v -> {
            Future<Void> outcome;
            try {
                outcome = handler.handle(message);
            } catch (RuntimeException e) {
                outcome = Future.failedFuture(e);
            }
            outcome.onComplete(ar -> {
                if (ar.succeeded()) {
                    publish.acknowledge();
                } else {
                    // Not acknowledged: the broker redelivers it when the session resumes.
                    LOG.error("message on {} not stored; left unacknowledged for redelivery", message.topic(), ar.cause());
                }
            });
        });
    }
}
