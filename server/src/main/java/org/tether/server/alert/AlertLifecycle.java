package org.tether.server.alert;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tether.server.procuratorate.ProcuratorateNotifications;

/**
 * What officers do with an alert: acknowledge it, resolve it with a reason and a note, or mark it a
 * major incident (which owes the procuratorate a notification). Each step is one conditional UPDATE,
 * so two officers acting at once cannot both win; the database trigger writes the history line.
 */
public final class AlertLifecycle {

    private static final String ACKNOWLEDGE = """
            UPDATE alerts SET state = 'ACKNOWLEDGED', acknowledged_at = now(), acknowledged_by = $2, updated_at = now()
             WHERE id = $1 AND state = 'OPEN'
            RETURNING\s""" + Alert.COLUMNS;

    /** Resolving an unacknowledged alert acknowledges it too: the officer has evidently seen it. */
    private static final String RESOLVE = """
            UPDATE alerts SET state = 'RESOLVED', resolved_at = now(), resolved_by = $2, resolution = $3,
                              resolution_note = $4, acknowledged_at = coalesce(acknowledged_at, now()),
                              acknowledged_by = coalesce(acknowledged_by, $2), updated_at = now()
             WHERE id = $1 AND state <> 'RESOLVED'
            RETURNING\s""" + Alert.COLUMNS;

    private static final String MARK_MAJOR = """
            UPDATE alerts SET major_incident_at = now(), major_incident_by = $2, updated_at = now()
             WHERE id = $1 AND major_incident_at IS NULL
            RETURNING\s""" + Alert.COLUMNS;

    private final Pool pool;
    private final ProcuratorateNotifications notifications;

    public AlertLifecycle(Pool pool, ProcuratorateNotifications notifications) {
        this.pool = pool;
        this.notifications = notifications;
    }

    /** Acknowledging twice is harmless: the second call returns the alert as it is. */
    public Future<Alert> acknowledge(long alertId, UUID actor) {
        return pool.withTransaction(tx -> tx.preparedQuery(ACKNOWLEDGE).execute(Tuple.of(alertId, actor))
                .compose(rows -> rows.size() == 1 ? Future.succeededFuture(first(rows))
                        : current(tx, alertId).compose(a -> a.state() == AlertState.RESOLVED
                                ? Future.failedFuture(new AlertStateConflict(a, "the alert is already resolved"))
                                : Future.succeededFuture(a))));
    }

    public Future<Alert> resolve(long alertId, UUID actor, Resolution resolution, String note) {
        return pool.withTransaction(tx -> tx.preparedQuery(RESOLVE)
                .execute(Tuple.of(alertId, actor, resolution.name(), note))
                .compose(rows -> rows.size() == 1 ? Future.succeededFuture(first(rows))
                        : current(tx, alertId).compose(a -> Future.failedFuture(
                                new AlertStateConflict(a, "the alert is already resolved")))));
    }

    /**
     * Marks the alert a major incident and records the procuratorate notification in the same
     * transaction: if it commits, the notification is owed; if not, neither happened.
     */
    public Future<Alert> markMajorIncident(long alertId, UUID actor, String note) {
        return pool.withTransaction(tx -> tx.preparedQuery(MARK_MAJOR).execute(Tuple.of(alertId, actor))
                .compose(rows -> rows.size() == 1 ? Future.succeededFuture(first(rows)) : current(tx, alertId))
                .compose(a -> notifications.recordForAlert(tx, a, "MAJOR_INCIDENT", note, actor).map(a)));
    }

    public Future<Alert> get(long alertId) {
        return current(pool, alertId);
    }

    public Future<List<AlertHistoryEntry>> history(long alertId) {
        return pool.preparedQuery("SELECT id, at, action, actor, detail FROM alert_history WHERE alert_id = $1 ORDER BY id")
                .execute(Tuple.of(alertId))
                .map(rows -> {
                    List<AlertHistoryEntry> out = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        out.add(AlertHistoryEntry.fromRow(r));
                    }
                    return out;
                });
    }

    private static Future<Alert> current(SqlClient client, long alertId) {
        return client.preparedQuery("SELECT " + Alert.COLUMNS + " FROM alerts WHERE id = $1").execute(Tuple.of(alertId))
                .compose(rows -> rows.size() == 1 ? Future.succeededFuture(first(rows))
                        : Future.failedFuture(new AlertNotFound(alertId)));
    }

    private static Alert first(RowSet<Row> rows) {
        return Alert.fromRow(rows.iterator().next());
    }

    /** The alert does not exist (or is not visible to the caller). */
    public static final class AlertNotFound extends RuntimeException {
        public AlertNotFound(long id) {
            super("no alert " + id, null, false, false);
        }
    }

    /** The step does not apply to the alert's current state. */
    public static final class AlertStateConflict extends RuntimeException {
        private final transient Alert alert;

        public AlertStateConflict(Alert alert, String message) {
            super(message, null, false, false);
            this.alert = alert;
        }

        public Alert alert() {
            return alert;
        }
    }
}
