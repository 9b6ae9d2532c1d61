package org.tether.mobile;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The answer to an upload of buffered fixes, given only after the batch is committed: one result per
 * fix of the request, by its index in {@code fixes}. Every result is final — the app may delete the
 * whole batch from its buffer once it has this receipt.
 *
 * @param results ordered by index, one per fix sent
 */
public record FixUploadReceipt(Instant receivedAt, List<FixResult> results) {

    /** What became of one fix. */
    public enum Status {
        /** Stored now (and evaluated against the geofences unless its class says otherwise). */
        ACCEPTED,
        /** Already stored (sent before over MQTT or in an earlier upload): nothing changed. */
        DUPLICATE,
        /** Refused by the fix rules; kept as a dead letter with the reason. Sending it again will not help. */
        REJECTED
    }

    /**
     * @param fixClass for ACCEPTED: ACCEPTED, LATE (older than the last evaluated fix: stored, not evaluated),
     *     FUTURE or IMPLAUSIBLE_SPEED; null otherwise
     * @param reason for REJECTED: the dead-letter reason code (as over MQTT); null otherwise
     * @param detail for REJECTED: which field and why
     */
    public record FixResult(int index, Status status, String fixClass, String reason, String detail) {

        public FixResult {
            Objects.requireNonNull(status, "status");
        }

        public JsonObject toJson() {
            JsonObject json = new JsonObject().put("index", index).put("status", status.name());
            if (fixClass != null) {
                json.put("fixClass", fixClass);
            }
            if (reason != null) {
                json.put("reason", reason).put("detail", detail);
            }
            return json;
        }
    }

    public FixUploadReceipt {
        results = List.copyOf(results);
    }

    public long count(Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    public JsonObject toJson() {
        return new JsonObject().put("receivedAt", receivedAt.toString())
                .put("accepted", count(Status.ACCEPTED))
                .put("duplicates", count(Status.DUPLICATE))
                .put("rejected", count(Status.REJECTED))
                .put("results", new JsonArray(results.stream().map(FixResult::toJson).toList()));
    }
}
