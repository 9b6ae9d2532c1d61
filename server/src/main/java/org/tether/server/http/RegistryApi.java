package org.tether.server.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.tether.gateway.decode.DeviceTopic;
import org.tether.geofence.zone.InvalidZoneException;
import org.tether.geofence.zone.ZoneKind;
import org.tether.geofence.zone.ZoneValidator;
import org.tether.server.registry.DeviceKind;
import org.tether.server.registry.LiveRegistry;
import org.tether.server.registry.RegistryRepository;

/**
 * The registry's seed API: zones, persons, devices. Every change reloads the live registry before
 * answering, so a device registered by a 201 is already recognised by the fix path.
 */
final class RegistryApi {

    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private final RegistryRepository repository;
    private final LiveRegistry registry;
    private final ZoneValidator validator;

    RegistryApi(RegistryRepository repository, LiveRegistry registry, ZoneValidator validator) {
        this.repository = repository;
        this.registry = registry;
        this.validator = validator;
    }

    void mount(Router router) {
        router.post("/api/zones").handler(this::createZone);
        router.post("/api/persons").handler(this::createPerson);
        router.post("/api/devices").handler(this::createDevice);
    }

    private void createZone(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        String name = JsonBodies.requiredText(body, "name", 200);
        ZoneKind kind = JsonBodies.requiredEnum(body, "kind", ZoneKind.class);
        Geometry geometry = geometry(body);
        created(ctx, repository.createZone(name, kind, geometry), id -> new JsonObject()
                .put("id", id.toString()).put("name", name).put("kind", kind.name())
                .put("vertices", geometry.getNumPoints()));
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
        if (!DeviceTopic.isValidDeviceId(id)) {
            throw new ProblemException(Problem.badRequest("id",
                    "a device id is 1–64 letters, digits, '.', '_', ':' or '-' (it appears in MQTT topics)"));
        }
        DeviceKind kind = JsonBodies.requiredEnum(body, "kind", DeviceKind.class);
        UUID personId = JsonBodies.requiredUuid(body, "personId");
        created(ctx, repository.createDevice(id, kind, personId).map(id), v -> new JsonObject()
                .put("id", id).put("kind", kind.name()).put("personId", personId.toString()));
    }

    private Geometry geometry(JsonObject body) {
        Object value = body.getValue("geometry");
        if (!(value instanceof JsonObject json)) {
            throw new ProblemException(Problem.badRequest("geometry", "'geometry' must be a GeoJSON geometry object"));
        }
        Geometry g;
        try {
            g = new GeoJsonReader(FACTORY).read(json.encode());
        } catch (ParseException | RuntimeException e) {
            throw new ProblemException(Problem.badRequest("geometry", "not a readable GeoJSON geometry: " + e.getMessage()));
        }
        try {
            validator.validate(g);
        } catch (InvalidZoneException e) {
            throw new ProblemException(Problem.unprocessable("geometry", e.reason() + ": " + e.getMessage()));
        }
        g.setSRID(4326);
        return g;
    }

    private <T> void created(RoutingContext ctx, Future<T> creation, java.util.function.Function<T, JsonObject> view) {
        creation.compose(result -> registry.reload().map(result))
                .onSuccess(result -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                        .end(view.apply(result).encode()))
                .onFailure(ctx::fail);
    }
}
