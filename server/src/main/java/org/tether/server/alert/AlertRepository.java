package org.tether.server.alert;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Alert storage. Methods taking a {@link SqlClient} run inside the caller's transaction. */
public final class AlertRepository {

    /**
     * A repeat of a condition already open for the person: counted on that alert (latest rule text,
     * condition holding again, the new evidence appended up to 200 ids) instead of opening another.
     */
    private static String repeatOnOpen(String evidenceColumn) {
        return """
                ON CONFLICT (person_id, dedup_key) WHERE state <> 'RESOLVED' DO UPDATE
                   SET last_seen = greatest(alerts.last_seen, EXCLUDED.last_seen),
                       occurrences = alerts.occurrences + 1,
                       condition_cleared_at = NULL,
                       rule = EXCLUDED.rule,
                       %1$s = (alerts.%1$s || EXCLUDED.%1$s)[1:200],
                       updated_at = now()
                RETURNING\s""".formatted(evidenceColumn) + Alert.COLUMNS;
    }

    /** Opens (or repeats) the alert; the evidence is the person's fixes from {@code since} to {@code at}. */
    private static final String RAISE = """
            INSERT INTO alerts (person_id, type, severity, dedup_key, zone_id, first_seen, last_seen, rule,
                                evidence_position_ids)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
                    ARRAY(SELECT id FROM positions WHERE person_id = $1 AND fix_time BETWEEN $6 AND $7
                          ORDER BY fix_time LIMIT 100))
            """ + repeatOnOpen("evidence_position_ids");

    /** As {@link #RAISE}, for a condition reported by a device event: the evidence is the events. */
    private static final String RAISE_FROM_EVENT = """
            INSERT INTO alerts (person_id, type, severity, dedup_key, device_id, first_seen, last_seen, rule,
                                evidence_event_ids)
            VALUES ($1, $2, $3, $4, $5, $6, $6, $7, ARRAY[$8::bigint])
            """ + repeatOnOpen("evidence_event_ids");

    /** As {@link #RAISE}, for a device's condition seen in its own fixes (battery): evidence = that device's fixes. */
    private static final String RAISE_FOR_DEVICE = """
            INSERT INTO alerts (person_id, type, severity, dedup_key, device_id, first_seen, last_seen, rule,
                                evidence_position_ids)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
                    ARRAY(SELECT id FROM positions WHERE device_id = $5 AND fix_time BETWEEN $6 AND $7
                          ORDER BY fix_time LIMIT 100))
            """ + repeatOnOpen("evidence_position_ids");

    private static final String CLEAR = """
            UPDATE alerts SET condition_cleared_at = $3, updated_at = now()
             WHERE person_id = $1 AND dedup_key = $2 AND state <> 'RESOLVED' AND condition_cleared_at IS NULL
            RETURNING\s""" + Alert.COLUMNS;

    private final Pool pool;

    public AlertRepository(Pool pool) {
        this.pool = pool;
    }

    public static String dedupKey(AlertType type, UUID zoneId) {
        return zoneId == null ? type.name() : type.name() + ":" + zoneId;
    }

    public Future<Alert> raise(SqlClient tx, UUID personId, AlertType type, UUID zoneId, Instant since, Instant at,
                               String rule) {
        return raise(tx, personId, type, type.defaultSeverity(), zoneId, dedupKey(type, zoneId), since, at, rule);
    }

    /** Raises with an explicit severity and condition key (e.g. a possible crossing, kept apart from a confirmed entry). */
    public Future<Alert> raise(SqlClient tx, UUID personId, AlertType type, Severity severity, UUID zoneId,
                               String dedupKey, Instant since, Instant at, String rule) {
        return tx.preparedQuery(RAISE)
                .execute(Tuple.of(personId, type.name(), severity.name(), dedupKey, zoneId, utc(since), utc(at), rule))
                .map(rows -> Alert.fromRow(rows.iterator().next()));
    }

    public Future<Alert> raiseFromEvent(SqlClient tx, UUID personId, AlertType type, String deviceId, Instant at,
                                        long eventId, String rule) {
        return tx.preparedQuery(RAISE_FROM_EVENT)
                .execute(Tuple.tuple().addValue(personId).addValue(type.name()).addValue(type.defaultSeverity().name())
                        .addValue(deviceKey(type, deviceId)).addValue(deviceId).addValue(utc(at)).addValue(rule)
                        .addValue(eventId))
                .map(rows -> Alert.fromRow(rows.iterator().next()));
    }

    /** LEAVE_OVERDUE is per leave: each leave is reported back (销假) on its own. */
    public static String leaveKey(UUID leaveId) {
        return AlertType.LEAVE_OVERDUE.name() + ":" + leaveId;
    }

    public Future<Alert> raiseForDevice(SqlClient tx, UUID personId, AlertType type, String deviceId, Instant since,
                                        Instant at, String rule) {
        return tx.preparedQuery(RAISE_FOR_DEVICE)
                .execute(Tuple.tuple().addValue(personId).addValue(type.name()).addValue(type.defaultSeverity().name())
                        .addValue(deviceKey(type, deviceId)).addValue(deviceId).addValue(utc(since)).addValue(utc(at))
                        .addValue(rule))
                .map(rows -> Alert.fromRow(rows.iterator().next()));
    }

    /** One open alert per device and type for device conditions (a person may wear two devices). */
    public static String deviceKey(AlertType type, String deviceId) {
        return type.name() + ":device:" + deviceId;
    }

    public Future<Optional<Alert>> clearCondition(SqlClient tx, UUID personId, String dedupKey, Instant at) {
        return tx.preparedQuery(CLEAR)
                .execute(Tuple.of(personId, dedupKey, utc(at)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Alert.fromRow(rows.iterator().next())));
    }

    /** Marks the open alert's condition as ended; empty when no open alert had it. */
    public Future<Optional<Alert>> clearCondition(SqlClient tx, UUID personId, AlertType type, UUID zoneId, Instant at) {
        return clearCondition(tx, personId, dedupKey(type, zoneId), at);
    }

    /**
     * What the alert queue may ask for; empty = any.
     *
     * @param offices only alerts of persons of these offices (the caller's, or the one asked for)
     * @param byPriority most severe first, then the newest occurrence; else the most recently changed first
     */
    public record QueueFilter(UUID[] offices, Optional<AlertState> state, Optional<UUID> personId,
                              Optional<Boolean> escalated, List<AlertType> types, List<Severity> severities,
                              boolean byPriority, int limit) {
    }

    /** An alert with whom it concerns, as the queue lists it. */
    public record QueuedAlert(Alert alert, String personName, UUID officeId) {

        public io.vertx.core.json.JsonObject toJson() {
            return alert.toJson().put("personName", personName).put("officeId", officeId.toString());
        }
    }

    /** The queue: the person's name and office come with each alert (one join, not one request per row). */
    public Future<List<QueuedAlert>> queue(QueueFilter f) {
        String order = f.byPriority()
                ? "CASE severity WHEN 'CRITICAL' THEN 4 WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 ELSE 1 END DESC,"
                        + " last_seen DESC, id DESC"
                : "updated_at DESC, id DESC";
        // The LATERAL subquery brings only the two person columns, so Alert.COLUMNS stay unambiguous.
        return pool.preparedQuery("SELECT " + Alert.COLUMNS + ", person_name, person_office FROM alerts a"
                        + " CROSS JOIN LATERAL (SELECT display_name AS person_name, office_id AS person_office"
                        + "                       FROM persons WHERE id = a.person_id) p"
                        + " WHERE person_office = ANY($4)"
                        + " AND ($1::text IS NULL OR state = $1) AND ($2::uuid IS NULL OR person_id = $2)"
                        + " AND ($5::boolean IS NULL OR (escalated_at IS NOT NULL) = $5)"
                        + " AND ($6::text[] IS NULL OR type = ANY($6)) AND ($7::text[] IS NULL OR severity = ANY($7))"
                        + " ORDER BY " + order + " LIMIT $3")
                .execute(Tuple.of(f.state().map(Enum::name).orElse(null), f.personId().orElse(null), f.limit(), f.offices(),
                        f.escalated().orElse(null), names(f.types()), names(f.severities())))
                .map(rows -> {
                    List<QueuedAlert> out = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        out.add(new QueuedAlert(Alert.fromRow(r), r.getString("person_name"), r.getUUID("person_office")));
                    }
                    return out;
                });
    }

    private static String[] names(List<? extends Enum<?>> values) {
        return values.isEmpty() ? null : values.stream().map(Enum::name).toArray(String[]::new);
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
