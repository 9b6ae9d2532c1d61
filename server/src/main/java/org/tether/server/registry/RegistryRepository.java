package org.tether.server.registry;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.tether.geofence.zone.Zone;
import org.tether.geofence.rule.CurfewWindow;
import org.tether.geofence.zone.PersonRuleSpec;
import org.tether.geofence.zone.PersonRuleSpec.LeaveSpec;
import org.tether.geofence.zone.ZoneKind;

/** Registry storage: persons, zones and their assignment, curfews, leaves, devices. */
public final class RegistryRepository {

    /**
     * Zones are read into packed XY doubles: the geofence engine's {@code PreparedZone} then scans the
     * vertices in place, so the server holds each zone's vertices once instead of a {@code Coordinate}
     * object per vertex plus the engine's own packed copy.
     */
    private static final GeometryFactory ZONE_FACTORY = new GeometryFactory(new PrecisionModel(), 4326,
            PackedCoordinateSequenceFactory.DOUBLE_FACTORY);

    private final Pool pool;

    public RegistryRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores a polygonal zone, or a circle when {@code radiusMeters} > 0 (geometry = centre point). */
    public Future<UUID> createZone(String name, ZoneKind kind, Geometry geometry, double radiusMeters) {
        UUID id = UUID.randomUUID();
        byte[] wkb = new WKBWriter(2).write(geometry);
        return pool.preparedQuery("INSERT INTO zones (id, name, kind, geom, radius_m)"
                        + " VALUES ($1, $2, $3, ST_GeomFromWKB($4, 4326), $5)")
                .execute(Tuple.of(id, name, kind.name(), Buffer.buffer(wkb), radiusMeters > 0 ? radiusMeters : null))
                .map(id);
    }

    public Future<Void> assignZones(UUID personId, List<UUID> zoneIds) {
        return pool.preparedQuery("INSERT INTO person_zones (person_id, zone_id) SELECT $1, unnest($2::uuid[])"
                        + " ON CONFLICT DO NOTHING")
                .execute(Tuple.tuple().addValue(personId).addValue(zoneIds.toArray(UUID[]::new)))
                .mapEmpty();
    }

    /** Replaces the person's curfew windows. */
    public Future<Void> replaceCurfew(UUID personId, List<CurfewWindow> windows) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT 1 FROM persons WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(personId))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(new NoSuchElementException("person " + personId))
                        : tx.preparedQuery("DELETE FROM curfew_windows WHERE person_id = $1").execute(Tuple.of(personId)))
                .compose(v -> windows.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(
                                "INSERT INTO curfew_windows (person_id, day_of_week, start_local, end_local)"
                                        + " VALUES ($1, $2, $3, $4)")
                        .executeBatch(windows.stream().map(w -> Tuple.of(personId, (short) w.day().getValue(),
                                w.start(), w.end())).toList()))
                .mapEmpty());
    }

    public Future<UUID> createLeave(UUID personId, Instant from, Instant to, List<UUID> zoneIds) {
        UUID id = UUID.randomUUID();
        return pool.withTransaction(tx -> tx.preparedQuery(
                        "INSERT INTO leave_permits (id, person_id, starts_at, ends_at) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(id, personId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
                .compose(v -> tx.preparedQuery("INSERT INTO leave_permit_zones (leave_id, zone_id)"
                                + " SELECT $1, unnest($2::uuid[])")
                        .execute(Tuple.tuple().addValue(id).addValue(zoneIds.toArray(UUID[]::new))))
                .map(id));
    }

    /** Creates the person and assigns the zones in one transaction. */
    public Future<UUID> createPerson(String displayName, List<UUID> zoneIds) {
        UUID id = UUID.randomUUID();
        return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO persons (id, display_name) VALUES ($1, $2)")
                .execute(Tuple.of(id, displayName))
                .compose(v -> zoneIds.isEmpty() ? Future.succeededFuture() : tx
                        .preparedQuery("INSERT INTO person_zones (person_id, zone_id) SELECT $1, unnest($2::uuid[])")
                        .execute(Tuple.tuple().addValue(id).addValue(zoneIds.toArray(UUID[]::new))))
                .map(id));
    }

    /** @param secretHash the device's MQTT secret, hashed ({@code CredentialHasher}) */
    public Future<Void> createDevice(String deviceId, DeviceKind kind, UUID personId, String vendorId,
                                     String secretHash) {
        return pool.preparedQuery("INSERT INTO devices (id, kind, person_id, vendor_id, secret_hash)"
                        + " VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(deviceId, kind.name(), personId, vendorId, secretHash))
                .mapEmpty();
    }

    public Future<Void> createVendor(String vendorId, String name, String fixFormat, String secretHash) {
        return pool.preparedQuery("INSERT INTO vendors (id, name, fix_format, secret_hash) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(vendorId, name, fixFormat, secretHash))
                .mapEmpty();
    }

    Future<RawRegistry> loadRawRegistry() {
        Future<Map<String, DeviceBinding>> devices = pool.query("SELECT id, kind, person_id, vendor_id FROM devices").execute()
                .map(rows -> {
                    Map<String, DeviceBinding> out = new HashMap<>();
                    for (Row r : rows) {
                        out.put(r.getString("id"), new DeviceBinding(r.getString("id"),
                                DeviceKind.valueOf(r.getString("kind")), r.getUUID("person_id"), r.getString("vendor_id")));
                    }
                    return out;
                });
        Future<List<Zone>> zones = pool.query("SELECT id, name, kind, ST_AsBinary(geom) AS wkb, radius_m FROM zones")
                .execute()
                .map(rows -> {
                    WKBReader reader = new WKBReader(ZONE_FACTORY);
                    List<Zone> out = new ArrayList<>();
                    for (Row r : rows) {
                        Double radius = r.getDouble("radius_m");
                        out.add(new Zone(r.getUUID("id"), r.getString("name"), ZoneKind.valueOf(r.getString("kind")),
                                read(reader, r.getBuffer("wkb").getBytes()), radius == null ? 0 : radius));
                    }
                    return out;
                });
        Future<Map<UUID, List<UUID>>> assignments = pool.query("SELECT person_id, zone_id FROM person_zones").execute()
                .map(rows -> {
                    Map<UUID, List<UUID>> out = new HashMap<>();
                    for (Row r : rows) {
                        out.computeIfAbsent(r.getUUID("person_id"), k -> new ArrayList<>()).add(r.getUUID("zone_id"));
                    }
                    return out;
                });
        Future<Map<UUID, List<CurfewWindow>>> curfews = pool
                .query("SELECT person_id, day_of_week, start_local, end_local FROM curfew_windows").execute()
                .map(rows -> {
                    Map<UUID, List<CurfewWindow>> out = new HashMap<>();
                    for (Row r : rows) {
                        out.computeIfAbsent(r.getUUID("person_id"), k -> new ArrayList<>()).add(new CurfewWindow(
                                DayOfWeek.of(r.getShort("day_of_week")), r.getLocalTime("start_local"),
                                r.getLocalTime("end_local")));
                    }
                    return out;
                });
        // Leaves that ended more than a day ago can no longer widen anyone's area.
        Future<Map<UUID, List<LeaveSpec>>> leaves = pool.query("""
                        SELECT l.id, l.person_id, l.starts_at, l.ends_at, array_agg(z.zone_id) AS zone_ids
                          FROM leave_permits l JOIN leave_permit_zones z ON z.leave_id = l.id
                         WHERE l.ends_at > now() - interval '1 day'
                         GROUP BY l.id""").execute()
                .map(rows -> {
                    Map<UUID, List<LeaveSpec>> out = new HashMap<>();
                    for (Row r : rows) {
                        out.computeIfAbsent(r.getUUID("person_id"), k -> new ArrayList<>()).add(new LeaveSpec(
                                r.getUUID("id"), r.getOffsetDateTime("starts_at").toInstant(),
                                r.getOffsetDateTime("ends_at").toInstant(), List.of(r.getArrayOfUUIDs("zone_ids"))));
                    }
                    return out;
                });
        Future<Map<String, String>> vendors = pool.query("SELECT id, fix_format FROM vendors").execute()
                .map(rows -> {
                    Map<String, String> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getString("id"), r.getString("fix_format")));
                    return out;
                });
        Future<Map<String, String>> secrets = pool.query(
                        "SELECT id AS username, secret_hash FROM devices WHERE secret_hash IS NOT NULL"
                        + " UNION ALL SELECT 'vendor:' || id, secret_hash FROM vendors WHERE secret_hash IS NOT NULL")
                .execute()
                .map(rows -> {
                    Map<String, String> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getString("username"), r.getString("secret_hash")));
                    return out;
                });
        return Future.all(List.of(devices, zones, assignments, curfews, leaves, vendors, secrets))
                .map(v -> new RawRegistry(devices.result(), vendors.result(), secrets.result(), zones.result(),
                        specs(assignments.result(), curfews.result(), leaves.result())));
    }

    private static Map<UUID, PersonRuleSpec> specs(Map<UUID, List<UUID>> zones, Map<UUID, List<CurfewWindow>> curfews,
                                                   Map<UUID, List<LeaveSpec>> leaves) {
        Set<UUID> persons = new HashSet<>(zones.keySet());
        persons.addAll(curfews.keySet());
        persons.addAll(leaves.keySet());
        Map<UUID, PersonRuleSpec> out = new HashMap<>();
        for (UUID p : persons) {
            out.put(p, new PersonRuleSpec(zones.getOrDefault(p, List.of()), curfews.getOrDefault(p, List.of()),
                    leaves.getOrDefault(p, List.of())));
        }
        return out;
    }

    private static Geometry read(WKBReader reader, byte[] wkb) {
        try {
            Geometry g = reader.read(wkb);
            g.setSRID(4326);
            return g;
        } catch (ParseException e) {
            throw new IllegalStateException("zone geometry in the database is not readable WKB", e);
        }
    }
}
