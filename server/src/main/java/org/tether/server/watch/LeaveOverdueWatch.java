package org.tether.server.watch;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import org.tether.server.alert.AlertRepository;
import org.tether.server.alert.AlertType;

/**
 * LEAVE_OVERDUE (请假逾期未归): an approved leave ended more than the grace period ago and the person
 * has not reported back (销假). One alert per leave, ever; reporting back clears its condition
 * ({@code LeaveReturns}).
 */
public final class LeaveOverdueWatch implements Watch {

    private static final String DUE = """
            SELECT l.id, l.person_id, l.ends_at, l.ends_at + make_interval(secs => $2) AS due_at
              FROM leave_permits l
             WHERE l.reported_back_at IS NULL AND l.ends_at + make_interval(secs => $2) <= $1
               AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.person_id = l.person_id
                                  AND a.dedup_key = 'LEAVE_OVERDUE:' || l.id::text)
             LIMIT 1000""";

    private final AlertRepository alerts;
    private final long graceSeconds;

    public LeaveOverdueWatch(AlertRepository alerts, long graceSeconds) {
        this.alerts = alerts;
        this.graceSeconds = graceSeconds;
    }

    @Override
    public String name() {
        return "leave-overdue";
    }

    @Override
    public Future<Integer> scan(SqlConnection tx, Instant now) {
        return tx.preparedQuery(DUE).execute(Tuple.of(now.atOffset(ZoneOffset.UTC), (double) graceSeconds))
                .compose(rows -> Sequential.forEachRow(rows, r -> alerts.raise(tx, r.getUUID("person_id"),
                        AlertType.LEAVE_OVERDUE, AlertType.LEAVE_OVERDUE.defaultSeverity(), null,
                        AlertRepository.leaveKey(r.getUUID("id")), r.getOffsetDateTime("ends_at").toInstant(),
                        r.getOffsetDateTime("due_at").toInstant(),
                        "leave " + r.getUUID("id") + " ended " + r.getOffsetDateTime("ends_at").toInstant()
                                + "; not reported back (销假)")));
    }
}
