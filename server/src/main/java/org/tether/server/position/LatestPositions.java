package org.tether.server.position;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tether.server.config.TetherConfig.TierDurations;

/**
 * The live map's read: every person in supervision of some offices at their newest accepted fix, with their
 * open alerts, in one statement. The newest fix is one backward step on {@code positions_person_time} per
 * person (a LATERAL … LIMIT 1), so the cost grows with the number of persons, not of stored fixes
 * (measured in {@code PositionsApiTest}: 5,000 persons × 100 fixes well under a second).
 */
public final class LatestPositions {

    /**
     * How far before the client's {@code since} we look: a fix is stamped when received but visible only when
     * its batch commits, so a change committed just after the previous read may carry an earlier time.
     * Re-sending a few unchanged persons is harmless; missing one is not.
     */
    static final Duration COMMIT_LAG = Duration.ofSeconds(10);

    /** $1 offices; $2 since (null = all); $3, $4, $5 the strict, normal and lenient no-signal periods in seconds. */
    private static final String READ = """
            WITH scope AS (
                SELECT p.id, p.display_name, p.office_id, p.tier, p.updated_at
                  FROM persons p
                 WHERE p.status = 'IN_SUPERVISION' AND p.office_id = ANY($1)
            ), open_alerts AS (
                SELECT a.person_id, count(*)::int AS n,
                       max(CASE a.severity WHEN 'CRITICAL' THEN 4 WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 ELSE 1 END) AS top,
                       bool_or(a.type = 'NO_SIGNAL') AS no_signal, bool_or(a.type <> 'NO_SIGNAL') AS other
                  FROM alerts a
                 WHERE a.state <> 'RESOLVED' AND a.person_id IN (SELECT id FROM scope)
                 GROUP BY a.person_id
            ), alert_changes AS (
                SELECT a.person_id, max(a.updated_at) AS at
                  FROM alerts a
                 WHERE $2::timestamptz IS NOT NULL AND a.updated_at > $2
                 GROUP BY a.person_id
            )
            SELECT s.id, s.display_name, s.office_id, s.updated_at, f.device_id, d.kind AS device_kind, f.fix_time,
                   f.received_at, ST_Y(f.geom) AS lat, ST_X(f.geom) AS lon, f.accuracy_m,
                   coalesce(o.n, 0) AS open_alerts, o.top, coalesce(o.no_signal, false) AS no_signal_alert,
                   coalesce(o.other, false) AS other_alert, c.at AS alert_changed_at,
                   CASE s.tier WHEN 'STRICT' THEN $3::bigint WHEN 'NORMAL' THEN $4::bigint ELSE $5::bigint END AS period_s,
                   now() AS as_of
              FROM scope s
              LEFT JOIN LATERAL (SELECT x.device_id, x.fix_time, x.received_at, x.geom, x.accuracy_m
                                   FROM positions x
                                  WHERE x.person_id = s.id AND x.fix_class = 'ACCEPTED'
                                  ORDER BY x.fix_time DESC LIMIT 1) f ON true
              LEFT JOIN devices d ON d.id = f.device_id
              LEFT JOIN open_alerts o ON o.person_id = s.id
              LEFT JOIN alert_changes c ON c.person_id = s.id
             ORDER BY s.id""";

    /** Persons who left these offices' supervision since then: the map removes their markers. */
    private static final String ENDED = """
            SELECT id FROM persons
             WHERE office_id = ANY($1) AND status <> 'IN_SUPERVISION' AND updated_at > $2 ORDER BY id""";

    private static final String[] SEVERITIES = {null, "LOW", "MEDIUM", "HIGH", "CRITICAL"};

    private final TierDurations noSignal;

    public LatestPositions(TierDurations noSignal) {
        this.noSignal = noSignal;
    }

    /** What one read returns: the database's time of the read (the next {@code since}) and the persons. */
    public record Snapshot(Instant asOf, List<PersonPosition> items, List<UUID> ended) {
    }

    public Future<Snapshot> read(SqlClient client, UUID[] offices, Optional<Instant> since) {
        OffsetDateTime after = since.map(s -> s.minus(COMMIT_LAG).atOffset(ZoneOffset.UTC)).orElse(null);
        Future<List<UUID>> ended = after == null ? Future.succeededFuture(List.of())
                : client.preparedQuery(ENDED).execute(Tuple.of(offices, after)).map(rows -> {
                    List<UUID> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getUUID("id")));
                    return out;
                });
        return ended.compose(gone -> client.preparedQuery(READ)
                .execute(Tuple.of(offices, after, noSignal.strict(), noSignal.normal(), noSignal.lenient()))
                .map(rows -> {
                    Instant asOf = null;
                    List<PersonPosition> items = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        asOf = r.getOffsetDateTime("as_of").toInstant();
                        PersonPosition p = position(r, asOf);
                        if (after == null || p.changedAt().isAfter(after.toInstant())) {
                            items.add(p);
                        }
                    }
                    return new Snapshot(asOf == null ? Instant.now() : asOf, items, gone);
                }));
    }

    private static PersonPosition position(Row r, Instant now) {
        Instant fixTime = instant(r, "fix_time");
        Duration period = Duration.ofSeconds(r.getLong("period_s"));
        MapStatus status = MapStatus.of(fixTime, r.getBoolean("no_signal_alert"), r.getBoolean("other_alert"), period, now);
        Instant changed = latest(instant(r, "updated_at"), instant(r, "received_at"), instant(r, "alert_changed_at"));
        if (fixTime != null && !fixTime.plus(period).isAfter(now)) {
            // Silence turns into NO_SIGNAL by the clock alone: that moment is a change too.
            changed = latest(changed, fixTime.plus(period));
        }
        Integer top = r.getInteger("top");
        Float accuracy = r.getFloat("accuracy_m");
        return new PersonPosition(r.getUUID("id"), r.getString("display_name"), r.getUUID("office_id"),
                r.getDouble("lat"), r.getDouble("lon"), accuracy == null ? null : accuracy.doubleValue(), fixTime,
                r.getString("device_id"), r.getString("device_kind"), status, r.getInteger("open_alerts"),
                top == null ? null : SEVERITIES[top], changed);
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant latest(Instant... times) {
        Instant out = Instant.EPOCH;
        for (Instant t : times) {
            if (t != null && t.isAfter(out)) {
                out = t;
            }
        }
        return out;
    }
}
