package org.tether.server.org;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.UUID;

/** @param parentId the county agency of a justice office; null for an agency */
public record Office(UUID id, OfficeKind kind, String name, UUID parentId) {

    static final String COLUMNS = "id, kind, name, parent_id";

    static Office fromRow(Row r) {
        return new Office(r.getUUID("id"), OfficeKind.valueOf(r.getString("kind")), r.getString("name"),
                r.getUUID("parent_id"));
    }

    public JsonObject toJson() {
        return new JsonObject().put("id", id.toString()).put("kind", kind.name()).put("name", name)
                .put("parentId", parentId == null ? null : parentId.toString());
    }
}
