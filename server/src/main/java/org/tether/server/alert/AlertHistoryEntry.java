package org.tether.server.alert;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One line of an alert's append-only history (written by the database trigger, never by hand). */
public record AlertHistoryEntry(long id, OffsetDateTime at, String action, UUID actor, String detail) {

    static AlertHistoryEntry fromRow(Row r) {
        return new AlertHistoryEntry(r.getLong("id"), r.getOffsetDateTime("at"), r.getString("action"),
                r.getUUID("actor"), r.getString("detail"));
    }

    public JsonObject toJson() {
        return new JsonObject().put("at", at.toInstant().toString()).put("action", action)
                .put("actor", actor == null ? null : actor.toString()).put("detail", detail);
    }
}
