package org.tether.server.ingest;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.util.function.Supplier;
import org.tether.gateway.mqtt.InboundHandler;
import org.tether.gateway.mqtt.MqttIngestClient;
import org.tether.gateway.mqtt.MqttIngestSettings;

/**
 * Owns the MQTT subscription and the ingest pipeline on one event loop; the pipeline is built here,
 * on the verticle's context, because its group committer is confined to that loop.
 */
public final class IngestVerticle extends VerticleBase {

    private final MqttIngestSettings settings;
    private final Supplier<InboundHandler> pipelineFactory;
    private final Clock clock;
    private MqttIngestClient client;

    public IngestVerticle(MqttIngestSettings settings, Supplier<InboundHandler> pipelineFactory, Clock clock) {
        this.settings = settings;
        this.pipelineFactory = pipelineFactory;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        client = new MqttIngestClient(settings, MessageRoute.filters(), context, pipelineFactory.get(), clock);
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
