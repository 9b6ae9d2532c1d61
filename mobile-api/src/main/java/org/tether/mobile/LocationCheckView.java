package org.tether.mobile;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** A location check as the phone sees it. {@code answeredAt} null = still open; late = answered after due. */
public record LocationCheckView(UUID id, Instant requestedAt, Instant dueAt, Instant answeredAt, String area) {

    public boolean late() {
        return answeredAt != null && answeredAt.isAfter(dueAt);
    }

    public JsonObject toJson() {
        return new JsonObject().put("id", id.toString()).put("requestedAt", requestedAt.toString())
                .put("dueAt", dueAt.toString()).put("answeredAt", answeredAt == null ? null : answeredAt.toString())
                .put("late", late()).put("area", area);
    }
}
