package org.tether.server.points;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tether.server.watch.Watch;

/**
 * "On a configurable day the month closes": from day {@code points.closeDay} on, closes the previous
 * month of every justice office that has not closed it yet (closedBy = null: the system). It never
 * closes a month again: re-closing after late entries is an officer's step. Only the month just past
 * is closed automatically (after a longer outage, officers close older months by hand).
 */
public final class MonthlyAutoClose implements Watch {

    private final MonthlyClose close;
    private final int closeDay;
    private final boolean enabled;

    public MonthlyAutoClose(MonthlyClose close, int closeDay, boolean enabled) {
        this.close = close;
        this.closeDay = closeDay;
        this.enabled = enabled;
    }

    @Override
    public String name() {
        return "monthly-auto-close";
    }

    @Override
    public Future<Integer> scan(SqlConnection tx, Instant now) {
        LocalDate today = now.atZone(AssessmentMonth.ZONE).toLocalDate();
        YearMonth month = YearMonth.from(today).minusMonths(1);
        if (!enabled || today.isBefore(AssessmentMonth.closableFrom(month, closeDay))) {
            return Future.succeededFuture(0);
        }
        return tx.preparedQuery("""
                        SELECT o.id FROM offices o
                         WHERE o.kind = 'JUSTICE_OFFICE'
                           AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.office_id = o.id AND a.month = $1)
                         ORDER BY o.id LIMIT 100""")
                .execute(Tuple.of(month.atDay(1)))
                .compose(rows -> {
                    List<UUID> offices = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        offices.add(r.getUUID("id"));
                    }
                    Future<Void> chain = Future.succeededFuture();
                    for (UUID office : offices) {
                        chain = chain.compose(v -> close.close(tx, office, month, null).mapEmpty());
                    }
                    return chain.map(offices.size());
                });
    }
}
