package org.tether.server.watch;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.tether.server.alert.AlertRepository;
import org.tether.server.alert.AlertType;
import org.tether.server.config.TetherConfig.TierDurations;

/**
 * NO_SIGNAL (失联): no fix from any of the person's devices for the tier's period (严管 shortest). The silence is
 * measured from the newest fix (or, before any, from when the first device was bound); the alert is
 * stamped with the moment it fell due, which is also how a later scan knows this silence was already
 * alerted. A fix newer than that silence's start clears the condition (the alert stays for an officer).
 */
public final class NoSignalWatch implements Watch {

    /** Persons with a device, their last fix (or binding), when silent past their period; at most 1,000 a scan. */
    /**
     * Devices that count, per person in supervision: phones, and bracelets while an electronic-monitoring
     * order is in force (after the order ends, a bracelet's silence is not a violation: it is to be removed).
     * $1 now; $2, $3, $4 the strict, normal and lenient periods in seconds.
     */
    static final String WATCHED = """
            SELECT d.person_id, min(b.bound_at) AS bound_at,
                   make_interval(secs => CASE p.tier WHEN 'STRICT' THEN $2::float8 WHEN 'NORMAL' THEN $3::float8 ELSE $4::float8 END) AS period
              FROM devices d
              JOIN persons p ON p.id = d.person_id AND p.status = 'IN_SUPERVISION'
              JOIN device_bindings b ON b.device_id = d.id AND b.unbound_at IS NULL
             WHERE d.kind = 'PHONE'
                OR EXISTS (SELECT 1 FROM em_orders o WHERE o.person_id = d.person_id AND o.status = 'ACTIVE'
                              AND o.starts_at <= $1 AND o.ends_at > $1)
             GROUP BY d.person_id, p.tier""";

    /** Persons silent past their tier's period, from their newest fix (or binding); at most 1,000 a scan. */
    private static final String DUE = "WITH watched AS (" + WATCHED + """
            ), silence AS (
                SELECT w.person_id, w.period,
                       greatest(w.bound_at, (SELECT max(p.fix_time) FROM positions p WHERE p.person_id = w.person_id)) AS since
                  FROM watched w
            )
            SELECT person_id, since, since + period AS due_at, extract(epoch FROM period)::bigint AS period_s FROM silence s
             WHERE s.since + s.period <= $1
               AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.person_id = s.person_id AND a.dedup_key = 'NO_SIGNAL'
                                  AND a.last_seen >= s.since + s.period)
             LIMIT 1000""";

    /** A fix newer than the silence the alert was raised for ({@code last_seen} = its start + period). */
    private static final String CLEAR = """
            UPDATE alerts a SET condition_cleared_at = f.newest, updated_at = now()
              FROM (SELECT a2.id, (SELECT max(p.fix_time) FROM positions p WHERE p.person_id = a2.person_id) AS newest,
                           make_interval(secs => CASE s.tier WHEN 'STRICT' THEN $1::float8 WHEN 'NORMAL' THEN $2::float8 ELSE $3::float8 END) AS period
                      FROM alerts a2 JOIN persons s ON s.id = a2.person_id
                     WHERE a2.dedup_key = 'NO_SIGNAL' AND a2.state <> 'RESOLVED' AND a2.condition_cleared_at IS NULL) f
             WHERE a.id = f.id AND f.newest > a.last_seen - f.period""";

    private final AlertRepository alerts;
    private final TierDurations periods;

    public NoSignalWatch(AlertRepository alerts, TierDurations periods) {
        this.alerts = alerts;
        this.periods = periods;
    }

    @Override
    public String name() {
        return "no-signal";
    }

    @Override
    public Future<Integer> scan(SqlConnection tx, Instant now) {
        return tx.preparedQuery(CLEAR).execute(Tuple.of((double) periods.strict(), (double) periods.normal(),
                        (double) periods.lenient()))
                .compose(cleared -> tx.preparedQuery(DUE).execute(Tuple.of(now.atOffset(ZoneOffset.UTC),
                                (double) periods.strict(), (double) periods.normal(), (double) periods.lenient()))
                        .compose(rows -> Sequential.forEachRow(rows, r -> {
                            OffsetDateTime since = r.getOffsetDateTime("since");
                            OffsetDateTime due = r.getOffsetDateTime("due_at");
                            return alerts.raise(tx, r.getUUID("person_id"), AlertType.NO_SIGNAL,
                                    AlertType.NO_SIGNAL.defaultSeverity(), null, AlertType.NO_SIGNAL.name(),
                                    since.toInstant(), due.toInstant(),
                                    "no fix from any device since " + since.toInstant() + " ("
                                            + Duration.ofSeconds(r.getLong("period_s")).toMinutes() + " min allowed for the tier)");
                        }))
                        .map(n -> n + cleared.rowCount()));
    }
}
