package org.tether.server.points;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tether.server.registry.SupervisionTier;

/**
 * 每月一考核: closes an office's month. Computes every person's score (base + the month's entries) and
 * grade, stores them, and records what the rules propose. Closing again before approval recomputes the
 * same from the same ledger (a row changes only if its inputs did) and proposes nothing twice; a
 * pending proposal whose ground has gone (e.g. its reprimand was corrected) is withdrawn. Approval
 * recomputes once more under the same lock and freezes the month (the database refuses later changes).
 */
public final class MonthlyClose {

    /** Persons of the office under correction during the month (month start $2, month end $3). */
    private static final String MONTH_RESULTS = """
            WITH people AS (
                SELECT p.id, p.tier FROM persons p
                 WHERE p.office_id = $1
                   AND coalesce(p.correction_starts_on, (p.created_at AT TIME ZONE 'Asia/Shanghai')::date) <= $3
                   AND (p.status = 'IN_SUPERVISION' OR p.ended_on IS NULL OR p.ended_on >= $2)),
            month_entries AS (
                SELECT e.person_id, sum(e.points)::int AS points, count(*)::int AS entries,
                       (count(*) FILTER (WHERE e.kind IN ('REPRIMAND', 'WARNING', 'PUBLIC_SECURITY_PENALTY')
                            AND NOT EXISTS (SELECT 1 FROM points_entries c WHERE c.corrects_entry_id = e.id)))::int AS sanctions
                  FROM points_entries e
                 WHERE e.month = $2 AND e.person_id IN (SELECT id FROM people)
                 GROUP BY e.person_id)
            SELECT people.id, people.tier, coalesce(m.points, 0) AS points, coalesce(m.entries, 0) AS entries,
                   coalesce(m.sanctions, 0) AS sanctions
              FROM people LEFT JOIN month_entries m ON m.person_id = people.id
             ORDER BY people.id
            """;

    private static final String UPSERT_RESULT = """
            INSERT INTO assessment_results (office_id, month, person_id, base, points, score, grade, sanctions, entries, tier)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (office_id, month, person_id) DO UPDATE
               SET base = EXCLUDED.base, points = EXCLUDED.points, score = EXCLUDED.score, grade = EXCLUDED.grade,
                   sanctions = EXCLUDED.sanctions, entries = EXCLUDED.entries, tier = EXCLUDED.tier
             WHERE (assessment_results.base, assessment_results.points, assessment_results.score, assessment_results.grade,
                    assessment_results.sanctions, assessment_results.entries, assessment_results.tier)
                   IS DISTINCT FROM (EXCLUDED.base, EXCLUDED.points, EXCLUDED.score, EXCLUDED.grade, EXCLUDED.sanctions,
                                     EXCLUDED.entries, EXCLUDED.tier)
            """;

    private static final String UPSERT_PROPOSAL = """
            INSERT INTO proposals (person_id, office_id, month, rule, kind, proposed_tier, proposed_sanction, basis)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (person_id, month, rule) DO UPDATE SET status = 'PENDING', basis = EXCLUDED.basis,
                   proposed_tier = EXCLUDED.proposed_tier, proposed_sanction = EXCLUDED.proposed_sanction
             WHERE proposals.status = 'WITHDRAWN'
            """;

    private final PointsRules points;
    private final ProposalRules proposals;
    private final Clock clock;

    public MonthlyClose(PointsRules points, ProposalRules proposals, Clock clock) {
        this.points = points;
        this.proposals = proposals;
        this.clock = clock;
    }

    /** Closes (or closes again) the office's month; fails with 409 before the close day or once approved. */
    public Future<JsonObject> close(SqlClient tx, UUID officeId, YearMonth month, UUID actor) {
        LocalDate from = AssessmentMonth.closableFrom(month, points.config().closeDay());
        if (AssessmentMonth.today(clock).isBefore(from)) {
            return Future.failedFuture(PointsException.conflict("month", "the assessment of " + month
                    + " can be closed from " + from + " (points.closeDay " + points.config().closeDay() + ")"));
        }
        return tx.preparedQuery("SELECT kind FROM offices WHERE id = $1").execute(Tuple.of(officeId))
                .compose(office -> office.size() == 1 && "JUSTICE_OFFICE".equals(office.iterator().next().getString("kind"))
                        ? Future.succeededFuture()
                        : Future.<Void>failedFuture(PointsException.unprocessable("officeId", "persons are assessed by"
                                + " their justice office; " + officeId + " is not one")))
                .compose(v -> tx.preparedQuery("""
                        INSERT INTO assessments (office_id, month, status, closed_by) VALUES ($1, $2, 'CLOSED', $3)
                        ON CONFLICT (office_id, month) DO NOTHING RETURNING status""")
                .execute(Tuple.of(officeId, month.atDay(1), actor)))
                .compose(inserted -> inserted.size() == 1 ? Future.succeededFuture()
                        : lockOpen(tx, officeId, month).compose(v -> tx.preparedQuery("""
                                        UPDATE assessments SET closed_at = now(), closed_by = $3, closings = closings + 1
                                         WHERE office_id = $1 AND month = $2""")
                                .execute(Tuple.of(officeId, month.atDay(1), actor)).mapEmpty()))
                .compose(v -> compute(tx, officeId, month))
                .compose(v -> get(tx, officeId, month).map(Optional::orElseThrow));
    }

    /** A county supervisor's approval: recomputes the closed month one last time and freezes it. */
    public Future<JsonObject> approve(SqlClient tx, UUID officeId, YearMonth month, UUID actor) {
        return tx.preparedQuery("SELECT status FROM assessments WHERE office_id = $1 AND month = $2 FOR UPDATE")
                .execute(Tuple.of(officeId, month.atDay(1)))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(PointsException.conflict("month", "the assessment of " + month
                                + " is not closed yet; close it first"));
                    }
                    if ("APPROVED".equals(rows.iterator().next().getString("status"))) {
                        return Future.failedFuture(PointsException.conflict("month", "the assessment of " + month
                                + " is already approved"));
                    }
                    return compute(tx, officeId, month);
                })
                .compose(v -> tx.preparedQuery("""
                                UPDATE assessments SET status = 'APPROVED', approved_at = now(), approved_by = $3
                                 WHERE office_id = $1 AND month = $2""")
                        .execute(Tuple.of(officeId, month.atDay(1), actor)))
                .compose(v -> get(tx, officeId, month).map(Optional::orElseThrow));
    }

    private static Future<Void> lockOpen(SqlClient tx, UUID officeId, YearMonth month) {
        return tx.preparedQuery("SELECT status FROM assessments WHERE office_id = $1 AND month = $2 FOR UPDATE")
                .execute(Tuple.of(officeId, month.atDay(1)))
                .compose(rows -> "APPROVED".equals(rows.iterator().next().getString("status"))
                        ? Future.failedFuture(PointsException.conflict("month", "the assessment of " + month
                                + " is approved and frozen"))
                        : Future.succeededFuture());
    }

    private Future<Void> compute(SqlClient tx, UUID officeId, YearMonth month) {
        LocalDate start = month.atDay(1);
        return tx.preparedQuery(MONTH_RESULTS).execute(Tuple.of(officeId, start, month.atEndOfMonth()))
                .compose(rows -> {
                    List<AssessmentResult> results = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        int pts = r.getInteger("points");
                        int score = points.baseScore() + pts;
                        int sanctions = r.getInteger("sanctions");
                        results.add(new AssessmentResult(r.getUUID("id"), SupervisionTier.valueOf(r.getString("tier")),
                                points.baseScore(), pts, score, points.grade(score, sanctions), sanctions,
                                r.getInteger("entries")));
                    }
                    UUID[] persons = results.stream().map(AssessmentResult::personId).toArray(UUID[]::new);
                    Future<Void> stored = results.isEmpty() ? Future.succeededFuture()
                            : tx.preparedQuery(UPSERT_RESULT).executeBatch(results.stream().map(a -> Tuple.tuple()
                                    .addValue(officeId).addValue(start).addValue(a.personId()).addValue(a.base())
                                    .addValue(a.points()).addValue(a.score()).addValue(a.grade().name())
                                    .addValue(a.sanctions()).addValue(a.entries()).addValue(a.tier().name())).toList())
                                    .mapEmpty();
                    return stored
                            .compose(v -> tx.preparedQuery("DELETE FROM assessment_results WHERE office_id = $1 AND month = $2"
                                    + " AND NOT (person_id = ANY($3))").execute(Tuple.of(officeId, start, persons)))
                            .compose(v -> facts(tx, month, persons))
                            .compose(facts -> propose(tx, officeId, month, results, facts));
                });
    }

    private Future<Void> propose(SqlClient tx, UUID officeId, YearMonth month, List<AssessmentResult> results,
                                 Map<UUID, ProposalFacts> facts) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<ProposedAction> actions = new ArrayList<>();
        for (AssessmentResult r : results) {
            actions.addAll(proposals.propose(month, r, facts.getOrDefault(r.personId(), ProposalFacts.none()), now));
        }
        LocalDate start = month.atDay(1);
        Future<Void> upserted = actions.isEmpty() ? Future.succeededFuture()
                : tx.preparedQuery(UPSERT_PROPOSAL).executeBatch(actions.stream().map(a -> Tuple.tuple()
                        .addValue(a.personId()).addValue(officeId).addValue(start).addValue(a.rule().name())
                        .addValue(a.kind()).addValue(a.tier() == null ? null : a.tier().name())
                        .addValue(a.sanction() == null ? null : a.sanction().name()).addValue(a.basis())).toList())
                        .mapEmpty();
        String[] keep = actions.stream().map(a -> a.personId() + "/" + a.rule()).toArray(String[]::new);
        return upserted.compose(v -> tx.preparedQuery("""
                        UPDATE proposals SET status = 'WITHDRAWN'
                         WHERE office_id = $1 AND month = $2 AND status = 'PENDING'
                           AND NOT ((person_id::text || '/' || rule) = ANY($3))""")
                .execute(Tuple.of(officeId, start, keep)).mapEmpty());
    }

    /** The earlier grades, reprimands, warnings and lost-contact conditions of the month's persons. */
    private Future<Map<UUID, ProposalFacts>> facts(SqlClient tx, YearMonth month, UUID[] persons) {
        Map<UUID, Map<YearMonth, Grade>> grades = new HashMap<>();
        Map<UUID, List<LocalDate>> reprimands = new HashMap<>();
        Map<UUID, LocalDate> warnings = new HashMap<>();
        Map<UUID, List<ProposalFacts.LostContact>> lost = new HashMap<>();
        LocalDate start = month.atDay(1);
        LocalDate end = month.atEndOfMonth();
        ProposalRules r = proposals;
        return tx.preparedQuery("""
                        SELECT person_id, month, grade FROM assessment_results
                         WHERE person_id = ANY($1) AND month < $2 AND month >= $3""")
                .execute(Tuple.of(persons, start, month.minusMonths(r.monthsOfHistory()).atDay(1)))
                .compose(rows -> {
                    for (Row row : rows) {
                        // Two offices in one month (a transfer): the worse grade stands.
                        grades.computeIfAbsent(row.getUUID("person_id"), k -> new HashMap<>())
                                .merge(YearMonth.from(row.getLocalDate("month")), Grade.valueOf(row.getString("grade")),
                                        (a, b) -> a.ordinal() >= b.ordinal() ? a : b);
                    }
                    return tx.preparedQuery("""
                                    SELECT e.person_id, e.kind, e.occurred_on FROM points_entries e
                                     WHERE e.person_id = ANY($1) AND e.kind IN ('REPRIMAND', 'WARNING')
                                       AND e.occurred_on <= $2 AND e.occurred_on > $2 - $3::int
                                       AND NOT EXISTS (SELECT 1 FROM points_entries c WHERE c.corrects_entry_id = e.id)""")
                            .execute(Tuple.of(persons, end, r.config().reprimandWindowDays()));
                })
                .compose(rows -> {
                    for (Row row : rows) {
                        UUID p = row.getUUID("person_id");
                        LocalDate d = row.getLocalDate("occurred_on");
                        if ("REPRIMAND".equals(row.getString("kind"))) {
                            reprimands.computeIfAbsent(p, k -> new ArrayList<>()).add(d);
                        } else {
                            warnings.merge(p, d, (a, b) -> a.isAfter(b) ? a : b);
                        }
                    }
                    // Conditions that could have passed the threshold during the month.
                    return tx.preparedQuery("""
                                    SELECT id, person_id, first_seen, coalesce(condition_cleared_at, resolved_at) AS until
                                      FROM alerts
                                     WHERE person_id = ANY($1) AND type IN ('NO_SIGNAL', 'SUSPECTED_ABSCONDING')
                                       AND (resolution IS NULL OR resolution NOT IN ('FALSE_ALARM', 'DEVICE_FAULT'))
                                       AND first_seen < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
                                       AND coalesce(condition_cleared_at, resolved_at, now())
                                           >= $3::timestamp AT TIME ZONE 'Asia/Shanghai'
                                     ORDER BY first_seen""")
                            .execute(Tuple.of(persons, end, start.atStartOfDay()));
                })
                .map(rows -> {
                    for (Row row : rows) {
                        lost.computeIfAbsent(row.getUUID("person_id"), k -> new ArrayList<>()).add(
                                new ProposalFacts.LostContact(row.getLong("id"), row.getOffsetDateTime("first_seen"),
                                        row.getOffsetDateTime("until")));
                    }
                    Map<UUID, ProposalFacts> out = new HashMap<>();
                    for (UUID p : persons) {
                        out.put(p, new ProposalFacts(grades.getOrDefault(p, Map.of()), reprimands.getOrDefault(p, List.of()),
                                Optional.ofNullable(warnings.get(p)), lost.getOrDefault(p, List.of())));
                    }
                    return out;
                });
    }

    /** The office's month: its state, every person's result (names and the minor flag for staff) and proposals. */
    public Future<Optional<JsonObject>> get(SqlClient client, UUID officeId, YearMonth month) {
        LocalDate start = month.atDay(1);
        return client.preparedQuery("""
                        SELECT status, first_closed_at, closed_at, closed_by, closings, approved_at, approved_by
                          FROM assessments WHERE office_id = $1 AND month = $2""")
                .execute(Tuple.of(officeId, start))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture(Optional.empty());
                    }
                    Row a = rows.iterator().next();
                    JsonObject json = new JsonObject().put("officeId", officeId.toString()).put("month", month.toString())
                            .put("status", a.getString("status"))
                            .put("firstClosedAt", a.getOffsetDateTime("first_closed_at").toInstant().toString())
                            .put("closedAt", a.getOffsetDateTime("closed_at").toInstant().toString())
                            .put("closedBy", str(a.getUUID("closed_by")))
                            .put("closings", a.getInteger("closings"))
                            .put("approvedAt", a.getOffsetDateTime("approved_at") == null ? null
                                    : a.getOffsetDateTime("approved_at").toInstant().toString())
                            .put("approvedBy", str(a.getUUID("approved_by")));
                    return client.preparedQuery("""
                                    SELECT r.*, p.display_name, p.minor FROM assessment_results r JOIN persons p ON p.id = r.person_id
                                     WHERE r.office_id = $1 AND r.month = $2 ORDER BY r.score DESC, p.display_name, r.person_id""")
                            .execute(Tuple.of(officeId, start))
                            .compose(results -> {
                                JsonArray items = new JsonArray();
                                for (Row r : results) {
                                    items.add(new AssessmentResult(r.getUUID("person_id"),
                                            SupervisionTier.valueOf(r.getString("tier")), r.getInteger("base"),
                                            r.getInteger("points"), r.getInteger("score"), Grade.valueOf(r.getString("grade")),
                                            r.getInteger("sanctions"), r.getInteger("entries")).toJson()
                                            .put("displayName", r.getString("display_name")).put("minor", r.getBoolean("minor")));
                                }
                                json.put("results", items);
                                return Proposals.list(client, officeId, Optional.of(month), Optional.empty());
                            })
                            .map(list -> Optional.of(json.put("proposals", new JsonArray(list))));
                });
    }

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }
}
