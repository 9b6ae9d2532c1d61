package org.tether.server.ingest;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tether.gateway.mqtt.InboundHandler;
import org.tether.gateway.mqtt.MqttIngestClient;
import org.tether.gateway.mqtt.MqttIngestSettings;
import org.tether.geofence.eval.GeofenceEvaluator;
import org.tether.server.geofence.PersonFixEvaluator;

/**
 * Owns the MQTT subscription and the fix pipeline on one event loop. At start it restores every
 * person's geofence state from the database before subscribing, so the first redelivered message
 * is evaluated against the state its predecessors left. The pipeline is built here, on the
 * verticle's context, because the per-person state is touched only by this loop.
 */
public final class IngestVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(IngestVerticle.class);

    private final MqttIngestSettings settings;
    private final GeofenceEvaluator geofence;
    private final GeofenceStateRepository states;
    private final Function<PersonFixEvaluator, InboundHandler> pipelineFactory;
    private final Clock clock;
    private MqttIngestClient client;

    public IngestVerticle(MqttIngestSettings settings, GeofenceEvaluator geofence, GeofenceStateRepository states,
                          Function<PersonFixEvaluator, InboundHandler> pipelineFactory, Clock clock) {
        this.settings = settings;
        this.geofence = geofence;
        this.states = states;
        this.pipelineFactory = pipelineFactory;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        return states.loadAll().compose(restored -> {
            LOG.info("restored the geofence state of {} persons", restored.size());
            PersonFixEvaluator evaluator = new PersonFixEvaluator(geofence);
            evaluator.restore(restored);
            client = new MqttIngestClient(settings, MessageRoute.filters(), context,
                    pipelineFactory.apply(evaluator), clock);
            return client.connect();
        });
    }

    @Override
    public Future<?> stop() {
        return client == null ? Future.succeededFuture() : client.disconnect();
    }

    public boolean isConnected() {
        return client != null && client.isConnected();
    }
}
