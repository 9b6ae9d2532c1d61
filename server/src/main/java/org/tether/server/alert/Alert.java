package org.tether.server.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An alert as stored: one per person and condition while open; repeats raise {@code occurrences}.
 *
 * @param conditionClearedAt when the condition ended (back inside, strap restored), or null while it
 *     holds; a cleared alert stays open until an officer closes it
 * @param evidencePositionIds the fixes that raised it
 * @param evidenceEventIds the device events that raised it
 * @param deviceId the device concerned, for device conditions (tamper, battery…); else null
 * @param handling who acknowledged, resolved, escalated or marked it a major incident, and when
 */
public record Alert(long id, UUID personId, AlertType type, Severity severity, AlertState state, UUID zoneId,
                    OffsetDateTime firstSeen, OffsetDateTime lastSeen, int occurrences,
                    OffsetDateTime conditionClearedAt, String rule, List<Long> evidencePositionIds,
                    List<Long> evidenceEventIds, String deviceId, OffsetDateTime updatedAt, Handling handling) {

    /** The officer-side lifecycle of an alert; every field null until that step happens. */
    public record Handling(OffsetDateTime acknowledgedAt, UUID acknowledgedBy, OffsetDateTime resolvedAt,
                           UUID resolvedBy, Resolution resolution, String resolutionNote,
                           OffsetDateTime escalatedAt, OffsetDateTime majorIncidentAt) {

        static Handling fromRow(Row r) {
            String resolution = r.getString("resolution");
            return new Handling(r.getOffsetDateTime("acknowledged_at"), r.getUUID("acknowledged_by"),
                    r.getOffsetDateTime("resolved_at"), r.getUUID("resolved_by"),
                    resolution == null ? null : Resolution.valueOf(resolution), r.getString("resolution_note"),
                    r.getOffsetDateTime("escalated_at"), r.getOffsetDateTime("major_incident_at"));
        }

        JsonObject toJson() {
            return new JsonObject()
                    .put("acknowledgedAt", text(acknowledgedAt)).put("acknowledgedBy", text(acknowledgedBy))
                    .put("resolvedAt", text(resolvedAt)).put("resolvedBy", text(resolvedBy))
                    .put("resolution", resolution == null ? null : resolution.name())
                    .put("resolutionNote", resolutionNote)
                    .put("escalated", escalatedAt != null).put("escalatedAt", text(escalatedAt))
                    .put("majorIncident", majorIncidentAt != null).put("majorIncidentAt", text(majorIncidentAt));
        }
    }

    public Alert {
        evidencePositionIds = List.copyOf(evidencePositionIds);
        evidenceEventIds = List.copyOf(evidenceEventIds);
    }

    /** The columns {@link #fromRow} reads, for SELECT and RETURNING clauses. */
    public static final String COLUMNS = "id, person_id, type, severity, state, zone_id, first_seen, last_seen, "
            + "occurrences, condition_cleared_at, rule, evidence_position_ids, evidence_event_ids, device_id, updated_at, "
            + "acknowledged_at, acknowledged_by, resolved_at, resolved_by, resolution, resolution_note, escalated_at, "
            + "major_incident_at";

    public static Alert fromRow(Row r) {
        return new Alert(r.getLong("id"), r.getUUID("person_id"), AlertType.valueOf(r.getString("type")),
                Severity.valueOf(r.getString("severity")), AlertState.valueOf(r.getString("state")),
                r.getUUID("zone_id"), r.getOffsetDateTime("first_seen"), r.getOffsetDateTime("last_seen"),
                r.getInteger("occurrences"), r.getOffsetDateTime("condition_cleared_at"), r.getString("rule"),
                longs(r.getArrayOfLongs("evidence_position_ids")), longs(r.getArrayOfLongs("evidence_event_ids")),
                r.getString("device_id"), r.getOffsetDateTime("updated_at"), Handling.fromRow(r));
    }

    private static List<Long> longs(Long[] array) {
        return array == null ? List.of() : List.of(array);
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("personId", personId.toString())
                .put("type", type.name())
                .put("label", new JsonObject().put("zh", type.labelZh()).put("en", type.labelEn()))
                .put("severity", severity.name())
                .put("state", state.name())
                .put("zoneId", zoneId == null ? null : zoneId.toString())
                .put("firstSeen", firstSeen.toInstant().toString())
                .put("lastSeen", lastSeen.toInstant().toString())
                .put("occurrences", occurrences)
                .put("conditionCleared", conditionClearedAt != null)
                .put("conditionClearedAt", conditionClearedAt == null ? null : conditionClearedAt.toInstant().toString())
                .put("rule", rule)
                .put("deviceId", deviceId)
                .put("evidencePositionIds", new JsonArray(new ArrayList<>(evidencePositionIds)))
                .put("evidenceEventIds", new JsonArray(new ArrayList<>(evidenceEventIds)))
                .put("updatedAt", updatedAt.toInstant().toString())
                .mergeIn(handling.toJson());
    }

    private static String text(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
