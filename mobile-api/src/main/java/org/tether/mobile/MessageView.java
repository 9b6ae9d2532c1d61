package org.tether.mobile;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** An officer's message as the phone sees it; {@code readAt} null = unread. */
public record MessageView(UUID id, String text, boolean needsAcknowledgement, Instant sentAt, Instant readAt) {

    public JsonObject toJson() {
        return new JsonObject().put("id", id.toString()).put("text", text)
                .put("needsAcknowledgement", needsAcknowledgement).put("sentAt", sentAt.toString())
                .put("read", readAt != null).put("readAt", readAt == null ? null : readAt.toString());
    }
}
