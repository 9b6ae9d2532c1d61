package org.tether.server.watch;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import org.tether.server.alert.AlertRepository;
import org.tether.server.alert.AlertType;

/**
 * PROCURATORATE_UNDELIVERED (检察通报未送达): a notification the procuratorate is owed is still not
 * acknowledged by its endpoint this long after it was recorded — the office's staff must find out why
 * (and tell the procuratorate another way meanwhile). One alert per notification, on the notification's
 * person; its condition clears once the notification is delivered. Runs only while delivery is on.
 */
public final class ProcuratorateUndeliveredWatch implements Watch {

    private static final String PREFIX = AlertType.PROCURATORATE_UNDELIVERED.name() + ":";

    private static final String DUE = """
            SELECT n.id, n.person_id, n.kind, n.article, n.created_at, n.attempts, n.last_status, n.last_error, n.rejected,
                   n.created_at + make_interval(secs => $2) AS due_at
              FROM procuratorate_notifications n
             WHERE n.status = 'PENDING' AND n.created_at + make_interval(secs => $2) <= $1
               AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.person_id = n.person_id
                                  AND a.dedup_key = $3 || n.id::text)
             ORDER BY n.id LIMIT 1000""";

    private static final String CLEAR = """
            UPDATE alerts a SET condition_cleared_at = n.delivered_at, updated_at = now()
              FROM procuratorate_notifications n
             WHERE a.type = 'PROCURATORATE_UNDELIVERED' AND a.state <> 'RESOLVED' AND a.condition_cleared_at IS NULL
               AND a.dedup_key = $1 || n.id::text AND n.status = 'DELIVERED'""";

    private final AlertRepository alerts;
    private final long afterSeconds;

    public ProcuratorateUndeliveredWatch(AlertRepository alerts, long afterSeconds) {
        this.alerts = alerts;
        this.afterSeconds = afterSeconds;
    }

    @Override
    public String name() {
        return "procuratorate-undelivered";
    }

    @Override
    public Future<Integer> scan(SqlConnection tx, Instant now) {
        return tx.preparedQuery(CLEAR).execute(Tuple.of(PREFIX))
                .compose(cleared -> tx.preparedQuery(DUE)
                        .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), (double) afterSeconds, PREFIX))
                        .compose(rows -> Sequential.forEachRow(rows, r -> alerts.raise(tx, r.getUUID("person_id"),
                                AlertType.PROCURATORATE_UNDELIVERED, AlertType.PROCURATORATE_UNDELIVERED.defaultSeverity(),
                                null, PREFIX + r.getLong("id"), r.getOffsetDateTime("created_at").toInstant(),
                                r.getOffsetDateTime("due_at").toInstant(),
                                "procuratorate notification " + r.getLong("id") + " (" + r.getString("kind") + ", Art. "
                                        + r.getString("article") + ") recorded " + r.getOffsetDateTime("created_at").toInstant()
                                        + " is not delivered after " + afterSeconds + " s: " + r.getInteger("attempts")
                                        + " attempt(s), last " + last(r.getInteger("last_status"), r.getString("last_error"))
                                        + (Boolean.TRUE.equals(r.getBoolean("rejected")) ? " (refused by the endpoint)" : ""))))
                        .map(n -> n + cleared.rowCount()));
    }

    private static String last(Integer status, String error) {
        if (status != null) {
            return "HTTP " + status;
        }
        return error == null ? "none yet" : error;
    }
}
