package org.tether.server.staff;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.UUID;

/** A staff account as shown to administrators (never the password hash). */
public record StaffAccount(UUID id, String username, String displayName, StaffRole role, UUID officeId,
                           boolean active) {

    static final String COLUMNS = "id, username, display_name, role, office_id, active";

    static StaffAccount fromRow(Row r) {
        return new StaffAccount(r.getUUID("id"), r.getString("username"), r.getString("display_name"),
                StaffRole.valueOf(r.getString("role")), r.getUUID("office_id"), r.getBoolean("active"));
    }

    public JsonObject toJson() {
        return new JsonObject().put("id", id.toString()).put("username", username).put("displayName", displayName)
                .put("role", role.name()).put("officeId", officeId == null ? null : officeId.toString())
                .put("active", active);
    }
}
