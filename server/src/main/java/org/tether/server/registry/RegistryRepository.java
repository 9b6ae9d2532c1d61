package org.tether.server.registry;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
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

/**
 * Registry storage: zones and their assignment, curfews, leaves, vendors, and the snapshot the fix path
 * reads. Methods taking a {@link SqlClient} run inside the caller's transaction.
 */
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

    /**
     * Stores a polygonal zone, or a circle when {@code radiusMeters} > 0 (geometry = centre point), shared
     * by an office ({@code personId} null) or a person's own.
     */
    public Future<UUID> createZone(SqlClient tx, String name, ZoneKind kind, Geometry geometry, double radiusMeters,
                                   UUID officeId, UUID personId) {
        UUID id = UUID.randomUUID();
        byte[] wkb = new WKBWriter(2).write(geometry);
        return tx.preparedQuery("INSERT INTO zones (id, name, kind, geom, radius_m, office_id, person_id)"
                        + " VALUES ($1, $2, $3, ST_GeomFromWKB($4, 4326), $5, $6, $7)")
                .execute(Tuple.of(id, name, kind.name(), Buffer.buffer(wkb), radiusMeters > 0 ? radiusMeters : null,
                        officeId, personId))
                .map(id);
    }

    /**
     * Zones a person of {@code officeId} may be given: their office's shared zones, their county
     * agency's shared zones, and their own. Fails with {@link NoSuchElementException} naming the first
     * zone that is none of these (or does not exist).
     */
    public Future<Void> checkZonesUsable(SqlClient tx, UUID personId, UUID officeId, List<UUID> zoneIds) {
        if (zoneIds.isEmpty()) {
            return Future.succeededFuture();
        }
        return tx.preparedQuery("""
                        SELECT z.id FROM zones z
                         WHERE z.id = ANY($1) AND (z.person_id IS NULL OR z.person_id = $2) AND z.retired_at IS NULL
                           AND z.office_id IN (SELECT id FROM offices WHERE id = $3
                                               UNION SELECT parent_id FROM offices WHERE id = $3)""")
                .execute(Tuple.tuple().addValue(zoneIds.toArray(UUID[]::new)).addValue(personId).addValue(officeId))
                .compose(rows -> {
                    Set<UUID> found = new HashSet<>();
                    rows.forEach(r -> found.add(r.getUUID("id")));
                    for (UUID z : zoneIds) {
                        if (!found.contains(z)) {
                            return Future.failedFuture(new NoSuchElementException(z.toString()));
                        }
                    }
                    return Future.succeededFuture();
                });
    }

    public Future<Void> assignZones(SqlClient tx, UUID personId, List<UUID> zoneIds) {
        if (zoneIds.isEmpty()) {
            return Future.succeededFuture();
        }
        return tx.preparedQuery("INSERT INTO person_zones (person_id, zone_id) SELECT $1, unnest($2::uuid[])"
                        + " ON CONFLICT DO NOTHING")
                .execute(Tuple.tuple().addValue(personId).addValue(zoneIds.toArray(UUID[]::new)))
                .mapEmpty();
    }

    /** Replaces the person's curfew windows (the caller holds the person's row lock). */
    public Future<Void> replaceCurfew(SqlClient tx, UUID personId, List<CurfewWindow> windows) {
        return tx.preparedQuery("DELETE FROM curfew_windows WHERE person_id = $1").execute(Tuple.of(personId))
                .compose(v -> windows.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(
                                "INSERT INTO curfew_windows (person_id, day_of_week, start_local, end_local)"
                                        + " VALUES ($1, $2, $3, $4)")
                        .executeBatch(windows.stream().map(w -> Tuple.of(personId, (short) w.day().getValue(),
                                w.start(), w.end())).toList()))
                .mapEmpty();
    }

    public Future<UUID> createLeave(SqlClient tx, UUID personId, Instant from, Instant to, List<UUID> zoneIds) {
        UUID id = UUID.randomUUID();
        return tx.preparedQuery("INSERT INTO leave_permits (id, person_id, starts_at, ends_at) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(id, personId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
                .compose(v -> tx.preparedQuery("INSERT INTO leave_permit_zones (leave_id, zone_id)"
                                + " SELECT $1, unnest($2::uuid[])")
                        .execute(Tuple.tuple().addValue(id).addValue(zoneIds.toArray(UUID[]::new))))
                .map(id);
    }

    public Future<Void> createVendor(SqlClient tx, String vendorId, String name, String fixFormat, String secretHash) {
        return tx.preparedQuery("INSERT INTO vendors (id, name, fix_format, secret_hash) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(vendorId, name, fixFormat, secretHash))
                .mapEmpty();
    }

    public Future<List<JsonObject>> listVendors() {
        return pool.query("SELECT id, name, fix_format FROM vendors ORDER BY id").execute()
                .map(rows -> {
                    List<JsonObject> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new JsonObject().put("id", r.getString("id")).put("name", r.getString("name"))
                            .put("fixFormat", r.getString("fix_format"))));
                    return out;
                });
    }

    /**
     * Zones of these offices, as GeoJSON (circles as their centre and radius). The list leaves retired zones
     * out; one zone asked for by id is answered retired or not (an old alert still shows its zone).
     */
    public Future<List<JsonObject>> listZones(UUID[] offices, UUID zoneId) {
        return pool.preparedQuery("SELECT id, name, kind, office_id, person_id, radius_m, ST_AsGeoJSON(geom) AS geojson,"
                        + " version, updated_at, retired_at FROM zones WHERE office_id = ANY($1)"
                        + " AND ($2::uuid IS NULL AND retired_at IS NULL OR id = $2) ORDER BY created_at, id")
                .execute(Tuple.of(offices, zoneId))
                .map(rows -> {
                    List<JsonObject> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new JsonObject().put("id", r.getUUID("id").toString())
                            .put("name", r.getString("name")).put("kind", r.getString("kind"))
                            .put("officeId", r.getUUID("office_id").toString())
                            .put("personId", r.getUUID("person_id") == null ? null : r.getUUID("person_id").toString())
                            .put("radiusMeters", r.getDouble("radius_m"))
                            .put("geometry", new JsonObject(r.getString("geojson")))
                            .put("version", r.getInteger("version"))
                            .put("updatedAt", r.getOffsetDateTime("updated_at").toInstant().toString())
                            .put("retiredAt", r.getOffsetDateTime("retired_at") == null ? null
                                    : r.getOffsetDateTime("retired_at").toInstant().toString())));
                    return out;
                });
    }

    /** The zone a change is about, locked for it: its owner and version; empty when not in these offices or retired. */
    public record ZoneOwner(UUID id, UUID officeId, UUID personId, int version) {
    }

    public Future<java.util.Optional<ZoneOwner>> lockZone(SqlClient tx, UUID[] offices, UUID zoneId) {
        return tx.preparedQuery("SELECT id, office_id, person_id, version FROM zones"
                        + " WHERE id = $1 AND office_id = ANY($2) AND retired_at IS NULL FOR UPDATE")
                .execute(Tuple.tuple().addValue(zoneId).addValue(offices)) // Tuple.of(x, array) would spread the array
                .map(rows -> rows.size() == 0 ? java.util.Optional.empty() : java.util.Optional.of(rows.iterator().next())
                        .map(r -> new ZoneOwner(r.getUUID("id"), r.getUUID("office_id"), r.getUUID("person_id"),
                                r.getInteger("version"))));
    }

    /**
     * Gives the zone a new name, kind and shape in place (persons, leaves and alerts keep referring to it);
     * the trigger {@code zones_keep_version} keeps the previous shape in {@code zone_versions}. The new version.
     */
    public Future<Integer> updateZone(SqlClient tx, UUID zoneId, String name, ZoneKind kind, Geometry geometry,
                                      double radiusMeters) {
        byte[] wkb = new WKBWriter(2).write(geometry);
        return tx.preparedQuery("UPDATE zones SET name = $2, kind = $3, geom = ST_GeomFromWKB($4, 4326), radius_m = $5,"
                        + " version = version + 1, updated_at = now() WHERE id = $1 RETURNING version")
                .execute(Tuple.of(zoneId, name, kind.name(), Buffer.buffer(wkb), radiusMeters > 0 ? radiusMeters : null))
                .map(rows -> rows.iterator().next().getInteger("version"));
    }

    /** Retires the zone; how many persons in supervision had it assigned (they no longer have it). */
    public Future<Integer> retireZone(SqlClient tx, UUID zoneId, UUID by) {
        return tx.preparedQuery("UPDATE zones SET retired_at = now(), retired_by = $2 WHERE id = $1")
                .execute(Tuple.of(zoneId, by))
                .compose(v -> tx.preparedQuery("SELECT count(*)::int AS n FROM person_zones pz JOIN persons p"
                                + " ON p.id = pz.person_id WHERE pz.zone_id = $1 AND p.status = 'IN_SUPERVISION'")
                        .execute(Tuple.of(zoneId)))
                .map(rows -> rows.iterator().next().getInteger("n"));
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
        // A retired zone counts for nobody (it stays stored for the alerts that cite it).
        Future<List<Zone>> zones = pool.query("SELECT id, name, kind, ST_AsBinary(geom) AS wkb, radius_m FROM zones"
                        + " WHERE retired_at IS NULL")
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
        Future<Map<UUID, List<UUID>>> assignments = pool.query("SELECT pz.person_id, pz.zone_id FROM person_zones pz"
                        + " JOIN zones z ON z.id = pz.zone_id WHERE z.retired_at IS NULL").execute()
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
                          JOIN zones live ON live.id = z.zone_id AND live.retired_at IS NULL
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
        Future<Map<UUID, UUID>> offices = pool.query("SELECT id, office_id FROM persons WHERE office_id IS NOT NULL")
                .execute()
                .map(rows -> {
                    Map<UUID, UUID> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getUUID("id"), r.getUUID("office_id")));
                    return out;
                });
        return Future.all(List.of(devices, zones, assignments, curfews, leaves, vendors, secrets, offices))
                .map(v -> new RawRegistry(devices.result(), vendors.result(), secrets.result(), zones.result(),
                        specs(assignments.result(), curfews.result(), leaves.result()), offices.result()));
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
