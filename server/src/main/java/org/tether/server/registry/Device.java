package org.tether.server.registry;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.UUID;

/** A registered device, the office whose inventory it is in, and the person it is bound to now (or null). */
public record Device(String id, DeviceKind kind, UUID officeId, UUID personId, String vendorId) {

    static final String COLUMNS = "id, kind, office_id, person_id, vendor_id";

    static Device fromRow(Row r) {
        return new Device(r.getString("id"), DeviceKind.valueOf(r.getString("kind")), r.getUUID("office_id"),
                r.getUUID("person_id"), r.getString("vendor_id"));
    }

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("kind", kind.name())
                .put("officeId", officeId == null ? null : officeId.toString())
                .put("personId", personId == null ? null : personId.toString()).put("vendorId", vendorId);
    }
}
