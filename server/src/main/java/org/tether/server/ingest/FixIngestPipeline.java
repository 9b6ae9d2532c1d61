package org.tether.server.ingest;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tether.gateway.decode.DecodedFixes;
import org.tether.gateway.decode.DeviceTopic;
import org.tether.gateway.decode.FixDecoder;
import org.tether.gateway.decode.MessageRejectedException;
import org.tether.gateway.decode.RejectReason;
import org.tether.gateway.decode.Rejection;
import org.tether.gateway.mqtt.InboundHandler;
import org.tether.gateway.mqtt.InboundMessage;
import org.tether.server.alert.AlertFeed;
import org.tether.server.geofence.EvaluatedFix;
import org.tether.server.geofence.PersonEvaluation;
import org.tether.server.geofence.PersonFixEvaluator;
import org.tether.server.registry.DeviceBinding;
import org.tether.server.registry.LiveRegistry;
import org.tether.server.registry.RegistrySnapshot;

/**
 * The fix path, from a raw MQTT message to committed positions and alerts:
 * topic → decode and validate → device binding → geofence evaluation → one transaction → live feed.
 * Anything refused on the way is dead-lettered with its reason; nothing stops the stream.
 *
 * <p>Runs on the ingest verticle's event loop. Evaluation happens synchronously on arrival, so each
 * person's fixes are evaluated in broker order even while earlier messages are still being written;
 * each person's transactions then commit in that same order (different persons' in parallel).
 */
public final class FixIngestPipeline implements InboundHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FixIngestPipeline.class);
    private static final String CHANNEL = "mqtt";

    private final FixDecoder decoder;
    private final LiveRegistry registry;
    private final PersonFixEvaluator evaluator;
    private final IngestStore store;
    private final AlertFeed feed;
    private final Retry retry;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final PerKeySequencer<UUID> perPerson = new PerKeySequencer<>();

    public FixIngestPipeline(FixDecoder decoder, LiveRegistry registry, PersonFixEvaluator evaluator, IngestStore store,
                             AlertFeed feed, Retry retry, IngestMetrics metrics, Clock clock) {
        this.decoder = decoder;
        this.registry = registry;
        this.evaluator = evaluator;
        this.store = store;
        this.feed = feed;
        this.retry = retry;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public Future<Void> handle(InboundMessage message) {
        metrics.messageReceived();
        Optional<DeviceTopic> topic = DeviceTopic.parse(message.topic());
        if (topic.isEmpty() || topic.get().channel() != DeviceTopic.Channel.FIXES) {
            return deadLetter(message, null, new Rejection(RejectReason.UNKNOWN_TOPIC,
                    "not a fixes topic of the form " + DeviceTopic.PREFIX + "{deviceId}/fixes", message.payload()));
        }
        String deviceId = topic.get().deviceId();
        DecodedFixes decoded;
        try {
            decoded = decoder.decode(topic.get(), message.payload());
        } catch (MessageRejectedException e) {
            return deadLetter(message, deviceId, e.rejection());
        } catch (RuntimeException e) {
            // A decoder bug must not stall the stream: keep the input for the fix.
            LOG.error("decoder failed on a message from device {}", deviceId, e);
            return deadLetter(message, deviceId, new Rejection(RejectReason.MALFORMED_JSON,
                    "decoder error: " + e, message.payload()));
        }
        RegistrySnapshot snapshot = registry.current();
        Optional<DeviceBinding> binding = snapshot.device(deviceId);
        if (binding.isEmpty()) {
            return deadLetter(message, deviceId, new Rejection(RejectReason.UNKNOWN_DEVICE,
                    "device '" + deviceId + "' is not registered", message.payload()));
        }
        if (binding.get().personId() == null) {
            return deadLetter(message, deviceId, new Rejection(RejectReason.UNBOUND_DEVICE,
                    "device '" + deviceId + "' is not bound to a supervised person", message.payload()));
        }
        Instant now = clock.instant();
        PersonEvaluation evaluation = evaluator.evaluate(binding.get().personId(), decoded.fixes(), snapshot.zones(), now);
        List<EvaluatedFix> evaluated = evaluation.fixes();
        List<DeadLetter> refused = decoded.rejections().stream()
                .map(r -> new DeadLetter(message.receivedAt(), CHANNEL, message.topic(), deviceId, r))
                .toList();
        IngestBatch batch = new IngestBatch(message.topic(), deviceId, binding.get().personId(), message.receivedAt(),
                evaluated, evaluation.stateAfter(), refused);
        return perPerson.submit(batch.personId(),
                        () -> retry.untilSuccess("storing fixes of device " + deviceId, () -> store.commit(batch)))
                .onSuccess(alerts -> {
                    metrics.fixesAccepted(evaluated.size());
                    refused.forEach(d -> metrics.deadLettered(d.rejection().reason()));
                    alerts.forEach(feed::publish);
                })
                .<Void>mapEmpty()
                .recover(e -> deadLetter(message, deviceId, new Rejection(RejectReason.STORAGE_REJECTED,
                        "the database refused the batch: " + e.getMessage(), message.payload())));
    }

    private Future<Void> deadLetter(InboundMessage message, String deviceId, Rejection rejection) {
        DeadLetter letter = new DeadLetter(message.receivedAt(), CHANNEL, message.topic(), deviceId, rejection);
        if (LOG.isDebugEnabled()) {
            LOG.debug("dead letter {} from {}: {} ({})", rejection.reason().code(), message.topic(), rejection.detail(),
                    new String(message.payload(), 0, Math.min(200, message.payload().length), StandardCharsets.UTF_8));
        }
        return retry.untilSuccess("storing a dead letter", () -> store.deadLetter(letter))
                .onSuccess(v -> metrics.deadLettered(rejection.reason()));
    }
}
