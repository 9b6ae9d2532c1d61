package org.tether.server.watch;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import org.tether.server.alert.AlertRepository;
import org.tether.server.alert.AlertType;

/**
 * MISSED_CHECK_IN (未按时报到): a check-in window of a person with an enrolled phone closed without a
 * check-in in it. One alert per window, ever (the key names the window), so a restart or a second
 * instance never raises it twice. Windows come from {@code check_in_windows} (the person's, office's
 * or default schedule for their tier, Asia/Shanghai days); only windows that closed after the person's
 * first enrolment and after the schedule took effect count, and at most 7 days back.
 */
public final class MissedCheckInWatch implements Watch {

    static final String ENROLLED = """
            enrolled AS (SELECT e.person_id, min(e.created_at) AS since
                           FROM phone_enrolments e JOIN persons p ON p.id = e.person_id AND p.status = 'IN_SUPERVISION'
                          GROUP BY e.person_id HAVING bool_or(e.revoked_at IS NULL))""";

    private static final String DUE = "WITH " + ENROLLED + """
            , due AS (SELECT en.person_id, w.opens_at, w.closes_at,
                             'MISSED_CHECK_IN:' || to_char(w.opens_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS dedup_key
                        FROM enrolled en, LATERAL check_in_windows(en.person_id, $1::timestamptz - interval '7 days', $1::timestamptz) w
                       WHERE w.closes_at <= $1 AND w.closes_at > greatest(en.since, w.effective_from)
                         AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.person_id = en.person_id
                                            AND c.window_opens_at IS NOT NULL
                                            AND c.received_at >= w.opens_at AND c.received_at < w.closes_at))
            SELECT d.* FROM due d
             WHERE NOT EXISTS (SELECT 1 FROM alerts a WHERE a.person_id = d.person_id AND a.dedup_key = d.dedup_key)
             ORDER BY d.closes_at LIMIT 1000""";

    private final AlertRepository alerts;

    public MissedCheckInWatch(AlertRepository alerts) {
        this.alerts = alerts;
    }

    @Override
    public String name() {
        return "missed-check-in";
    }

    @Override
    public Future<Integer> scan(SqlConnection tx, Instant now) {
        return tx.preparedQuery(DUE).execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
                .compose(rows -> Sequential.forEachRow(rows, r -> alerts.raise(tx, r.getUUID("person_id"),
                        AlertType.MISSED_CHECK_IN, AlertType.MISSED_CHECK_IN.defaultSeverity(), null,
                        r.getString("dedup_key"), r.getOffsetDateTime("opens_at").toInstant(),
                        r.getOffsetDateTime("closes_at").toInstant(),
                        "no check-in (定期报到) in the window " + r.getOffsetDateTime("opens_at").toInstant() + " – "
                                + r.getOffsetDateTime("closes_at").toInstant())));
    }
}
