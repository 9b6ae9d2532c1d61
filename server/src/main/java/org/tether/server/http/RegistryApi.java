package org.tether.server.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;
import org.tether.gateway.auth.CredentialHasher;
import org.tether.gateway.decode.DeviceTopic;
import org.tether.gateway.decode.FixFormat;
import org.tether.geofence.zone.ZoneKind;
import org.tether.geofence.zone.ZoneValidator;
import org.tether.server.audit.AuditEntry;
import org.tether.server.http.Writes.Audited;
import org.tether.server.registry.PersonRepository;
import org.tether.server.registry.RegistryRepository;
import org.tether.server.staff.StaffPrincipal;
import org.tether.server.staff.StaffRole;

/** Zones (shared by an office or a person's own) and vendor platforms. */
final class RegistryApi {

    private final Writes writes;
    private final RegistryRepository repository;
    private final PersonRepository persons;
    private final CredentialHasher hasher;
    private final ZoneValidator validator;
    private final double maxSegmentMeters;

    RegistryApi(Writes writes, RegistryRepository repository, PersonRepository persons, CredentialHasher hasher,
                ZoneValidator validator, double maxSegmentMeters) {
        this.writes = writes;
        this.repository = repository;
        this.persons = persons;
        this.hasher = hasher;
        this.validator = validator;
        this.maxSegmentMeters = maxSegmentMeters;
    }

    void mount(Router router) {
        router.post("/api/zones").handler(this::createZone);
        router.get("/api/zones").handler(this::listZones);
        router.get("/api/zones/:zoneId").handler(this::getZone);
        router.put("/api/zones/:zoneId").handler(this::updateZone);
        router.delete("/api/zones/:zoneId").handler(this::retireZone);
        router.post("/api/vendors").handler(this::createVendor);
        router.get("/api/vendors").handler(this::listVendors);
    }

    /** A vendor platform that relays its devices' messages (vendor bridge). Administrators only. */
    private void createVendor(RoutingContext ctx) {
        StaffPrincipal admin = Access.role(ctx, StaffRole.ADMIN, "only an administrator registers vendor platforms");
        JsonObject body = JsonBodies.object(ctx);
        String id = JsonBodies.requiredText(body, "id", 64);
        if (!DeviceTopic.isValidDeviceId(id)) {
            throw new ProblemException(Problem.badRequest("id",
                    "a vendor id is 1–64 letters, digits, '.', '_', ':' or '-' (it appears in MQTT topics)"));
        }
        String name = JsonBodies.requiredText(body, "name", 200);
        String format = body.getString("fixFormat", FixFormat.TETHER_JSON_V1.formatName());
        if (FixFormat.parse(format).isEmpty()) {
            throw new ProblemException(Problem.badRequest("fixFormat", "unknown fix format '" + format + "'; one of "
                    + java.util.Arrays.stream(FixFormat.values()).map(FixFormat::formatName).toList()));
        }
        String secret = CredentialHasher.generateSecret();
        JsonObject view = new JsonObject().put("id", id).put("name", name).put("fixFormat", format);
        hash(ctx.vertx(), hasher, secret)
                .compose(hash -> writes.registry(admin, tx -> repository.createVendor(tx, id, name, format, hash)
                        .map(v -> new Audited<>(view, AuditEntry.of("vendor.create", "vendor", id, null, view)))))
                .onSuccess(v -> Responses.json(ctx, 201, view.copy().put("mqtt", credentials("vendor:" + id, secret))))
                .onFailure(ctx::fail);
    }

    private void listVendors(RoutingContext ctx) {
        StaffAuth.principal(ctx);
        repository.listVendors().onSuccess(list -> Responses.items(ctx, list)).onFailure(ctx::fail);
    }

    /**
     * A zone is exactly one of: {@code geometry} (GeoJSON Polygon/MultiPolygon, densified on save so
     * long edges mean the same on a map, in PostGIS geography and here), {@code circle}
     * ({@code {"center": [lon, lat], "radiusMeters": r}}) or {@code corridor}
     * ({@code {"route": [[lon, lat], …], "widthMeters": w}}, stored as its polygon). With {@code personId}
     * it is that person's own zone; otherwise it is shared by {@code officeId} (default: an officer's own
     * office; a county agency's zones serve all its justice offices).
     */
    private void createZone(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        JsonObject body = JsonBodies.object(ctx);
        String name = JsonBodies.requiredText(body, "name", 200);
        ZoneKind kind = JsonBodies.requiredEnum(body, "kind", ZoneKind.class);
        Optional<UUID> personId = JsonBodies.optionalUuid(body, "personId");
        Optional<UUID> officeId = JsonBodies.optionalUuid(body, "officeId");
        if (personId.isPresent() && officeId.isPresent()) {
            throw new ProblemException(Problem.badRequest("officeId", "a person's own zone takes the person's office:"
                    + " give 'personId' or 'officeId', not both"));
        }
        UUID office = personId.isPresent() ? null : Access.office(who, officeId);
        ZoneInput input = ZoneInput.read(body, validator, maxSegmentMeters);
        writes.registry(who, tx -> personId.map(p -> Access.lockPerson(persons, tx, who, p).map(ref -> ref.officeId()))
                        .orElse(Future.succeededFuture(office))
                        .compose(zoneOffice -> repository.createZone(tx, name, kind, input.geometry(), input.radiusMeters(),
                                        zoneOffice, personId.orElse(null))
                                .map(id -> new JsonObject().put("id", id.toString()).put("name", name)
                                        .put("kind", kind.name()).put("shape", input.shape())
                                        .put("vertices", input.geometry().getNumPoints())
                                        .put("officeId", zoneOffice.toString())
                                        .put("personId", personId.map(UUID::toString).orElse(null)))
                                .map(json -> new Audited<>(json, AuditEntry.of("zone.create", "zone", json.getString("id"),
                                        zoneOffice, json)))))
                .onSuccess(json -> Responses.json(ctx, 201, json))
                .onFailure(ctx::fail);
    }

    /** {@code ?format=geojson}: a GeoJSON FeatureCollection (import/export in the zone editor); else {@code {items}}. */
    private void listZones(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        String format = ctx.queryParams().get("format");
        if (format != null && !format.equals("geojson") && !format.equals("json")) {
            throw new ProblemException(Problem.badRequest("format", "format must be geojson or json"));
        }
        repository.listZones(who.officeArray(), null)
                .onSuccess(list -> {
                    if ("geojson".equals(format)) {
                        ctx.response().putHeader("Content-Type", "application/geo+json")
                                .end(featureCollection(list).encode());
                    } else {
                        Responses.items(ctx, list);
                    }
                })
                .onFailure(ctx::fail);
    }

    /** Circles are a Point with {@code radiusMeters} among the properties (GeoJSON has no circle). */
    static JsonObject featureCollection(java.util.List<JsonObject> zones) {
        io.vertx.core.json.JsonArray features = new io.vertx.core.json.JsonArray();
        for (JsonObject z : zones) {
            JsonObject properties = new JsonObject().put("id", z.getString("id")).put("name", z.getString("name"))
                    .put("kind", z.getString("kind")).put("officeId", z.getString("officeId"))
                    .put("personId", z.getString("personId")).put("version", z.getInteger("version"));
            if (z.getValue("radiusMeters") != null) {
                properties.put("radiusMeters", z.getDouble("radiusMeters"));
            }
            features.add(new JsonObject().put("type", "Feature").put("id", z.getString("id"))
                    .put("geometry", z.getJsonObject("geometry")).put("properties", properties));
        }
        return new JsonObject().put("type", "FeatureCollection").put("features", features);
    }

    /**
     * A new name, kind and shape for a zone, with the same body and validation as creating one. The zone keeps
     * its id (persons and leaves keep it); the shape it had is kept (zone_versions); the live registry reloads
     * before the answer, so the next fix is judged against the new shape. The owner does not change.
     */
    private void updateZone(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        UUID zoneId = JsonBodies.pathUuid(ctx, "zoneId");
        JsonObject body = JsonBodies.object(ctx);
        String name = JsonBodies.requiredText(body, "name", 200);
        ZoneKind kind = JsonBodies.requiredEnum(body, "kind", ZoneKind.class);
        Optional<UUID> personId = JsonBodies.optionalUuid(body, "personId");
        Optional<UUID> officeId = JsonBodies.optionalUuid(body, "officeId");
        ZoneInput input = ZoneInput.read(body, validator, maxSegmentMeters);
        writes.registry(who, tx -> repository.lockZone(tx, who.officeArray(), zoneId)
                        .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(
                                new ProblemException(Problem.notFound("zoneId", "no zone " + zoneId + " in your offices")))))
                        .compose(zone -> {
                            if (personId.isPresent() && !personId.get().equals(zone.personId())) {
                                return Future.failedFuture(new ProblemException(Problem.unprocessable("personId",
                                        "a zone's owner does not change; create a new zone for another person")));
                            }
                            if (officeId.isPresent() && !officeId.get().equals(zone.officeId())) {
                                return Future.failedFuture(new ProblemException(Problem.unprocessable("officeId",
                                        "a zone's owner does not change; create a new zone for another office")));
                            }
                            return repository.updateZone(tx, zoneId, name, kind, input.geometry(), input.radiusMeters())
                                    .map(version -> new JsonObject().put("id", zoneId.toString()).put("name", name)
                                            .put("kind", kind.name()).put("shape", input.shape())
                                            .put("vertices", input.geometry().getNumPoints())
                                            .put("officeId", zone.officeId().toString())
                                            .put("personId", zone.personId() == null ? null : zone.personId().toString())
                                            .put("version", version).put("previousVersion", zone.version()))
                                    .map(json -> new Audited<>(json, AuditEntry.of("zone.update", "zone", zoneId,
                                            zone.officeId(), json)));
                        }))
                .onSuccess(json -> Responses.json(ctx, 200, json))
                .onFailure(ctx::fail);
    }

    /**
     * Retires a zone: it no longer counts for anyone (the registry reloads before the answer) but stays stored,
     * with its history, for the alerts that cite it. The answer says how many persons in supervision had it.
     */
    private void retireZone(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        UUID zoneId = JsonBodies.pathUuid(ctx, "zoneId");
        writes.registry(who, tx -> repository.lockZone(tx, who.officeArray(), zoneId)
                        .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(
                                new ProblemException(Problem.notFound("zoneId", "no zone " + zoneId + " in your offices")))))
                        .compose(zone -> repository.retireZone(tx, zoneId, who.id())
                                .map(assigned -> new JsonObject().put("id", zoneId.toString()).put("retired", true)
                                        .put("version", zone.version()).put("assignedPersons", assigned))
                                .map(json -> new Audited<>(json, AuditEntry.of("zone.retire", "zone", zoneId,
                                        zone.officeId(), json)))))
                .onSuccess(json -> Responses.json(ctx, 200, json))
                .onFailure(ctx::fail);
    }

    private void getZone(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        UUID id = JsonBodies.pathUuid(ctx, "zoneId");
        repository.listZones(who.officeArray(), id)
                .onSuccess(list -> {
                    if (list.isEmpty()) {
                        Problem.notFound("zoneId", "no zone " + id + " in your offices").send(ctx);
                    } else {
                        Responses.json(ctx, 200, list.get(0));
                    }
                })
                .onFailure(ctx::fail);
    }

    /** Hashing is deliberately slow (PBKDF2): never on the event loop. */
    static Future<String> hash(Vertx vertx, CredentialHasher hasher, String secret) {
        return vertx.executeBlocking(() -> hasher.hash(secret.toCharArray()), false);
    }

    /** The MQTT login, shown once: only its hash is stored, so a lost secret is replaced, not read back. */
    static JsonObject credentials(String username, String secret) {
        return new JsonObject().put("username", username).put("password", secret);
    }
}
