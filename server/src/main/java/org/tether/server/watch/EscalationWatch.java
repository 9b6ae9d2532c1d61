package org.tether.server.watch;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Escalates HIGH and CRITICAL alerts nobody has acknowledged within the configured time: they are
 * marked escalated (history line by the trigger) and from then on shown to the county supervisor.
 */
public final class EscalationWatch implements Watch {

    private static final String ESCALATE = """
            UPDATE alerts SET escalated_at = $1, updated_at = now()
             WHERE state = 'OPEN' AND escalated_at IS NULL AND severity IN ('HIGH', 'CRITICAL')
               AND created_at + make_interval(secs => $2) <= $1""";

    private final long afterSeconds;

    public EscalationWatch(long afterSeconds) {
        this.afterSeconds = afterSeconds;
    }

    @Override
    public String name() {
        return "escalation";
    }

    @Override
    public Future<Integer> scan(SqlConnection tx, Instant now) {
        return tx.preparedQuery(ESCALATE).execute(Tuple.of(now.atOffset(ZoneOffset.UTC), (double) afterSeconds))
                .map(rows -> rows.rowCount());
    }
}
