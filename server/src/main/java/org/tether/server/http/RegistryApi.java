package org.tether.server.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.tether.gateway.auth.CredentialHasher;
import org.tether.gateway.decode.DeviceTopic;
import org.tether.gateway.decode.FixFormat;
import org.tether.geofence.rule.CurfewWindow;
import org.tether.geofence.zone.ZoneKind;
import org.tether.geofence.zone.ZoneValidator;
import org.tether.server.registry.DeviceKind;
import org.tether.server.registry.LiveRegistry;
import org.tether.server.registry.RegistryChanges;
import org.tether.server.registry.RegistryRepository;

/**
 * The registry's seed API: zones, persons (their zones, curfew and leaves), devices, vendors. Every
 * change reloads this instance's live registry before answering, so a device registered by a 201 is
 * already recognised by the fix path, and notifies the other instances.
 */
final class RegistryApi {

    private final RegistryRepository repository;
    private final LiveRegistry registry;
    private final RegistryChanges changes;
    private final CredentialHasher hasher;
    private final ZoneValidator validator;
    private final double maxSegmentMeters;

    RegistryApi(RegistryRepository repository, LiveRegistry registry, RegistryChanges changes, CredentialHasher hasher,
                ZoneValidator validator, double maxSegmentMeters) {
        this.hasher = hasher;
        this.repository = repository;
        this.registry = registry;
        this.changes = changes;
        this.validator = validator;
        this.maxSegmentMeters = maxSegmentMeters;
    }

    void mount(Router router) {
        router.post("/api/zones").handler(this::createZone);
        router.post("/api/persons").handler(this::createPerson);
        router.post("/api/persons/:personId/zones").handler(this::assignZones);
        router.put("/api/persons/:personId/curfew").handler(this::replaceCurfew);
        router.post("/api/persons/:personId/leaves").handler(this::createLeave);
        router.post("/api/devices").handler(this::createDevice);
        router.post("/api/vendors").handler(this::createVendor);
    }

    /** A vendor platform that relays its devices' messages (vendor bridge). */
    private void createVendor(RoutingContext ctx) {
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
        created(ctx, hash(ctx, secret).compose(hash -> repository.createVendor(id, name, format, hash)).map(id),
                v -> new JsonObject().put("id", id).put("name", name).put("fixFormat", format)
                        .put("mqtt", credentials("vendor:" + id, secret)));
    }

    /**
     * A zone is exactly one of: {@code geometry} (GeoJSON Polygon/MultiPolygon, densified on save so
     * long edges mean the same on a map, in PostGIS geography and here), {@code circle}
     * ({@code {"center": [lon, lat], "radiusMeters": r}}) or {@code corridor}
     * ({@code {"route": [[lon, lat], …], "widthMeters": w}}, stored as its polygon).
     */
    private void createZone(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        String name = JsonBodies.requiredText(body, "name", 200);
        ZoneKind kind = JsonBodies.requiredEnum(body, "kind", ZoneKind.class);
        ZoneInput input = ZoneInput.read(body, validator, maxSegmentMeters);
        created(ctx, repository.createZone(name, kind, input.geometry(), input.radiusMeters()), id -> new JsonObject()
                .put("id", id.toString()).put("name", name).put("kind", kind.name()).put("shape", input.shape())
                .put("vertices", input.geometry().getNumPoints()));
    }

    private void assignZones(RoutingContext ctx) {
        UUID personId = pathUuid(ctx, "personId");
        List<UUID> zoneIds = JsonBodies.uuidList(JsonBodies.object(ctx), "zoneIds");
        created(ctx, repository.assignZones(personId, zoneIds).map(personId), id -> new JsonObject()
                .put("personId", id.toString()).put("zoneIds", zoneIds.stream().map(UUID::toString).toList()));
    }

    private void replaceCurfew(RoutingContext ctx) {
        UUID personId = pathUuid(ctx, "personId");
        List<CurfewWindow> windows = CurfewInput.read(JsonBodies.object(ctx));
        repository.replaceCurfew(personId, windows)
                .compose(v -> reloadEverywhere())
                .onSuccess(v -> ctx.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("personId", personId.toString())
                                .put("windows", CurfewInput.toJson(windows)).encode()))
                .onFailure(e -> ctx.fail(e instanceof java.util.NoSuchElementException
                        ? new ProblemException(new Problem(404, "Not found", "no such person", "personId")) : e));
    }

    private void createLeave(RoutingContext ctx) {
        UUID personId = pathUuid(ctx, "personId");
        JsonObject body = JsonBodies.object(ctx);
        Instant from = JsonBodies.requiredInstant(body, "from");
        Instant to = JsonBodies.requiredInstant(body, "to");
        if (!to.isAfter(from)) {
            throw new ProblemException(Problem.badRequest("to", "'to' must be after 'from'"));
        }
        List<UUID> zoneIds = JsonBodies.uuidList(body, "zoneIds");
        if (zoneIds.isEmpty()) {
            throw new ProblemException(Problem.badRequest("zoneIds", "a leave needs at least one destination zone"));
        }
        created(ctx, repository.createLeave(personId, from, to, zoneIds), id -> new JsonObject()
                .put("id", id.toString()).put("personId", personId.toString()).put("from", from.toString())
                .put("to", to.toString()).put("zoneIds", zoneIds.stream().map(UUID::toString).toList()));
    }

    private static UUID pathUuid(RoutingContext ctx, String name) {
        try {
            return UUID.fromString(ctx.pathParam(name));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.badRequest(name, "'" + ctx.pathParam(name) + "' is not an id (UUID)"));
        }
    }

    private void createPerson(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        String displayName = JsonBodies.requiredText(body, "displayName", 100);
        List<UUID> zoneIds = JsonBodies.uuidList(body, "zoneIds");
        created(ctx, repository.createPerson(displayName, zoneIds), id -> new JsonObject()
                .put("id", id.toString()).put("displayName", displayName)
                .put("zoneIds", zoneIds.stream().map(UUID::toString).toList()));
    }

    private void createDevice(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        String id = JsonBodies.requiredText(body, "id", 64);
        if (!DeviceTopic.isValidDeviceId(id) || id.startsWith("vendor:") || id.startsWith("service:")) {
            throw new ProblemException(Problem.badRequest("id", "a device id is 1–64 letters, digits, '.', '_', ':'"
                    + " or '-' (it appears in MQTT topics) and does not start with 'vendor:' or 'service:'"));
        }
        DeviceKind kind = JsonBodies.requiredEnum(body, "kind", DeviceKind.class);
        UUID personId = JsonBodies.requiredUuid(body, "personId");
        String vendorId = body.getValue("vendorId") == null ? null : JsonBodies.requiredText(body, "vendorId", 64);
        String secret = CredentialHasher.generateSecret();
        created(ctx, hash(ctx, secret).compose(hash -> repository.createDevice(id, kind, personId, vendorId, hash)).map(id),
                v -> new JsonObject().put("id", id).put("kind", kind.name()).put("personId", personId.toString())
                        .put("vendorId", vendorId).put("mqtt", credentials(id, secret)));
    }

    /** Hashing is deliberately slow (PBKDF2): never on the event loop. */
    private Future<String> hash(RoutingContext ctx, String secret) {
        return ctx.vertx().executeBlocking(() -> hasher.hash(secret.toCharArray()), false);
    }

    /**
     * The MQTT login, shown once: only its hash is stored, so a lost secret is replaced, not read back.
     */
    private static JsonObject credentials(String username, String secret) {
        return new JsonObject().put("username", username).put("password", secret);
    }

    /** This instance before answering (so a 201 means "in force here"), the others through a notice. */
    private Future<Void> reloadEverywhere() {
        return registry.reload().compose(v -> changes.announce());
    }

    private <T> void created(RoutingContext ctx, Future<T> creation, java.util.function.Function<T, JsonObject> view) {
        creation.compose(result -> reloadEverywhere().map(result))
                .onSuccess(result -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                        .end(view.apply(result).encode()))
                .onFailure(ctx::fail);
    }
}
