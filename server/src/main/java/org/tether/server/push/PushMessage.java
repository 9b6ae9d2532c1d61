package org.tether.server.push;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A push to a person's enrolled phone, as written to the outbox. It goes to whichever phone the person
 * has enrolled when it is sent.
 *
 * @param dedupKey at most one message per key ever (a reminder per window); null = no deduplication
 * @param data FCM data payload (strings only)
 * @param highPriority delivered at once even to a dozing phone (location checks)
 * @param createdBy the staff member who caused it, or null (a watch)
 */
public record PushMessage(UUID personId, PushKind kind, String dedupKey, String title, String body,
                          Map<String, String> data, boolean highPriority, UUID createdBy) {

    public PushMessage {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        data = Map.copyOf(data);
    }
}
