package org.tether.server.procuratorate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Major events on a person that the procuratorate must be told of (change of place, detention, death,
 * end of correction, proposals to revoke or send to prison…): the event and its notification are written
 * in the caller's transaction, so one never exists without the other.
 */
public final class MajorEvents {

    private final ProcuratorateNotifications notifications;

    public MajorEvents(ProcuratorateNotifications notifications) {
        this.notifications = notifications;
    }

    /** @return the event as JSON, with {@code notificationId} */
    public Future<JsonObject> record(SqlClient tx, UUID personId, NotificationKind kind, String summary,
                                     Instant occurredAt, UUID actor) {
        OffsetDateTime at = occurredAt.atOffset(ZoneOffset.UTC);
        return tx.preparedQuery("INSERT INTO person_major_events (person_id, kind, summary, occurred_at, recorded_by)"
                        + " VALUES ($1, $2, $3, $4, $5) RETURNING id, recorded_at")
                .execute(Tuple.of(personId, kind.name(), summary, at, actor))
                .compose(rows -> {
                    Row r = rows.iterator().next();
                    long eventId = r.getLong("id");
                    return notifications.recordForEvent(tx, personId, eventId, kind, summary, at, actor)
                            .map(notificationId -> new JsonObject().put("id", eventId).put("personId", personId.toString())
                                    .put("kind", kind.name()).put("article", kind.article()).put("summary", summary)
                                    .put("occurredAt", occurredAt.toString())
                                    .put("recordedAt", r.getOffsetDateTime("recorded_at").toInstant().toString())
                                    .put("notificationId", notificationId));
                });
    }
}
