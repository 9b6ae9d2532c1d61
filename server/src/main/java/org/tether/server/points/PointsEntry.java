package org.tether.server.points;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.UUID;

/**
 * One ledger line as stored. {@code correctedBy} is the entry that reversed this one, if any (read
 * from the other row: this row never changes).
 */
public record PointsEntry(long id, UUID personId, UUID officeId, YearMonth month, LocalDate occurredOn, PointsKind kind,
                          int quantity, int points, String reason, String evidenceRef, Long alertId,
                          Long correctsEntryId, Long correctedBy, Long proposalId, UUID recordedBy,
                          OffsetDateTime recordedAt) {

    static final String COLUMNS = "e.id, e.person_id, e.office_id, e.month, e.occurred_on, e.kind, e.quantity, e.points,"
            + " e.reason, e.evidence_ref, e.alert_id, e.corrects_entry_id, e.proposal_id, e.recorded_by, e.recorded_at,"
            + " (SELECT c.id FROM points_entries c WHERE c.corrects_entry_id = e.id) AS corrected_by";

    static PointsEntry fromRow(Row r) {
        return new PointsEntry(r.getLong("id"), r.getUUID("person_id"), r.getUUID("office_id"),
                YearMonth.from(r.getLocalDate("month")), r.getLocalDate("occurred_on"), PointsKind.valueOf(r.getString("kind")),
                r.getInteger("quantity"), r.getInteger("points"), r.getString("reason"), r.getString("evidence_ref"),
                r.getLong("alert_id"), r.getLong("corrects_entry_id"), r.getLong("corrected_by"), r.getLong("proposal_id"),
                r.getUUID("recorded_by"), r.getOffsetDateTime("recorded_at"));
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("personId", personId.toString())
                .put("officeId", officeId.toString())
                .put("month", month.toString())
                .put("occurredOn", occurredOn.toString())
                .put("kind", kind.name())
                .put("kindLabel", kind.labelZh())
                .put("quantity", quantity)
                .put("points", points)
                .put("reason", reason)
                .put("evidenceRef", evidenceRef)
                .put("alertId", alertId)
                .put("correctsEntryId", correctsEntryId)
                .put("correctedByEntryId", correctedBy)
                .put("proposalId", proposalId)
                .put("recordedBy", recordedBy == null ? null : recordedBy.toString())
                .put("recordedAt", recordedAt.toInstant().toString());
    }
}
