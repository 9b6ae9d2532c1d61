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
 */
public record Alert(long id, UUID personId, AlertType type, Severity severity, AlertState state, UUID zoneId,
                    OffsetDateTime firstSeen, OffsetDateTime lastSeen, int occurrences,
                    OffsetDateTime conditionClearedAt, String rule, List<Long> evidencePositionIds,
                    OffsetDateTime updatedAt) {

    public Alert {
        evidencePositionIds = List.copyOf(evidencePositionIds);
    }

    /** The columns {@link #fromRow} reads, for SELECT and RETURNING clauses. */
    public static final String COLUMNS = "id, person_id, type, severity, state, zone_id, first_seen, last_seen, "
            + "occurrences, condition_cleared_at, rule, evidence_position_ids, updated_at";

    public static Alert fromRow(Row r) {
        Long[] evidence = r.getArrayOfLongs("evidence_position_ids");
        List<Long> ids = new ArrayList<>();
        if (evidence != null) {
            for (Long id : evidence) {
                ids.add(id);
            }
        }
        return new Alert(r.getLong("id"), r.getUUID("person_id"), AlertType.valueOf(r.getString("type")),
                Severity.valueOf(r.getString("severity")), AlertState.valueOf(r.getString("state")),
                r.getUUID("zone_id"), r.getOffsetDateTime("first_seen"), r.getOffsetDateTime("last_seen"),
                r.getInteger("occurrences"), r.getOffsetDateTime("condition_cleared_at"), r.getString("rule"), ids,
                r.getOffsetDateTime("updated_at"));
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
                .put("evidencePositionIds", new JsonArray(new ArrayList<>(evidencePositionIds)))
                .put("updatedAt", updatedAt.toInstant().toString());
    }
}
