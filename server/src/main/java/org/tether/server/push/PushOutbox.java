package org.tether.server.push;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The push outbox ({@code push_messages}). A push is written in the transaction that causes it, so it is
 * not lost on a crash once that transaction commits; the {@link PushDispatcher} claims due rows for a
 * while (a crashed claimer's rows become due again), sends, and records the outcome.
 */
public final class PushOutbox {

    /** A claimed message with the token of the person's enrolled phone at claim time (null = none). */
    public record Claimed(long id, PushMessage message, int attempts, UUID enrolmentId, String deviceId, String token) {
    }

    private static final String CLAIM = """
            WITH due AS (SELECT id FROM push_messages
                          WHERE state = 'PENDING' AND next_attempt_at <= now()
                            AND (claimed_until IS NULL OR claimed_until < now())
                          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED),
                 claimed AS (UPDATE push_messages m
                                SET attempts = m.attempts + 1, claimed_until = now() + make_interval(secs => $2)
                               FROM due WHERE m.id = due.id
                          RETURNING m.id, m.person_id, m.kind, m.dedup_key, m.title, m.body, m.data, m.high_priority,
                                    m.created_by, m.attempts)
            SELECT c.*, e.id AS enrolment_id, e.device_id, e.push_token
              FROM claimed c LEFT JOIN phone_enrolments e ON e.person_id = c.person_id AND e.revoked_at IS NULL
             ORDER BY c.id""";

    private final Pool pool;

    public PushOutbox(Pool pool) {
        this.pool = pool;
    }

    /** Adds the message in the caller's transaction; empty when its dedup key was used already. */
    public Future<Optional<Long>> enqueue(SqlClient tx, PushMessage m) {
        return tx.preparedQuery("""
                        INSERT INTO push_messages (person_id, kind, dedup_key, title, body, data, high_priority, created_by)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (dedup_key) DO NOTHING RETURNING id""")
                .execute(Tuple.of(m.personId(), m.kind().name(), m.dedupKey(), m.title(), m.body(),
                        new JsonObject(new HashMap<>(m.data())), m.highPriority(), m.createdBy()))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("id")));
    }

    public Future<List<Claimed>> claim(int limit, long claimSeconds) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(limit, (double) claimSeconds)).map(rows -> {
            List<Claimed> out = new ArrayList<>();
            for (Row r : rows) {
                JsonObject data = (JsonObject) r.getValue("data");
                Map<String, String> map = new HashMap<>();
                data.forEach(e -> map.put(e.getKey(), String.valueOf(e.getValue())));
                PushMessage m = new PushMessage(r.getUUID("person_id"), PushKind.valueOf(r.getString("kind")),
                        r.getString("dedup_key"), r.getString("title"), r.getString("body"), map,
                        r.getBoolean("high_priority"), r.getUUID("created_by"));
                out.add(new Claimed(r.getLong("id"), m, r.getInteger("attempts"), r.getUUID("enrolment_id"),
                        r.getString("device_id"), r.getString("push_token")));
            }
            return out;
        });
    }

    public Future<Void> sent(long id, String deviceId, String messageId) {
        return pool.preparedQuery("UPDATE push_messages SET state = 'SENT', sent_at = now(), device_id = $2,"
                        + " fcm_message_id = $3, failure = NULL, claimed_until = NULL WHERE id = $1")
                .execute(Tuple.of(id, deviceId, messageId)).mapEmpty();
    }

    public Future<Void> retryLater(long id, String deviceId, long afterSeconds, String failure) {
        return pool.preparedQuery("UPDATE push_messages SET next_attempt_at = now() + make_interval(secs => $2),"
                        + " device_id = $3, failure = $4, claimed_until = NULL WHERE id = $1")
                .execute(Tuple.of(id, (double) afterSeconds, deviceId, failure)).mapEmpty();
    }

    public Future<Void> failed(long id, String deviceId, String failure) {
        return pool.preparedQuery("UPDATE push_messages SET state = 'FAILED', device_id = $2, failure = $3,"
                        + " claimed_until = NULL WHERE id = $1")
                .execute(Tuple.of(id, deviceId, failure)).mapEmpty();
    }

    /** FCM said the token is gone: forget it (unless the phone has registered a new one meanwhile). */
    public Future<Void> dropToken(UUID enrolmentId, String token) {
        return pool.preparedQuery("UPDATE phone_enrolments SET push_token = NULL, push_token_at = now()"
                        + " WHERE id = $1 AND push_token = $2")
                .execute(Tuple.of(enrolmentId, token)).mapEmpty();
    }

    /** The person's pushes, newest first, with delivery state (what the officer sees). */
    public Future<List<JsonObject>> list(UUID personId, int limit) {
        return pool.preparedQuery("""
                        SELECT id, kind, title, body, created_at, state, attempts, sent_at, device_id, failure
                          FROM push_messages WHERE person_id = $1 ORDER BY id DESC LIMIT $2""")
                .execute(Tuple.of(personId, limit))
                .map(rows -> {
                    List<JsonObject> out = new ArrayList<>();
                    rows.forEach(r -> out.add(view(r)));
                    return out;
                });
    }

    /** One push's delivery state, as staff see it: {@code delivery} is PENDING, DELIVERED or NOT_DELIVERED. */
    public static JsonObject view(Row r) {
        String state = r.getString("state");
        return new JsonObject().put("id", r.getLong("id")).put("kind", r.getString("kind"))
                .put("title", r.getString("title")).put("body", r.getString("body"))
                .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
                .put("delivery", switch (state) {
                    case "SENT" -> "DELIVERED";
                    case "FAILED" -> "NOT_DELIVERED";
                    default -> "PENDING";
                })
                .put("attempts", r.getInteger("attempts"))
                .put("sentAt", r.getOffsetDateTime("sent_at") == null ? null
                        : r.getOffsetDateTime("sent_at").toInstant().toString())
                .put("deviceId", r.getString("device_id"))
                .put("failure", r.getString("failure"));
    }
}
