package org.tether.server.message;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tether.mobile.MessageView;
import org.tether.mobile.PhonePrincipal;
import org.tether.mobile.PhoneProblem;
import org.tether.server.push.PushOutbox;

/**
 * Officers' messages to a supervised person's phone ({@code officer_messages}). A message is stored
 * together with its push in the outbox, in the sender's transaction: once the request succeeds the
 * message is kept and the push will be attempted; a push that fails later only shows as "not
 * delivered" (the phone still lists the message). The read receipt comes from the phone.
 */
public final class OfficerMessages {

    /** Longest message text, in characters. */
    public static final int MAX_LENGTH = 1000;

    private static final String PHONE_COLUMNS = "id, body, needs_ack, sent_at, read_at";

    private final Pool pool;
    private final PushOutbox outbox;

    /** Either may be null in a router built only to list its routes. */
    public OfficerMessages(Pool pool, PushOutbox outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    /** Stores the message and queues its push in the caller's transaction; the staff view of it. */
    public Future<JsonObject> send(SqlClient tx, UUID personId, UUID officer, String text, boolean needsAck) {
        UUID id = UUID.randomUUID();
        return outbox.enqueue(tx, MessagePush.of(personId, id, text, needsAck, officer))
                .compose(pushId -> tx.preparedQuery("""
                                INSERT INTO officer_messages (id, person_id, sent_by, sent_at, body, needs_ack, push_id)
                                VALUES ($1, $2, $3, now(), $4, $5, $6)""")
                        .execute(Tuple.of(id, personId, officer, text, needsAck, pushId.orElse(null))))
                .compose(v -> staffView(tx, "m.id = $1", id, 1))
                .map(list -> list.get(0));
    }

    /** The person's messages with delivery and read state, newest first (the caller checked the person is visible). */
    public static Future<List<JsonObject>> listForStaff(SqlClient client, UUID personId, int limit) {
        return staffView(client, "m.person_id = $1", personId, limit);
    }

    private static Future<List<JsonObject>> staffView(SqlClient client, String where, UUID key, int limit) {
        return client.preparedQuery("""
                        SELECT m.id, m.person_id, m.sent_by, m.sent_at, m.body, m.needs_ack, m.read_at, m.read_by_device,
                               p.state AS push_state, p.attempts AS push_attempts, p.sent_at AS push_sent_at,
                               p.failure AS push_failure
                          FROM officer_messages m LEFT JOIN push_messages p ON p.id = m.push_id
                         WHERE %s ORDER BY m.sent_at DESC, m.id LIMIT $2""".formatted(where))
                .execute(Tuple.of(key, limit))
                .map(rows -> {
                    List<JsonObject> out = new ArrayList<>();
                    rows.forEach(r -> out.add(staffJson(r)));
                    return out;
                });
    }

    private static JsonObject staffJson(Row r) {
        boolean read = r.getOffsetDateTime("read_at") != null;
        boolean needsAck = r.getBoolean("needs_ack");
        String state = r.getString("push_state");
        return new JsonObject().put("id", r.getUUID("id").toString())
                .put("personId", r.getUUID("person_id").toString())
                .put("sentBy", r.getUUID("sent_by").toString())
                .put("sentAt", str(r.getOffsetDateTime("sent_at")))
                .put("text", r.getString("body"))
                .put("needsAcknowledgement", needsAck)
                .put("read", read)
                .put("readAt", str(r.getOffsetDateTime("read_at")))
                .put("readByDevice", r.getString("read_by_device"))
                .put("acknowledged", needsAck && read)
                .put("delivery", new JsonObject()
                        // No push row cannot happen for a message stored here, but would mean "not delivered".
                        .put("state", state == null ? "NOT_DELIVERED" : switch (state) {
                            case "SENT" -> "DELIVERED";
                            case "FAILED" -> "NOT_DELIVERED";
                            default -> "PENDING";
                        })
                        .put("attempts", r.getInteger("push_attempts"))
                        .put("sentAt", str(r.getOffsetDateTime("push_sent_at")))
                        .put("failure", r.getString("push_failure")));
    }

    /** The person's own messages, newest first. */
    public Future<List<MessageView>> forPhone(UUID personId, int limit) {
        return forPhone(pool, personId, limit);
    }

    /** {@link #forPhone(UUID, int)} on the caller's connection. */
    public static Future<List<MessageView>> forPhone(SqlClient client, UUID personId, int limit) {
        return client.preparedQuery("SELECT " + PHONE_COLUMNS + " FROM officer_messages WHERE person_id = $1"
                        + " ORDER BY sent_at DESC, id LIMIT $2")
                .execute(Tuple.of(personId, limit))
                .map(rows -> {
                    List<MessageView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(view(r)));
                    return out;
                });
    }

    /** How many of the person's messages the phone has not marked read. */
    public static Future<Integer> unread(SqlClient client, UUID personId) {
        return client.preparedQuery("SELECT count(*) AS n FROM officer_messages WHERE person_id = $1 AND read_at IS NULL")
                .execute(Tuple.of(personId))
                .map(rows -> rows.iterator().next().getLong("n").intValue());
    }

    /**
     * The read receipt: the first read time is kept, so repeating it changes nothing. Another person's
     * message is 403, an unknown one 404.
     */
    public Future<MessageView> markRead(PhonePrincipal phone, UUID messageId) {
        return pool.preparedQuery("UPDATE officer_messages SET read_at = coalesce(read_at, now()),"
                        + " read_by_device = coalesce(read_by_device, $3) WHERE id = $1 AND person_id = $2"
                        + " RETURNING " + PHONE_COLUMNS)
                .execute(Tuple.of(messageId, phone.personId(), phone.deviceId()))
                .compose(rows -> rows.size() == 1 ? Future.succeededFuture(view(rows.iterator().next()))
                        : pool.preparedQuery("SELECT 1 FROM officer_messages WHERE id = $1").execute(Tuple.of(messageId))
                        .compose(found -> Future.failedFuture(found.size() == 0
                                ? PhoneProblem.notFound("messageId", "no message " + messageId)
                                : PhoneProblem.forbidden("messageId", "the message is not yours"))));
    }

    private static MessageView view(Row r) {
        OffsetDateTime readAt = r.getOffsetDateTime("read_at");
        return new MessageView(r.getUUID("id"), r.getString("body"), r.getBoolean("needs_ack"),
                r.getOffsetDateTime("sent_at").toInstant(), readAt == null ? null : readAt.toInstant());
    }

    private static String str(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
