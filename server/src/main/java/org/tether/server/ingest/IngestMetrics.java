package org.tether.server.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.tether.gateway.decode.RejectReason;

/**
 * Counters of the fix path: messages received, fixes accepted, dead letters per reason. Exposed at
 * {@code /metrics} in Prometheus text format. Thread-safe.
 */
public final class IngestMetrics {

    private final LongAdder messages = new LongAdder();
    private final LongAdder fixes = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final LongAdder committedBatches = new LongAdder();
    private final LongAdder committedRows = new LongAdder();
    private final Map<RejectReason, AtomicLong> deadLetters = new EnumMap<>(RejectReason.class);
    /** The HTTPS upload's own dead letters; {@link #deadLetters} are the MQTT path's. */
    private final Map<RejectReason, AtomicLong> uploadDeadLetters = new EnumMap<>(RejectReason.class);
    private final LongAdder uploads = new LongAdder();
    private final Map<UploadResult, LongAdder> uploadedFixes = new EnumMap<>(UploadResult.class);

    /** How one fix of an HTTPS upload ended. */
    public enum UploadResult {
        ACCEPTED, DUPLICATE, REJECTED
    }

    private final java.util.function.LongSupplier brokerDropped;

    /** @param brokerDropped messages the embedded broker dropped (null with an external broker) */
    public IngestMetrics(java.util.function.LongSupplier brokerDropped) {
        this.brokerDropped = brokerDropped;
        for (RejectReason r : RejectReason.values()) {
            deadLetters.put(r, new AtomicLong());
            uploadDeadLetters.put(r, new AtomicLong());
        }
        for (UploadResult r : UploadResult.values()) {
            uploadedFixes.put(r, new LongAdder());
        }
    }

    public void messageReceived() {
        messages.increment();
    }

    public void fixesAccepted(int n) {
        fixes.add(n);
    }

    public void eventsAccepted(int n) {
        events.add(n);
    }

    /** One group commit started with {@code batches} messages' work and {@code rows} rows. */
    public void commitBatch(int batches, int rows) {
        commits.increment();
        committedBatches.add(batches);
        committedRows.add(rows);
    }

    public void deadLettered(RejectReason reason) {
        deadLetters.get(reason).incrementAndGet();
    }

    public long deadLettered(String reasonCode) {
        return deadLetters.entrySet().stream().filter(e -> e.getKey().code().equals(reasonCode))
                .mapToLong(e -> e.getValue().get()).sum();
    }

    /** A dead letter from the phone's HTTPS upload ({@code POST /phone/v1/fixes}). */
    public void uploadDeadLettered(RejectReason reason) {
        uploadDeadLetters.get(reason).incrementAndGet();
    }

    /** One HTTPS upload answered after its commit, with its fixes' results. */
    public void uploadCommitted(int accepted, int duplicates, int rejected) {
        uploads.increment();
        uploadedFixes.get(UploadResult.ACCEPTED).add(accepted);
        uploadedFixes.get(UploadResult.DUPLICATE).add(duplicates);
        uploadedFixes.get(UploadResult.REJECTED).add(rejected);
    }

    /** Prometheus text exposition format, version 0.0.4. */
    public String prometheusText() {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP tether_mqtt_messages_received_total MQTT messages received by the fix path.\n")
                .append("# TYPE tether_mqtt_messages_received_total counter\n")
                .append("tether_mqtt_messages_received_total ").append(messages.sum()).append('\n');
        sb.append("# HELP tether_fixes_stored_total Fixes in committed batches (a redelivered duplicate is counted, not stored twice).\n")
                .append("# TYPE tether_fixes_stored_total counter\n")
                .append("tether_fixes_stored_total ").append(fixes.sum()).append('\n');
        sb.append("# HELP tether_device_events_stored_total Device events in committed batches.\n")
                .append("# TYPE tether_device_events_stored_total counter\n")
                .append("tether_device_events_stored_total ").append(events.sum()).append('\n');
        sb.append("# HELP tether_ingest_commits_total Group commits started.\n")
                .append("# TYPE tether_ingest_commits_total counter\n")
                .append("tether_ingest_commits_total ").append(commits.sum()).append('\n');
        sb.append("# HELP tether_ingest_commit_messages_total Messages carried by group commits (÷ commits = mean group size).\n")
                .append("# TYPE tether_ingest_commit_messages_total counter\n")
                .append("tether_ingest_commit_messages_total ").append(committedBatches.sum()).append('\n');
        sb.append("# HELP tether_ingest_commit_rows_total Rows (fixes, events, dead letters) carried by group commits.\n")
                .append("# TYPE tether_ingest_commit_rows_total counter\n")
                .append("tether_ingest_commit_rows_total ").append(committedRows.sum()).append('\n');
        sb.append("# HELP tether_dead_letters_total Input refused and kept in dead_letters, by channel (mqtt, https) and reason.\n")
                .append("# TYPE tether_dead_letters_total counter\n");
        deadLetters.forEach((reason, n) -> sb.append("tether_dead_letters_total{channel=\"mqtt\",reason=\"")
                .append(reason.code()).append("\"} ").append(n.get()).append('\n'));
        uploadDeadLetters.forEach((reason, n) -> sb.append("tether_dead_letters_total{channel=\"https\",reason=\"")
                .append(reason.code()).append("\"} ").append(n.get()).append('\n'));
        sb.append("# HELP tether_fix_uploads_total Buffered-fix uploads over HTTPS (POST /phone/v1/fixes) answered after commit.\n")
                .append("# TYPE tether_fix_uploads_total counter\n")
                .append("tether_fix_uploads_total ").append(uploads.sum()).append('\n');
        sb.append("# HELP tether_uploaded_fixes_total Fixes in HTTPS uploads, by result (accepted = new row, duplicate = already stored).\n")
                .append("# TYPE tether_uploaded_fixes_total counter\n");
        uploadedFixes.forEach((result, n) -> sb.append("tether_uploaded_fixes_total{result=\"")
                .append(result.name().toLowerCase(java.util.Locale.ROOT)).append("\"} ").append(n.sum()).append('\n'));
        if (brokerDropped != null) {
            sb.append("# HELP tether_broker_messages_dropped_total Messages the embedded broker dropped (queue full): accepted data lost.\n")
                    .append("# TYPE tether_broker_messages_dropped_total counter\n")
                    .append("tether_broker_messages_dropped_total ").append(brokerDropped.getAsLong()).append('\n');
        }
        return sb.toString();
    }
}
