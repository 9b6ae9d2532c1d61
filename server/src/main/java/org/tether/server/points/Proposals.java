package org.tether.server.points;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tether.server.registry.SupervisionTier;

/**
 * An officer's decision on a close's proposal, with a reason. Accepting a tier change sets the
 * person's tier; accepting a sanction records its ledger entry (linked to the proposal). A proposal is
 * decided once.
 */
public final class Proposals {

    private static final String COLUMNS = "id, person_id, office_id, month, rule, kind, proposed_tier, proposed_sanction,"
            + " basis, status, created_at, decided_at, decided_by, decision_reason, points_entry_id";

    /** What accepting or rejecting did: the proposal after, and for a tier change the tier before. */
    public record Decision(JsonObject proposal, Optional<SupervisionTier> previousTier, Optional<PointsEntry> entry) {
    }

    private final PointsLedger ledger;
    private final Clock clock;

    public Proposals(PointsLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * @param evidenceRef required when accepting a sanction: the decision document it rests on
     */
    public Future<Decision> decide(SqlClient tx, UUID[] offices, long proposalId, boolean accept, String reason,
                                   Optional<String> evidenceRef, UUID actor) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM proposals WHERE id = $1 AND office_id = ANY($2) FOR UPDATE")
                .execute(Tuple.tuple().addValue(proposalId).addValue(offices))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(PointsException.notFound("proposalId", "no proposal " + proposalId
                                + " in your offices"));
                    }
                    Row p = rows.iterator().next();
                    if (!"PENDING".equals(p.getString("status"))) {
                        return Future.failedFuture(PointsException.conflict("proposalId", "proposal " + proposalId
                                + " is " + p.getString("status") + ", not pending"));
                    }
                    UUID person = p.getUUID("person_id");
                    if (!accept) {
                        return mark(tx, proposalId, "REJECTED", reason, actor, null)
                                .map(json -> new Decision(json, Optional.empty(), Optional.empty()));
                    }
                    if ("TIER_CHANGE".equals(p.getString("kind"))) {
                        SupervisionTier to = SupervisionTier.valueOf(p.getString("proposed_tier"));
                        return tx.preparedQuery("SELECT tier FROM persons WHERE id = $1 FOR NO KEY UPDATE")
                                .execute(Tuple.of(person))
                                .compose(t -> {
                                    SupervisionTier before = SupervisionTier.valueOf(t.iterator().next().getString("tier"));
                                    return tx.preparedQuery("UPDATE persons SET tier = $2, updated_at = now() WHERE id = $1")
                                            .execute(Tuple.of(person, to.name()))
                                            .compose(v -> mark(tx, proposalId, "ACCEPTED", reason, actor, null))
                                            .map(json -> new Decision(json, Optional.of(before), Optional.empty()));
                                });
                    }
                    if (evidenceRef.isEmpty()) {
                        return Future.failedFuture(PointsException.unprocessable("evidenceRef",
                                "accepting a sanction needs 'evidenceRef' (the decision document)"));
                    }
                    PointsKind sanction = PointsKind.valueOf(p.getString("proposed_sanction"));
                    return ledger.record(tx, person, p.getUUID("office_id"), new PointsLedger.NewEntry(sanction, 1,
                                    AssessmentMonth.today(clock), "采纳建议#" + proposalId + "：" + reason, evidenceRef.get()),
                                    proposalId, actor)
                            .compose(entry -> mark(tx, proposalId, "ACCEPTED", reason, actor, entry.id())
                                    .map(json -> new Decision(json, Optional.empty(), Optional.of(entry))));
                });
    }

    private static Future<JsonObject> mark(SqlClient tx, long id, String status, String reason, UUID actor, Long entryId) {
        return tx.preparedQuery("UPDATE proposals SET status = $2, decided_at = now(), decided_by = $3, decision_reason = $4,"
                        + " points_entry_id = $5 WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.tuple().addValue(id).addValue(status).addValue(actor).addValue(reason).addValue(entryId))
                .map(rows -> toJson(rows.iterator().next()));
    }

    /** Proposals of an office, optionally of one month and one status, oldest first. */
    public static Future<List<JsonObject>> list(SqlClient client, UUID officeId, Optional<YearMonth> month,
                                                Optional<String> status) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM proposals WHERE office_id = $1"
                        + " AND ($2::date IS NULL OR month = $2) AND ($3::text IS NULL OR status = $3) ORDER BY id")
                .execute(Tuple.tuple().addValue(officeId).addValue(month.map(m -> m.atDay(1)).orElse(null))
                        .addValue(status.orElse(null)))
                .map(rows -> {
                    List<JsonObject> out = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        out.add(toJson(r));
                    }
                    return out;
                });
    }

    static JsonObject toJson(Row r) {
        return new JsonObject()
                .put("id", r.getLong("id"))
                .put("personId", r.getUUID("person_id").toString())
                .put("officeId", r.getUUID("office_id").toString())
                .put("month", YearMonth.from(r.getLocalDate("month")).toString())
                .put("rule", r.getString("rule"))
                .put("kind", r.getString("kind"))
                .put("proposedTier", r.getString("proposed_tier"))
                .put("proposedSanction", r.getString("proposed_sanction"))
                .put("basis", r.getString("basis"))
                .put("status", r.getString("status"))
                .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
                .put("decidedAt", r.getOffsetDateTime("decided_at") == null ? null
                        : r.getOffsetDateTime("decided_at").toInstant().toString())
                .put("decidedBy", r.getUUID("decided_by") == null ? null : r.getUUID("decided_by").toString())
                .put("decisionReason", r.getString("decision_reason"))
                .put("pointsEntryId", r.getLong("points_entry_id"));
    }
}
