package org.tether.server.phone;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tether.gateway.decode.DecodedFixes;
import org.tether.gateway.decode.DeviceFix;
import org.tether.gateway.decode.DeviceTopic;
import org.tether.gateway.decode.FixDecoder;
import org.tether.gateway.decode.MessageRejectedException;
import org.tether.gateway.decode.RejectReason;
import org.tether.gateway.decode.Rejection;
import org.tether.mobile.FixUploadReceipt;
import org.tether.mobile.FixUploadReceipt.FixResult;
import org.tether.mobile.FixUploadReceipt.Status;
import org.tether.mobile.PhonePrincipal;
import org.tether.mobile.PhoneProblem;
import org.tether.server.geofence.EvaluatedFix;
import org.tether.server.ingest.CommittedBatch;
import org.tether.server.ingest.DeadLetter;
import org.tether.server.ingest.IngestBatch;
import org.tether.server.ingest.IngestLoop;
import org.tether.server.ingest.IngestMetrics;
import org.tether.server.registry.DeviceBinding;
import org.tether.server.registry.LiveRegistry;

/**
 * The phone's offline upload ({@code POST /phone/v1/fixes}): a buffered batch in the JSON v1 fix format
 * goes through the MQTT path's decoder (the same validation, literally) and into the ingest pipeline's
 * group committer on its event loop (the same dedup, geofence evaluation, LATE/FUTURE/IMPLAUSIBLE_SPEED
 * classes, alerts and dead letters, in one transaction). The device is the phone's own, from its token —
 * never from the payload: a batch naming another device is refused as {@code device_mismatch}, like a
 * message on another device's topic. The answer, one result per fix, comes only after the commit.
 */
public final class FixUploads {

    /** {@code dead_letters.channel} and the metrics' channel label. */
    public static final String CHANNEL = "https";
    /** {@code dead_letters.topic} for what came by upload. */
    public static final String TOPIC = "POST /phone/v1/fixes";

    private static final Logger LOG = LoggerFactory.getLogger(FixUploads.class);
    /** How {@code JsonFixDecoder} names a refused fix in its detail: {@code fixes[3].lat: …}. */
    private static final Pattern FIX_INDEX = Pattern.compile("^fixes\\[(\\d+)]");

    private final FixDecoder decoder;
    private final LiveRegistry registry;
    private final IngestLoop ingest;
    private final IngestMetrics metrics;
    private final Clock clock;

    /** @param decoder the JSON v1 decoder the MQTT path uses ({@code FixDecoders.forFormat(TETHER_JSON_V1)}) */
    public FixUploads(FixDecoder decoder, LiveRegistry registry, IngestLoop ingest, IngestMetrics metrics, Clock clock) {
        this.decoder = decoder;
        this.registry = registry;
        this.ingest = ingest;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Future<FixUploadReceipt> upload(PhonePrincipal phone, byte[] body) {
        Instant received = clock.instant();
        String deviceId = phone.deviceId();
        Optional<DeviceBinding> binding = registry.current().device(deviceId);
        if (binding.isEmpty() || !phone.personId().equals(binding.get().personId())) {
            // The token was checked against the current binding; the live registry may lag it by one reload.
            return refuse(received, deviceId, new Rejection(RejectReason.UNBOUND_DEVICE, "device '" + deviceId
                    + "' is not bound to the phone's person", body));
        }
        DecodedFixes decoded;
        try {
            decoded = decoder.decode(new DeviceTopic(deviceId, DeviceTopic.Channel.FIXES), body);
        } catch (MessageRejectedException e) {
            return refuse(received, deviceId, e.rejection());
        } catch (RuntimeException e) {
            LOG.error("decoding an upload from device {} failed", deviceId, e);
            return refuse(received, deviceId, new Rejection(RejectReason.MALFORMED_JSON, "decoder error: " + e, body));
        }
        List<FixResult> rejected = new ArrayList<>();
        List<DeadLetter> letters = new ArrayList<>();
        BitSet refusedIndexes = new BitSet();
        for (Rejection r : decoded.rejections()) {
            int index = indexOf(r);
            refusedIndexes.set(index);
            rejected.add(new FixResult(index, Status.REJECTED, null, r.reason().code(), r.detail()));
            letters.add(new DeadLetter(received, CHANNEL, TOPIC, deviceId, r));
        }
        // The decoder keeps the accepted fixes in request order: the n-th is the n-th index not refused.
        Map<DeviceFix, Integer> indexes = new IdentityHashMap<>();
        int next = 0;
        for (DeviceFix f : decoded.fixes()) {
            next = refusedIndexes.nextClearBit(next);
            indexes.put(f, next++);
        }
        UUID person = binding.get().personId();
        IngestBatch batch = new IngestBatch(TOPIC, deviceId, binding.get().kind(), person, received, decoded.fixes(),
                List.of(), letters, true);
        int total = decoded.fixes().size() + rejected.size();
        return ingest.submit(person, batch)
                .map(committed -> {
                    FixUploadReceipt receipt = receipt(received, committed, indexes, rejected);
                    metrics.fixesAccepted(decoded.fixes().size());
                    letters.forEach(d -> metrics.uploadDeadLettered(d.rejection().reason()));
                    metrics.uploadCommitted((int) receipt.count(Status.ACCEPTED), (int) receipt.count(Status.DUPLICATE),
                            rejected.size());
                    return receipt;
                })
                .recover(e -> storageRejected(received, deviceId, body, total, e));
    }

    private static FixUploadReceipt receipt(Instant received, CommittedBatch committed, Map<DeviceFix, Integer> indexes,
                                            List<FixResult> rejected) {
        List<FixResult> results = new ArrayList<>(rejected);
        List<EvaluatedFix> fixes = committed.fixes();
        for (int i = 0; i < fixes.size(); i++) {
            EvaluatedFix f = fixes.get(i);
            int index = indexes.get(f.fix());
            results.add(committed.stored().get(i)
                    ? new FixResult(index, Status.ACCEPTED, f.fixClass().name(), null, null)
                    : new FixResult(index, Status.DUPLICATE, null, null, null));
        }
        results.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return new FixUploadReceipt(received, results);
    }

    private static int indexOf(Rejection r) {
        Matcher m = FIX_INDEX.matcher(r.detail());
        if (!m.find()) {
            throw new IllegalStateException("a refused fix without its index: " + r.detail());
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * The database refused the batch's data itself (not an outage: those are retried). As over MQTT, the
     * request is kept as a {@code storage_rejected} dead letter, and every fix is answered as refused.
     */
    private Future<FixUploadReceipt> storageRejected(Instant received, String deviceId, byte[] body, int total,
                                                     Throwable e) {
        Rejection r = new Rejection(RejectReason.STORAGE_REJECTED, "the database refused the batch: " + e.getMessage(),
                body);
        return deadLetter(received, deviceId, r).map(v -> {
            List<FixResult> results = new ArrayList<>(total);
            for (int i = 0; i < total; i++) {
                results.add(new FixResult(i, Status.REJECTED, null, r.reason().code(), r.detail()));
            }
            metrics.uploadCommitted(0, 0, total);
            return new FixUploadReceipt(received, results);
        });
    }

    /** The batch as a whole is refused: kept as a dead letter (committed first), then answered as a problem. */
    private Future<FixUploadReceipt> refuse(Instant received, String deviceId, Rejection rejection) {
        return deadLetter(received, deviceId, rejection).compose(v -> Future.failedFuture(problem(rejection)));
    }

    private Future<Void> deadLetter(Instant received, String deviceId, Rejection rejection) {
        DeadLetter letter = new DeadLetter(received, CHANNEL, TOPIC, deviceId, rejection);
        return ingest.submit(deviceId, IngestBatch.deadLetter(letter))
                .onSuccess(v -> metrics.uploadDeadLettered(rejection.reason()))
                .<Void>mapEmpty()
                .recover(e -> {
                    LOG.error("could not store a dead letter for an upload from {} ({}): {}", deviceId,
                            rejection.reason().code(), e.getMessage());
                    return Future.succeededFuture();
                });
    }

    static PhoneProblem problem(Rejection r) {
        String detail = r.reason().code() + ": " + r.detail();
        return switch (r.reason()) {
            case PAYLOAD_TOO_LARGE, BATCH_TOO_LARGE -> new PhoneProblem(413, "Batch too large", detail
                    + "; split the buffer into smaller batches", "fixes", null);
            case DEVICE_MISMATCH -> PhoneProblem.forbidden("deviceId", "device_mismatch: 'deviceId' names another"
                    + " device; a phone uploads only its own fixes (omit 'deviceId' or send its own)");
            case UNKNOWN_DEVICE, UNBOUND_DEVICE -> PhoneProblem.conflict(null, detail);
            default -> PhoneProblem.badRequest(field(r.detail()), detail);
        };
    }

    /** The decoder names a message-level field as {@code field 'v'}, {@code field 'fixes'}, …. */
    private static String field(String detail) {
        for (String f : List.of("fixes", "deviceId", "v")) {
            if (detail.contains("'" + f + "'")) {
                return f;
            }
        }
        return null;
    }
}
