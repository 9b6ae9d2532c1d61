package org.tether.server.registry;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Devices and their binding history. A binding is one row of {@code device_bindings} from bind to
 * unbind; {@code devices.person_id} is the current one. Methods taking a {@link SqlClient} run inside
 * the caller's transaction.
 */
public final class DeviceRepository {

    private final Pool pool;

    public DeviceRepository(Pool pool) {
        this.pool = pool;
    }

    /** @param secretHash the device's MQTT secret, hashed ({@code CredentialHasher}) */
    public Future<Void> create(SqlClient tx, String deviceId, DeviceKind kind, UUID officeId, String vendorId,
                               String secretHash) {
        return tx.preparedQuery("INSERT INTO devices (id, kind, office_id, vendor_id, secret_hash) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(deviceId, kind.name(), officeId, vendorId, secretHash))
                .mapEmpty();
    }

    public Future<Optional<Device>> lock(SqlClient tx, String deviceId) {
        return tx.preparedQuery("SELECT " + Device.COLUMNS + " FROM devices WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(deviceId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Device.fromRow(rows.iterator().next())));
    }

    /** Binds an unbound device; the device moves to the person's office. */
    public Future<Void> bind(SqlClient tx, String deviceId, UUID personId, UUID officeId, UUID emOrderId, UUID by) {
        return tx.preparedQuery("UPDATE devices SET person_id = $2, office_id = $3 WHERE id = $1 AND person_id IS NULL")
                .execute(Tuple.of(deviceId, personId, officeId))
                .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture()
                        : Future.failedFuture(new IllegalStateException("device " + deviceId + " is bound")))
                .compose(v -> tx.preparedQuery("INSERT INTO device_bindings (device_id, person_id, em_order_id, bound_by)"
                        + " VALUES ($1, $2, $3, $4)").execute(Tuple.of(deviceId, personId, emOrderId, by)))
                .mapEmpty();
    }

    public Future<Void> unbind(SqlClient tx, String deviceId, UUID by, String reason) {
        return tx.preparedQuery("UPDATE devices SET person_id = NULL WHERE id = $1").execute(Tuple.of(deviceId))
                .compose(v -> tx.preparedQuery("UPDATE device_bindings SET unbound_at = now(), unbound_by = $2,"
                        + " unbind_reason = $3 WHERE device_id = $1 AND unbound_at IS NULL")
                        .execute(Tuple.of(deviceId, by, reason)))
                // An unbound phone's app login ends with its binding.
                .compose(v -> tx.preparedQuery("UPDATE phone_enrolments SET revoked_at = now()"
                        + " WHERE device_id = $1 AND revoked_at IS NULL").execute(Tuple.of(deviceId)))
                .mapEmpty();
    }

    public Future<List<Device>> list(UUID[] offices, String deviceId) {
        return pool.preparedQuery("SELECT " + Device.COLUMNS + " FROM devices WHERE office_id = ANY($1)"
                        + " AND ($2::text IS NULL OR id = $2) ORDER BY id")
                .execute(Tuple.of(offices, deviceId))
                .map(rows -> {
                    List<Device> out = new ArrayList<>();
                    rows.forEach(r -> out.add(Device.fromRow(r)));
                    return out;
                });
    }

    /** Every binding of the device, oldest first. */
    public Future<List<JsonObject>> bindings(String deviceId) {
        return pool.preparedQuery("""
                        SELECT person_id, em_order_id, bound_at, bound_by, unbound_at, unbound_by, unbind_reason
                          FROM device_bindings WHERE device_id = $1 ORDER BY bound_at, id""")
                .execute(Tuple.of(deviceId))
                .map(rows -> {
                    List<JsonObject> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new JsonObject().put("personId", str(r.getUUID("person_id")))
                            .put("emOrderId", str(r.getUUID("em_order_id")))
                            .put("boundAt", r.getOffsetDateTime("bound_at").toInstant().toString())
                            .put("boundBy", str(r.getUUID("bound_by")))
                            .put("unboundAt", r.getOffsetDateTime("unbound_at") == null ? null
                                    : r.getOffsetDateTime("unbound_at").toInstant().toString())
                            .put("unboundBy", str(r.getUUID("unbound_by")))
                            .put("unbindReason", r.getString("unbind_reason"))));
                    return out;
                });
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
