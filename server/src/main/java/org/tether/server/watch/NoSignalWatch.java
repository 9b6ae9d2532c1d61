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
 * NO_SIGNAL (失联): no fix from any of the person's devices for the tier's period. The silence is
 * measured from the newest fix (or, before any, from when the first device was bound); the alert is
 * stamped with the moment it fell due, which is also how a later scan knows this silence was already
 * alerted. A fix newer than that silence's start clears the condition (the alert stays for an officer).
 */
public final class NoSignalWatch implements Watch {

    /** Persons with a device, their last fix (or binding), when silent past their period; at most 1,000 a scan. */
    private static final String DUE = """
            WITH bound AS (
                SELECT person_id, min(created_at) AS bound_at FROM devices WHERE person_id IS NOT NULL GROUP BY person_id
            ), silence AS (
                SELECT b.person_id,
                       greatest(b.bound_at, (SELECT max(p.fix_time) FROM positions p WHERE p.person_id = b.person_id)) AS since,
                       make_interval(secs => $2) AS period
                  FROM bound b
            )
            SELECT person_id, since, since + period AS due_at FROM silence s
             WHERE s.since + s.period <= $1
               AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.person_id = s.person_id AND a.dedup_key = 'NO_SIGNAL'
                                  AND a.last_seen >= s.since + s.period)
             LIMIT 1000""";

    private static final String CLEAR = """
            UPDATE alerts a SET condition_cleared_at = f.newest, updated_at = now()
              FROM (SELECT a2.id, (SELECT max(p.fix_time) FROM positions p WHERE p.person_id = a2.person_id) AS newest
                      FROM alerts a2
                     WHERE a2.dedup_key = 'NO_SIGNAL' AND a2.state <> 'RESOLVED' AND a2.condition_cleared_at IS NULL) f
             WHERE a.id = f.id AND f.newest > a.last_seen - make_interval(secs => $1)""";

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
        long period = periods.normal();
        return tx.preparedQuery(CLEAR).execute(Tuple.of((double) period))
                .compose(cleared -> tx.preparedQuery(DUE).execute(Tuple.of(now.atOffset(ZoneOffset.UTC), (double) period))
                        .compose(rows -> Sequential.forEachRow(rows, r -> {
                            OffsetDateTime since = r.getOffsetDateTime("since");
                            OffsetDateTime due = r.getOffsetDateTime("due_at");
                            return alerts.raise(tx, r.getUUID("person_id"), AlertType.NO_SIGNAL,
                                    AlertType.NO_SIGNAL.defaultSeverity(), null, AlertType.NO_SIGNAL.name(),
                                    since.toInstant(), due.toInstant(),
                                    "no fix from any device since " + since.toInstant() + " ("
                                            + Duration.ofSeconds(period).toMinutes() + " min allowed)");
                        }))
                        .map(n -> n + cleared.rowCount()));
    }
}
