package org.tether.server.points;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tether.server.alert.Alert;
import org.tether.server.alert.Resolution;
import org.tether.server.alert.ResolutionFollowUp;

/**
 * The points ledger (量化积分台账): append-only entries per person (the database refuses UPDATE and
 * DELETE). Officers record manual entries; an alert resolved as a confirmed violation records its
 * entry in the resolving transaction; a correction is a new entry reversing an earlier one.
 *
 * <p>An entry counts in the month its conduct happened ({@code occurredOn}, Asia/Shanghai). A month an
 * approver has frozen takes no more entries: an officer's entry or correction for it is refused, and
 * an alert's entry goes to the current month instead (the alert's resolution must not fail for it).
 */
public final class PointsLedger implements ResolutionFollowUp {

    private static final String INSERT = """
            INSERT INTO points_entries (person_id, office_id, month, occurred_on, kind, quantity, points, reason,
                                        evidence_ref, alert_id, corrects_entry_id, proposal_id, recorded_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            """;

    /** A manual entry as an officer gives it. */
    public record NewEntry(PointsKind kind, int quantity, LocalDate occurredOn, String reason, String evidenceRef) {
    }

    private final PointsRules rules;
    private final Clock clock;

    public PointsLedger(PointsRules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    /** Records an officer's entry for a person (whose row the caller has locked and checked). */
    public Future<PointsEntry> record(SqlClient tx, UUID personId, UUID officeId, NewEntry e, UUID actor) {
        return record(tx, personId, officeId, e, null, actor);
    }

    /** As {@link #record}, for an entry made by accepting a proposal. */
    Future<PointsEntry> record(SqlClient tx, UUID personId, UUID officeId, NewEntry e, Long proposalId, UUID actor) {
        if (!e.kind().manual()) {
            return Future.failedFuture(PointsException.unprocessable("kind", e.kind() + " is not recorded by hand"));
        }
        if (e.quantity() < 1 || (e.quantity() > 1 && !e.kind().countsUnits())) {
            return Future.failedFuture(PointsException.unprocessable("quantity",
                    e.kind().countsUnits() ? "quantity must be at least 1" : e.kind() + " has quantity 1"));
        }
        if (e.occurredOn().isAfter(AssessmentMonth.today(clock))) {
            return Future.failedFuture(PointsException.unprocessable("occurredOn", "occurredOn is in the future"));
        }
        YearMonth month = YearMonth.from(e.occurredOn());
        return frozen(tx, officeId, month).compose(frozen -> frozen
                ? Future.failedFuture(PointsException.conflict("occurredOn", "the assessment of " + month
                        + " is approved and frozen; record the entry in an open month"))
                : insert(tx, Tuple.tuple().addValue(personId).addValue(officeId).addValue(month.atDay(1))
                        .addValue(e.occurredOn()).addValue(e.kind().name()).addValue(e.quantity())
                        .addValue(rules.forEntry(e.kind(), e.quantity())).addValue(e.reason()).addValue(e.evidenceRef())
                        .addValue(null).addValue(null).addValue(proposalId).addValue(actor)));
    }

    /**
     * The entry of an alert an officer just resolved, if it was a confirmed violation whose type scores.
     * At most one per alert (a unique index), so a retried resolution cannot score twice.
     */
    @Override
    public Future<Void> resolved(SqlClient tx, Alert alert, UUID actor) {
        int points = rules.forAlert(alert.type());
        if (alert.handling().resolution() != Resolution.CONFIRMED_VIOLATION || points == 0) {
            return Future.succeededFuture();
        }
        LocalDate occurred = alert.firstSeen().atZoneSameInstant(AssessmentMonth.ZONE).toLocalDate();
        return tx.preparedQuery("SELECT office_id FROM persons WHERE id = $1").execute(Tuple.of(alert.personId()))
                .compose(rows -> {
                    UUID office = rows.iterator().next().getUUID("office_id");
                    if (office == null) {
                        return Future.succeededFuture();
                    }
                    YearMonth month = YearMonth.from(occurred);
                    return frozen(tx, office, month).compose(frozen -> {
                        YearMonth into = frozen ? AssessmentMonth.current(clock) : month;
                        String reason = "告警确认违规：" + alert.type().labelZh() + "（" + alert.handling().resolutionNote() + "）";
                        return tx.preparedQuery(INSERT + " ON CONFLICT (alert_id) WHERE kind = 'ALERT_VIOLATION' DO NOTHING")
                                .execute(Tuple.tuple().addValue(alert.personId()).addValue(office).addValue(into.atDay(1))
                                        .addValue(occurred).addValue(PointsKind.ALERT_VIOLATION.name()).addValue(1)
                                        .addValue(points).addValue(reason).addValue("alert:" + alert.id())
                                        .addValue(alert.id()).addValue(null).addValue(null).addValue(actor))
                                .mapEmpty();
                    });
                });
    }

    /**
     * Reverses an entry with a new one of the opposite points in the same month. An entry is reversed
     * once, and a correction is not itself corrected (record the entry anew instead).
     *
     * @param offices the caller's offices: an entry of a person outside them does not exist for the caller
     */
    public Future<PointsEntry> correct(SqlClient tx, UUID[] offices, long entryId, String reason, String evidenceRef,
                                       UUID actor) {
        return tx.preparedQuery("SELECT " + PointsEntry.COLUMNS + " FROM points_entries e"
                        + " WHERE e.id = $1 AND e.person_id IN (SELECT id FROM persons WHERE office_id = ANY($2))")
                .execute(Tuple.tuple().addValue(entryId).addValue(offices))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(PointsException.notFound("entryId", "no points entry " + entryId
                                + " in your offices"));
                    }
                    PointsEntry original = PointsEntry.fromRow(rows.iterator().next());
                    if (original.kind() == PointsKind.CORRECTION) {
                        // One level only, so "reversed" is simply "has a correction"; to restore an entry, record it anew.
                        return Future.failedFuture(PointsException.unprocessable("entryId", "entry " + entryId
                                + " is a correction; record the original entry again instead of correcting it"));
                    }
                    // Serialises corrections of one person's entries (and their month's close).
                    return tx.preparedQuery("SELECT office_id FROM persons WHERE id = $1 FOR NO KEY UPDATE")
                            .execute(Tuple.of(original.personId()))
                            .compose(locked -> frozen(tx, original.officeId(), original.month()))
                            .compose(frozen -> {
                                if (frozen) {
                                    return Future.failedFuture(PointsException.conflict("entryId", "the assessment of "
                                            + original.month() + " is approved and frozen; its entries stay as they are"));
                                }
                                return tx.preparedQuery("SELECT id FROM points_entries WHERE corrects_entry_id = $1")
                                        .execute(Tuple.of(entryId));
                            })
                            .compose(existing -> existing.size() > 0
                                    ? Future.failedFuture(PointsException.conflict("entryId", "entry " + entryId
                                            + " is already corrected by entry " + existing.iterator().next().getLong("id")))
                                    : insert(tx, Tuple.tuple().addValue(original.personId()).addValue(original.officeId())
                                            .addValue(original.month().atDay(1)).addValue(original.occurredOn())
                                            .addValue(PointsKind.CORRECTION.name()).addValue(1).addValue(-original.points())
                                            .addValue(reason).addValue(evidenceRef).addValue(null).addValue(entryId)
                                            .addValue(null).addValue(actor)));
                });
    }

    /** A person's entries, newest month first, in recording order within a month. */
    public Future<List<PointsEntry>> list(SqlClient client, UUID personId, java.util.Optional<YearMonth> month) {
        return client.preparedQuery("SELECT " + PointsEntry.COLUMNS + " FROM points_entries e WHERE e.person_id = $1"
                        + " AND ($2::date IS NULL OR e.month = $2) ORDER BY e.month DESC, e.id")
                .execute(Tuple.tuple().addValue(personId).addValue(month.map(m -> m.atDay(1)).orElse(null)))
                .map(PointsLedger::entries);
    }

    /**
     * Whether the office's assessment of {@code month} is approved (frozen). Share-locks the assessment,
     * so an approval (which recomputes the month under an exclusive lock) waits for this entry's
     * transaction and then counts the entry, or this waits for the approval and sees it frozen.
     */
    static Future<Boolean> frozen(SqlClient tx, UUID officeId, YearMonth month) {
        return tx.preparedQuery("SELECT status FROM assessments WHERE office_id = $1 AND month = $2 FOR SHARE")
                .execute(Tuple.of(officeId, month.atDay(1)))
                .map(rows -> rows.size() > 0 && "APPROVED".equals(rows.iterator().next().getString("status")));
    }

    private static Future<PointsEntry> insert(SqlClient tx, Tuple values) {
        return tx.preparedQuery(INSERT + " RETURNING id").execute(values)
                .compose(rows -> tx.preparedQuery("SELECT " + PointsEntry.COLUMNS + " FROM points_entries e WHERE e.id = $1")
                        .execute(Tuple.of(rows.iterator().next().getLong("id"))))
                .map(rows -> PointsEntry.fromRow(rows.iterator().next()));
    }

    private static List<PointsEntry> entries(RowSet<Row> rows) {
        List<PointsEntry> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(PointsEntry.fromRow(r));
        }
        return out;
    }
}
