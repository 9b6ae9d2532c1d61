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

    /**
     * The devices bound to the person now, with their health as the person page shows it: last contact (the
     * newest arrival of a fix or a device event), the newest fix's time, and the newest battery level either
     * reported. Each newest row is one backward index step per device.
     */
    public Future<List<JsonObject>> boundTo(SqlClient client, UUID personId) {
        return client.preparedQuery("""
                        SELECT d.id, d.kind, d.vendor_id, b.bound_at, f.fix_time, greatest(f.received_at, e.received_at) AS contact,
                               bat.pct AS battery_pct, bat.at AS battery_at
                          FROM devices d
                          JOIN device_bindings b ON b.device_id = d.id AND b.unbound_at IS NULL
                          LEFT JOIN LATERAL (SELECT p.fix_time, p.received_at FROM positions p WHERE p.device_id = d.id
                                              ORDER BY p.fix_time DESC LIMIT 1) f ON true
                          LEFT JOIN LATERAL (SELECT ev.received_at FROM device_events ev WHERE ev.device_id = d.id
                                              ORDER BY ev.received_at DESC LIMIT 1) e ON true
                          LEFT JOIN LATERAL (SELECT x.pct, x.at FROM (
                                                 (SELECT p.battery_pct AS pct, p.fix_time AS at FROM positions p
                                                   WHERE p.device_id = d.id AND p.battery_pct IS NOT NULL
                                                   ORDER BY p.fix_time DESC LIMIT 1)
                                                 UNION ALL
                                                 (SELECT ev.battery_pct, ev.event_time FROM device_events ev
                                                   WHERE ev.device_id = d.id AND ev.battery_pct IS NOT NULL
                                                   ORDER BY ev.event_time DESC LIMIT 1)) x
                                              ORDER BY x.at DESC LIMIT 1) bat ON true
                         WHERE d.person_id = $1 AND b.person_id = $1
                         ORDER BY d.kind, d.id""")
                .execute(Tuple.of(personId))
                .map(rows -> {
                    List<JsonObject> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new JsonObject().put("deviceId", r.getString("id"))
                            .put("kind", r.getString("kind")).put("vendor", r.getString("vendor_id"))
                            .put("boundAt", time(r.getOffsetDateTime("bound_at")))
                            .put("lastContactAt", time(r.getOffsetDateTime("contact")))
                            .put("lastFixAt", time(r.getOffsetDateTime("fix_time")))
                            .put("batteryPercent", r.getShort("battery_pct") == null ? null : r.getShort("battery_pct").intValue())
                            .put("batteryAt", time(r.getOffsetDateTime("battery_at")))));
                    return out;
                });
    }

    private static String time(java.time.OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
