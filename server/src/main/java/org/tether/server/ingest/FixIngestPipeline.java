package org.tether.server.ingest;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tether.gateway.decode.DecodedEvents;
import org.tether.gateway.decode.DecodedFixes;
import org.tether.gateway.decode.DeviceTopic;
import org.tether.gateway.decode.FixDecoder;
import org.tether.gateway.decode.FixDecoders;
import org.tether.gateway.decode.FixFormat;
import org.tether.gateway.decode.JsonEventDecoder;
import org.tether.gateway.decode.MessageRejectedException;
import org.tether.gateway.decode.RejectReason;
import org.tether.gateway.decode.Rejection;
import org.tether.gateway.mqtt.InboundHandler;
import org.tether.gateway.mqtt.InboundMessage;
import org.tether.server.registry.DeviceBinding;
import org.tether.server.registry.LiveRegistry;
import org.tether.server.registry.RegistrySnapshot;

/**
 * The ingest path, from a raw MQTT message to committed rows and alerts:
 * topic → device binding (and vendor ownership) → decode and validate → group commit, in which the
 * fixes are evaluated against the person's locked geofence state (the live feed follows the committed
 * alerts through the database: {@code AlertChanges}). Anything refused on
 * the way is dead-lettered with its reason; nothing stops the stream.
 *
 * <p>Runs on the ingest verticle's event loop; the group committer keeps each person's batches in
 * arrival order.
 */
public final class FixIngestPipeline implements InboundHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FixIngestPipeline.class);
    private static final String CHANNEL = "mqtt";

    private final FixDecoders fixDecoders;
    private final JsonEventDecoder eventDecoder;
    private final LiveRegistry registry;
    private final GroupCommitter committer;
    private final IngestMetrics metrics;

    public FixIngestPipeline(FixDecoders fixDecoders, JsonEventDecoder eventDecoder, LiveRegistry registry,
                             GroupCommitter committer, IngestMetrics metrics) {
        this.fixDecoders = fixDecoders;
        this.eventDecoder = eventDecoder;
        this.registry = registry;
        this.committer = committer;
        this.metrics = metrics;
    }

    @Override
    public Future<Void> handle(InboundMessage message) {
        metrics.messageReceived();
        Optional<MessageRoute> route = MessageRoute.parse(message.topic());
        if (route.isEmpty()) {
            return deadLetter(message, null, new Rejection(RejectReason.UNKNOWN_TOPIC, "not a Tether v1 device or vendor"
                    + " topic (" + DeviceTopic.PREFIX + "{deviceId}/{fixes|events|status}) nor an OwnTracks one",
                    message.payload()));
        }
        DeviceTopic topic = route.get().device();
        String deviceId = topic.deviceId();
        RegistrySnapshot snapshot = registry.current();
        Optional<DeviceBinding> binding = snapshot.device(deviceId);
        if (binding.isEmpty()) {
            return deadLetter(message, deviceId, new Rejection(RejectReason.UNKNOWN_DEVICE,
                    "device '" + deviceId + "' is not registered", message.payload()));
        }
        String vendor = route.get().vendorId();
        if (vendor != null && !vendor.equals(binding.get().vendorId())) {
            return deadLetter(message, deviceId, new Rejection(RejectReason.DEVICE_MISMATCH,
                    "vendor '" + vendor + "' may not speak for device '" + deviceId + "'", message.payload()));
        }
        if (binding.get().personId() == null) {
            return deadLetter(message, deviceId, new Rejection(RejectReason.UNBOUND_DEVICE,
                    "device '" + deviceId + "' is not bound to a supervised person", message.payload()));
        }
        try {
            IngestBatch batch = switch (topic.channel()) {
                case FIXES -> fixes(message, route.get(), binding.get(), snapshot);
                case EVENTS -> events(message, binding.get(), eventDecoder.decodeEvents(topic, message.payload()));
                case STATUS -> events(message, binding.get(),
                        eventDecoder.decodeStatus(topic, message.payload(), message.receivedAt()));
            };
            return commit(message, batch);
        } catch (MessageRejectedException e) {
            return deadLetter(message, deviceId, e.rejection());
        } catch (RuntimeException e) {
            // A decoder bug must not stall the stream: keep the input for the fix.
            LOG.error("decoding failed on a message from device {}", deviceId, e);
            return deadLetter(message, deviceId, new Rejection(RejectReason.MALFORMED_JSON, "decoder error: " + e,
                    message.payload()));
        }
    }

    private IngestBatch fixes(InboundMessage message, MessageRoute route, DeviceBinding binding,
                              RegistrySnapshot snapshot) throws MessageRejectedException {
        FixDecoder decoder;
        if (route.format() != null) {
            decoder = fixDecoders.forFormat(route.format());
        } else {
            String format = snapshot.vendorFormat(route.vendorId()).orElse(FixFormat.TETHER_JSON_V1.formatName());
            decoder = fixDecoders.forName(format).orElseThrow(() -> new MessageRejectedException(new Rejection(
                    RejectReason.UNSUPPORTED_VERSION, "vendor '" + route.vendorId() + "' is registered with unknown fix"
                    + " format '" + format + "'", message.payload())));
        }
        DecodedFixes decoded = decoder.decode(route.device(), message.payload());
        return new IngestBatch(message.topic(), binding.deviceId(), binding.kind(), binding.personId(),
                message.receivedAt(), decoded.fixes(), List.of(), letters(message, binding.deviceId(), decoded.rejections()));
    }

    private IngestBatch events(InboundMessage message, DeviceBinding binding, DecodedEvents decoded) {
        return new IngestBatch(message.topic(), binding.deviceId(), binding.kind(), binding.personId(),
                message.receivedAt(), List.of(), decoded.events(),
                letters(message, binding.deviceId(), decoded.rejections()));
    }

    private List<DeadLetter> letters(InboundMessage message, String deviceId, List<Rejection> rejections) {
        return rejections.stream()
                .map(r -> new DeadLetter(message.receivedAt(), CHANNEL, message.topic(), deviceId, r))
                .toList();
    }

    private Future<Void> commit(InboundMessage message, IngestBatch batch) {
        return committer.submit(batch.personId(), batch)
                .onSuccess(committed -> {
                    metrics.fixesAccepted(batch.fixes().size());
                    metrics.eventsAccepted(batch.events().size());
                    batch.refused().forEach(d -> metrics.deadLettered(d.rejection().reason()));
                })
                .<Void>mapEmpty()
                .recover(e -> deadLetter(message, batch.deviceId(), new Rejection(RejectReason.STORAGE_REJECTED,
                        "the database refused the batch: " + e.getMessage(), message.payload())));
    }

    private Future<Void> deadLetter(InboundMessage message, String deviceId, Rejection rejection) {
        DeadLetter letter = new DeadLetter(message.receivedAt(), CHANNEL, message.topic(), deviceId, rejection);
        LOG.debug("dead letter {} from {}: {}", rejection.reason().code(), message.topic(), rejection.detail());
        return committer.submit(deviceId != null ? deviceId : message.topic(), IngestBatch.deadLetter(letter))
                .onSuccess(v -> metrics.deadLettered(rejection.reason()))
                .<Void>mapEmpty()
                .recover(e -> {
                    // Even the dead letter was refused: nothing more can be kept; say so loudly and move on.
                    LOG.error("could not store a dead letter for {} ({}): {}", message.topic(), rejection.reason().code(),
                            e.getMessage());
                    return Future.succeededFuture();
                });
    }
}
