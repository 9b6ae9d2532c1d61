package org.tether.server.registry;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.tether.geofence.zone.Zone;
import org.tether.geofence.zone.ZoneKind;

/** Registry storage: persons, zones and their assignment, devices. */
public final class RegistryRepository {

    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private final Pool pool;

    public RegistryRepository(Pool pool) {
        this.pool = pool;
    }

    public Future<UUID> createZone(String name, ZoneKind kind, Geometry geometry) {
        UUID id = UUID.randomUUID();
        byte[] wkb = new WKBWriter(2).write(geometry);
        return pool.preparedQuery("INSERT INTO zones (id, name, kind, geom) VALUES ($1, $2, $3, ST_GeomFromWKB($4, 4326))")
                .execute(Tuple.of(id, name, kind.name(), Buffer.buffer(wkb)))
                .map(id);
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

    public Future<Void> createDevice(String deviceId, DeviceKind kind, UUID personId) {
        return pool.preparedQuery("INSERT INTO devices (id, kind, person_id) VALUES ($1, $2, $3)")
                .execute(Tuple.of(deviceId, kind.name(), personId))
                .mapEmpty();
    }

    Future<RawRegistry> loadRawRegistry() {
        Future<Map<String, DeviceBinding>> devices = pool.query("SELECT id, kind, person_id FROM devices").execute()
                .map(rows -> {
                    Map<String, DeviceBinding> out = new HashMap<>();
                    for (Row r : rows) {
                        out.put(r.getString("id"), new DeviceBinding(r.getString("id"),
                                DeviceKind.valueOf(r.getString("kind")), r.getUUID("person_id")));
                    }
                    return out;
                });
        Future<List<Zone>> zones = pool.query("SELECT id, name, kind, ST_AsBinary(geom) AS wkb FROM zones").execute()
                .map(rows -> {
                    WKBReader reader = new WKBReader(FACTORY);
                    List<Zone> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Zone(r.getUUID("id"), r.getString("name"), ZoneKind.valueOf(r.getString("kind")),
                                read(reader, r.getBuffer("wkb").getBytes())));
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
        return Future.all(devices, zones, assignments)
                .map(v -> new RawRegistry(devices.result(), zones.result(), assignments.result()));
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
