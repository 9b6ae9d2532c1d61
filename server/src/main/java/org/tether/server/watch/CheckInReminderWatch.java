package org.tether.server.watch;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import org.tether.server.push.PushOutbox;
import org.tether.server.push.PushTexts;

/**
 * The check-in reminder push (报到提醒): a window open now that closes within the lead time, and no
 * check-in in it yet. One reminder per window (the outbox's dedup key), written to the outbox in this
 * scan's transaction. Not an alert: the count returned is of reminders queued.
 */
public final class CheckInReminderWatch implements Watch {

    private static final String DUE = "WITH " + MissedCheckInWatch.ENROLLED + """
            SELECT en.person_id, w.opens_at, w.closes_at
              FROM enrolled en, LATERAL check_in_windows(en.person_id, $1::timestamptz, $1::timestamptz) w
             WHERE w.opens_at <= $1 AND w.closes_at > $1 AND w.closes_at <= $1 + make_interval(secs => $2)
               AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.person_id = en.person_id
                                  AND c.window_opens_at IS NOT NULL
                                  AND c.received_at >= w.opens_at AND c.received_at < w.closes_at)
               AND NOT EXISTS (SELECT 1 FROM push_messages m
                                WHERE m.dedup_key = 'reminder:' || en.person_id || ':' || floor(extract(epoch FROM w.opens_at))::bigint)
             LIMIT 1000""";

    private final PushOutbox outbox;
    private final long leadSeconds;

    public CheckInReminderWatch(PushOutbox outbox, long leadSeconds) {
        this.outbox = outbox;
        this.leadSeconds = leadSeconds;
    }

    @Override
    public String name() {
        return "check-in-reminder";
    }

    @Override
    public Future<Integer> scan(SqlConnection tx, Instant now) {
        return tx.preparedQuery(DUE).execute(Tuple.of(now.atOffset(ZoneOffset.UTC), (double) leadSeconds))
                .compose(rows -> Sequential.forEachRow(rows, r -> outbox.enqueue(tx, PushTexts.checkInReminder(
                        r.getUUID("person_id"), r.getOffsetDateTime("opens_at").toInstant(),
                        r.getOffsetDateTime("closes_at").toInstant()))));
    }
}
