package org.tether.server.position;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * One person on the live map: their newest accepted fix (all null when never located) and their alerts.
 *
 * @param changedAt the newest of: the fix's arrival, an alert change, a case change, the moment silence
 *     began to count as NO_SIGNAL — what {@code since} compares against
 */
public record PersonPosition(UUID personId, String name, UUID officeId, Double lat, Double lon, Double accuracyMeters,
                             Instant time, String deviceId, String deviceKind, MapStatus status, int openAlerts,
                             String topSeverity, Instant changedAt) {

    public JsonObject toJson() {
        return new JsonObject().put("personId", personId.toString()).put("name", name)
                .put("officeId", officeId.toString()).put("lat", lat).put("lon", lon)
                .put("accuracyMeters", accuracyMeters).put("time", time == null ? null : time.toString())
                .put("deviceId", deviceId).put("deviceKind", deviceKind).put("status", status.name())
                .put("openAlerts", openAlerts).put("topSeverity", topSeverity);
    }
}
