package org.tether.server.watch;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.tether.server.alert.Alert;
import org.tether.server.alert.AlertRepository;
import org.tether.server.alert.AlertType;
import org.tether.server.procuratorate.NotificationKind;
import org.tether.server.procuratorate.ProcuratorateNotifications;

/**
 * SUSPECTED_ABSCONDING (疑似脱管): no contact at all — no fix and no device event — for a long period,
 * or out of area (the condition still holding) for hours. Both reasons share one open alert per
 * person. Raising it records the notification the procuratorate is owed (law Art. 30) in the same
 * transaction. The condition clears once the person is heard from again and is no longer out of area.
 */
public final class AbscondingWatch implements Watch {

    private static final String KEY = AlertType.SUSPECTED_ABSCONDING.name();

    /** The same devices as NO_SIGNAL counts (all periods = $2 here), heard from by fix or by event. */
    private static final String NO_CONTACT = "WITH watched AS (" + NoSignalWatch.WATCHED + """
            ), silence AS (
                SELECT w.person_id,
                       greatest(w.bound_at,
                                (SELECT max(p.fix_time) FROM positions p WHERE p.person_id = w.person_id),
                                (SELECT max(e.event_time) FROM device_events e WHERE e.person_id = w.person_id)) AS since
                  FROM watched w
            )
            SELECT person_id, since, since + make_interval(secs => $2) AS due_at FROM silence s
             WHERE s.since + make_interval(secs => $2) <= $1
               AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.person_id = s.person_id AND a.dedup_key = 'SUSPECTED_ABSCONDING'
                                  AND a.last_seen >= s.since + make_interval(secs => $2))
             LIMIT 1000""";

    /** An out-of-area episode starts at the alert's last (re)confirmation: {@code last_seen}. */
    private static final String LONG_OUT_OF_AREA = """
            SELECT o.person_id, o.id AS out_of_area_id, o.last_seen AS since, o.last_seen + make_interval(secs => $2) AS due_at
              FROM alerts o
             WHERE o.type = 'OUT_OF_AREA' AND o.state <> 'RESOLVED' AND o.condition_cleared_at IS NULL
               AND o.last_seen + make_interval(secs => $2) <= $1
               AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.person_id = o.person_id AND a.dedup_key = 'SUSPECTED_ABSCONDING'
                                  AND a.last_seen >= o.last_seen + make_interval(secs => $2))
             LIMIT 1000""";

    private static final String CLEAR = """
            UPDATE alerts a SET condition_cleared_at = now(), updated_at = now()
             WHERE a.dedup_key = 'SUSPECTED_ABSCONDING' AND a.state <> 'RESOLVED' AND a.condition_cleared_at IS NULL
               AND (SELECT max(p.fix_time) FROM positions p WHERE p.person_id = a.person_id)
                   > a.last_seen - make_interval(secs => $1)
               AND NOT EXISTS (SELECT 1 FROM alerts o WHERE o.person_id = a.person_id AND o.type = 'OUT_OF_AREA'
                                  AND o.state <> 'RESOLVED' AND o.condition_cleared_at IS NULL)""";

    private final AlertRepository alerts;
    private final ProcuratorateNotifications notifications;
    private final long noContactSeconds;
    private final long outOfAreaSeconds;

    public AbscondingWatch(AlertRepository alerts, ProcuratorateNotifications notifications, long noContactSeconds,
                           long outOfAreaSeconds) {
        this.alerts = alerts;
        this.notifications = notifications;
        this.noContactSeconds = noContactSeconds;
        this.outOfAreaSeconds = outOfAreaSeconds;
    }

    @Override
    public String name() {
        return "suspected-absconding";
    }

    @Override
    public Future<Integer> scan(SqlConnection tx, Instant now) {
        Object at = now.atOffset(ZoneOffset.UTC);
        return tx.preparedQuery(CLEAR).execute(Tuple.of((double) noContactSeconds))
                .compose(cleared -> tx.preparedQuery(NO_CONTACT).execute(Tuple.of(at, (double) noContactSeconds,
                                (double) noContactSeconds, (double) noContactSeconds))
                        .compose(rows -> Sequential.forEachRow(rows, r -> raise(tx, r,
                                "no fix and no device event since " + since(r) + " ("
                                        + hours(noContactSeconds) + " h allowed)")))
                        .compose(a -> tx.preparedQuery(LONG_OUT_OF_AREA).execute(Tuple.of(at, (double) outOfAreaSeconds))
                                .compose(rows -> Sequential.forEachRow(rows, r -> raise(tx, r,
                                        "out of area since " + since(r) + " (alert " + r.getLong("out_of_area_id")
                                                + "), more than " + hours(outOfAreaSeconds) + " h")))
                                .map(b -> a + b + cleared.rowCount())));
    }

    private Future<Boolean> raise(SqlConnection tx, Row r, String rule) {
        UUID person = r.getUUID("person_id");
        return alerts.raise(tx, person, AlertType.SUSPECTED_ABSCONDING, AlertType.SUSPECTED_ABSCONDING.defaultSeverity(),
                        null, KEY, r.getOffsetDateTime("since").toInstant(), r.getOffsetDateTime("due_at").toInstant(), rule)
                .compose((Alert alert) -> notifications.recordForAlert(tx, alert, NotificationKind.SUSPECTED_ABSCONDING, rule,
                        r.getOffsetDateTime("due_at"), null))
                .map(recorded -> true);
    }

    private static Instant since(Row r) {
        return r.getOffsetDateTime("since").toInstant();
    }

    private static String hours(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        return d.toMinutes() % 60 == 0 ? Long.toString(d.toHours()) : String.format("%.1f", seconds / 3600.0);
    }
}
