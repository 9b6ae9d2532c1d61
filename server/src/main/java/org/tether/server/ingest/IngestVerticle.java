package org.tether.server.ingest;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.List;
import java.util.function.Supplier;
import org.tether.gateway.decode.DeviceTopic;
import org.tether.gateway.mqtt.InboundHandler;
import org.tether.gateway.mqtt.MqttIngestClient;
import org.tether.gateway.mqtt.MqttIngestSettings;

/**
 * Owns the MQTT subscription and the fix pipeline on one event loop. The pipeline is built here, on
 * the verticle's context, because it keeps per-person geofence state that only this loop touches.
 */
public final class IngestVerticle extends VerticleBase {

    private final MqttIngestSettings settings;
    private final Supplier<InboundHandler> pipelineFactory;
    private final java.time.Clock clock;
    private MqttIngestClient client;

    public IngestVerticle(MqttIngestSettings settings, Supplier<InboundHandler> pipelineFactory,
                          java.time.Clock clock) {
        this.settings = settings;
        this.pipelineFactory = pipelineFactory;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        client = new MqttIngestClient(settings, List.of(DeviceTopic.filter(DeviceTopic.Channel.FIXES)), context,
                pipelineFactory.get(), clock);
        return client.connect();
    }

    @Override
    public Future<?> stop() {
        return client == null ? Future.succeededFuture() : client.disconnect();
    }

    public boolean isConnected() {
        return client != null && client.isConnected();
    }
}
