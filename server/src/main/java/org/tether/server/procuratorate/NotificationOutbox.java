package org.tether.server.procuratorate;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The notification outbox ({@code procuratorate_notifications}, status PENDING until a 2xx). A sender
 * claims due rows for a while ({@code FOR UPDATE SKIP LOCKED}, then {@code claimed_until}): no other
 * instance takes a row while its claim runs, and the claim outlives the attempt's timeouts, so two
 * instances never send one notification at the same time; a crashed sender's claim simply expires.
 * Each attempt is logged with its outcome in one transaction with the row's new state.
 */
public final class NotificationOutbox {

    /** A claimed notification: the frozen body and its idempotency key. */
    public record Claimed(long id, UUID key, String body, int attempt) {
    }

    /** One attempt as it happened. */
    public record Attempt(Instant startedAt, long durationMillis, Integer statusCode, String error) {
    }

    private static final String CLAIM = """
            WITH due AS (SELECT id FROM procuratorate_notifications
                          WHERE status = 'PENDING' AND next_attempt_at <= now()
                            AND (claimed_until IS NULL OR claimed_until < now())
                          ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
            UPDATE procuratorate_notifications n
               SET attempts = n.attempts + 1, claimed_until = now() + make_interval(secs => $2)
              FROM due WHERE n.id = due.id
            RETURNING n.id, n.idempotency_key, n.payload::text AS body, n.attempts""";

    private static final String LOG_ATTEMPT = """
            INSERT INTO procuratorate_delivery_attempts (notification_id, attempt, started_at, duration_ms, status_code,
                                                         error, outcome, instance)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";

    private static final String DELIVERED = """
            UPDATE procuratorate_notifications
               SET status = 'DELIVERED', delivered_at = coalesce(delivered_at, now()), claimed_until = NULL,
                   last_status = $2, last_error = NULL, rejected = false
             WHERE id = $1""";

    /** Only the holder of the latest claim schedules the next attempt. */
    private static final String AGAIN = """
            UPDATE procuratorate_notifications
               SET next_attempt_at = now() + make_interval(secs => $2), claimed_until = NULL,
                   last_status = $3, last_error = $4, rejected = $5
             WHERE id = $1 AND status = 'PENDING' AND attempts = $6""";

    private final Pool pool;
    private final String instance;

    /** @param instance names this process in the attempt log */
    public NotificationOutbox(Pool pool, String instance) {
        this.pool = pool;
        this.instance = instance;
    }

    public Future<List<Claimed>> claim(int limit, double claimSeconds) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(limit, claimSeconds)).map(rows -> {
            List<Claimed> out = new ArrayList<>(rows.size());
            for (Row r : rows) {
                out.add(new Claimed(r.getLong("id"), r.getUUID("idempotency_key"), r.getString("body"),
                        r.getInteger("attempts")));
            }
            out.sort(java.util.Comparator.comparingLong(Claimed::id));
            return out;
        });
    }

    /**
     * Logs the attempt and applies its outcome in one transaction.
     *
     * @param retryAfterMillis when not delivered: how long until the next attempt
     */
    public Future<Void> record(Claimed c, Attempt a, DeliveryOutcome outcome, long retryAfterMillis) {
        return pool.withTransaction(tx -> tx.preparedQuery(LOG_ATTEMPT)
                .execute(Tuple.tuple().addValue(c.id()).addValue(c.attempt())
                        .addValue(a.startedAt().atOffset(ZoneOffset.UTC)).addValue((int) Math.min(a.durationMillis(),
                                Integer.MAX_VALUE)).addValue(a.statusCode()).addValue(a.error()).addValue(outcome.name())
                        .addValue(instance))
                .compose(v -> outcome == DeliveryOutcome.DELIVERED
                        ? tx.preparedQuery(DELIVERED).execute(Tuple.of(c.id(), a.statusCode()))
                        : tx.preparedQuery(AGAIN).execute(Tuple.tuple().addValue(c.id())
                                .addValue(retryAfterMillis / 1000.0).addValue(a.statusCode()).addValue(a.error())
                                .addValue(outcome == DeliveryOutcome.REJECTED).addValue(c.attempt())))
                .mapEmpty());
    }

    /**
     * Refusals wait long between attempts; a start (usually after the configuration was fixed) tries them
     * again at once.
     */
    public Future<Integer> retryRejectedNow() {
        return pool.query("UPDATE procuratorate_notifications SET next_attempt_at = now()"
                        + " WHERE status = 'PENDING' AND rejected").execute()
                .map(rows -> rows.rowCount());
    }
}
