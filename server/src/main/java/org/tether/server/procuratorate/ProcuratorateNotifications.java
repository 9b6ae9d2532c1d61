package org.tether.server.procuratorate;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.tether.server.alert.Alert;

/**
 * Records what the agency owes the procuratorate (检察院, law Art. 30): one notification per alert,
 * written in the caller's transaction so it exists exactly when the alert change that caused it does.
 * Delivery (retries, receipts) reads this table.
 */
public final class ProcuratorateNotifications {

    private static final String RECORD = """
            INSERT INTO procuratorate_notifications (person_id, alert_id, kind, summary, created_by)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (alert_id) DO NOTHING""";

    /** @return whether a new notification was recorded (false: one already exists for the alert) */
    public Future<Boolean> recordForAlert(SqlClient tx, Alert alert, String kind, String summary, UUID actor) {
        return tx.preparedQuery(RECORD)
                .execute(Tuple.of(alert.personId(), alert.id(), kind, summary, actor))
                .map(rows -> rows.rowCount() == 1);
    }
}
