package org.tether.server.watch;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import org.tether.server.alert.AlertRepository;
import org.tether.server.alert.AlertType;

/**
 * LOCATION_CHECK_UNANSWERED (核查未响应): an officer's location check was not answered by its due time
 * (or only after it). One alert per check, ever; a late answer clears its condition.
 */
public final class LocationCheckWatch implements Watch {

    private static final String DUE = """
            SELECT l.id, l.person_id, l.requested_at, l.due_at FROM location_checks l
             WHERE l.due_at <= $1 AND (l.answered_at IS NULL OR l.answered_at > l.due_at)
               AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.person_id = l.person_id
                                  AND a.dedup_key = 'LOCATION_CHECK_UNANSWERED:' || l.id::text)
             ORDER BY l.due_at LIMIT 1000""";

    private final AlertRepository alerts;

    public LocationCheckWatch(AlertRepository alerts) {
        this.alerts = alerts;
    }

    @Override
    public String name() {
        return "location-check-unanswered";
    }

    @Override
    public Future<Integer> scan(SqlConnection tx, Instant now) {
        return tx.preparedQuery(DUE).execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
                .compose(rows -> Sequential.forEachRow(rows, r -> alerts.raise(tx, r.getUUID("person_id"),
                        AlertType.LOCATION_CHECK_UNANSWERED, AlertType.LOCATION_CHECK_UNANSWERED.defaultSeverity(), null,
                        AlertType.LOCATION_CHECK_UNANSWERED.name() + ":" + r.getUUID("id"),
                        r.getOffsetDateTime("requested_at").toInstant(), r.getOffsetDateTime("due_at").toInstant(),
                        "location check (信息化核查) " + r.getUUID("id") + " requested "
                                + r.getOffsetDateTime("requested_at").toInstant() + " not answered by "
                                + r.getOffsetDateTime("due_at").toInstant())));
    }
}
