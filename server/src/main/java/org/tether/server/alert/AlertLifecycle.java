package org.tether.server.alert;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tether.server.procuratorate.NotificationKind;
import org.tether.server.procuratorate.ProcuratorateNotifications;

/**
 * What officers do with an alert: acknowledge it, resolve it with a reason and a note, or mark it a
 * major incident (which owes the procuratorate a notification). Each step is one conditional UPDATE,
 * so two officers acting at once cannot both win; the database trigger writes the history line.
 */
public final class AlertLifecycle {

    private static final String ACKNOWLEDGE = """
            UPDATE alerts SET state = 'ACKNOWLEDGED', acknowledged_at = now(), acknowledged_by = $2, updated_at = now()
             WHERE id = $1 AND state = 'OPEN' AND person_id IN (SELECT id FROM persons WHERE office_id = ANY($3))
            RETURNING\s""" + Alert.COLUMNS;

    /** Resolving an unacknowledged alert acknowledges it too: the officer has evidently seen it. */
    private static final String RESOLVE = """
            UPDATE alerts SET state = 'RESOLVED', resolved_at = now(), resolved_by = $2, resolution = $3,
                              resolution_note = $4, acknowledged_at = coalesce(acknowledged_at, now()),
                              acknowledged_by = coalesce(acknowledged_by, $2), updated_at = now()
             WHERE id = $1 AND state <> 'RESOLVED' AND person_id IN (SELECT id FROM persons WHERE office_id = ANY($5))
            RETURNING\s""" + Alert.COLUMNS;

    private static final String MARK_MAJOR = """
            UPDATE alerts SET major_incident_at = now(), major_incident_by = $2, updated_at = now()
             WHERE id = $1 AND major_incident_at IS NULL AND person_id IN (SELECT id FROM persons WHERE office_id = ANY($3))
            RETURNING\s""" + Alert.COLUMNS;

    private final ProcuratorateNotifications notifications;
    private final ResolutionFollowUp followUp;

    /** @param followUp runs in the resolving transaction after a successful resolution (not on a repeated one) */
    public AlertLifecycle(ProcuratorateNotifications notifications, ResolutionFollowUp followUp) {
        this.notifications = notifications;
        this.followUp = followUp;
    }

    /**
     * Acknowledging twice is harmless: the second call returns the alert as it is.
     *
     * @param offices the caller's offices: an alert of a person outside them does not exist for the caller
     */
    public Future<Alert> acknowledge(SqlClient tx, UUID[] offices, long alertId, UUID actor) {
        return tx.preparedQuery(ACKNOWLEDGE).execute(Tuple.of(alertId, actor, offices))
                .compose(rows -> rows.size() == 1 ? Future.succeededFuture(first(rows))
                        : get(tx, offices, alertId).compose(a -> a.state() == AlertState.RESOLVED
                                ? Future.failedFuture(new AlertStateConflict(a, "the alert is already resolved"))
                                : Future.succeededFuture(a)));
    }

    public Future<Alert> resolve(SqlClient tx, UUID[] offices, long alertId, UUID actor, Resolution resolution, String note) {
        return tx.preparedQuery(RESOLVE).execute(Tuple.of(alertId, actor, resolution.name(), note, offices))
                .compose(rows -> rows.size() == 1
                        ? Future.succeededFuture(first(rows)).compose(a -> followUp.resolved(tx, a, actor).map(a))
                        : get(tx, offices, alertId).compose(a -> Future.failedFuture(
                                new AlertStateConflict(a, "the alert is already resolved"))));
    }

    /**
     * Marks the alert a major incident and records the procuratorate notification in the same
     * transaction: if it commits, the notification is owed; if not, neither happened.
     */
    public Future<Alert> markMajorIncident(SqlClient tx, UUID[] offices, long alertId, UUID actor, String note) {
        return tx.preparedQuery(MARK_MAJOR).execute(Tuple.of(alertId, actor, offices))
                .compose(rows -> rows.size() == 1 ? Future.succeededFuture(first(rows)) : get(tx, offices, alertId))
                .compose(a -> notifications.recordForAlert(tx, a, NotificationKind.MAJOR_INCIDENT, note, a.firstSeen(), actor)
                        .map(a));
    }

    /** The alert, if its person is in {@code offices}; else fails with {@link AlertNotFound}. */
    public Future<Alert> get(SqlClient client, UUID[] offices, long alertId) {
        return client.preparedQuery("SELECT " + Alert.COLUMNS + " FROM alerts WHERE id = $1"
                        + " AND person_id IN (SELECT id FROM persons WHERE office_id = ANY($2))")
                .execute(Tuple.tuple().addValue(alertId).addValue(offices))
                .compose(rows -> rows.size() == 1 ? Future.succeededFuture(first(rows))
                        : Future.failedFuture(new AlertNotFound(alertId)));
    }

    public Future<List<AlertHistoryEntry>> history(SqlClient client, long alertId) {
        return client.preparedQuery("SELECT id, at, action, actor, detail FROM alert_history WHERE alert_id = $1 ORDER BY id")
                .execute(Tuple.of(alertId))
                .map(rows -> {
                    List<AlertHistoryEntry> out = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        out.add(AlertHistoryEntry.fromRow(r));
                    }
                    return out;
                });
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
