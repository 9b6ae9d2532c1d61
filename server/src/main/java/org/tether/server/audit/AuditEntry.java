package org.tether.server.audit;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * One thing done: {@code action} (e.g. {@code person.update}, {@code person.trail.read}) on a target,
 * in an office (for scoping who may read the entry), with what changed or what was read. The detail
 * never holds an ID-card number in clear or a password.
 */
public record AuditEntry(String action, String targetType, String targetId, UUID officeId, JsonObject detail) {

    public AuditEntry {
        detail = detail == null ? new JsonObject() : detail.copy();
    }

    public static AuditEntry of(String action, String targetType, Object targetId, UUID officeId, JsonObject detail) {
        return new AuditEntry(action, targetType, targetId == null ? null : targetId.toString(), officeId, detail);
    }
}
