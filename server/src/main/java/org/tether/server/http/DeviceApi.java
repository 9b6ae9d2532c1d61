package org.tether.server.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import java.util.UUID;
import org.tether.gateway.auth.CredentialHasher;
import org.tether.gateway.decode.DeviceTopic;
import org.tether.server.audit.AuditEntry;
import org.tether.server.http.Writes.Audited;
import org.tether.server.registry.Device;
import org.tether.server.registry.DeviceKind;
import org.tether.server.registry.DeviceRepository;
import org.tether.server.registry.EmOrder;
import org.tether.server.registry.EmOrderRepository;
import org.tether.server.registry.PersonRepository;
import org.tether.server.registry.PersonRepository.PersonRef;
import org.tether.server.registry.PersonStatus;
import org.tether.server.staff.StaffPrincipal;

/**
 * Devices (phones, bracelets): registration with the MQTT login, binding to a person and unbinding,
 * with the history kept. A bracelet is bound only under an electronic-monitoring order in force (law
 * Art. 29); a person has at most one bound device of each kind.
 */
final class DeviceApi {

    private final Writes writes;
    private final DeviceRepository devices;
    private final PersonRepository persons;
    private final EmOrderRepository orders;
    private final CredentialHasher hasher;

    DeviceApi(Writes writes, DeviceRepository devices, PersonRepository persons, EmOrderRepository orders,
              CredentialHasher hasher) {
        this.writes = writes;
        this.devices = devices;
        this.persons = persons;
        this.orders = orders;
        this.hasher = hasher;
    }

    void mount(Router router) {
        router.post("/api/devices").handler(this::create);
        router.get("/api/devices").handler(this::list);
        router.get("/api/devices/:deviceId").handler(this::get);
        router.put("/api/devices/:deviceId/binding").handler(this::bind);
        router.delete("/api/devices/:deviceId/binding").handler(this::unbind);
        router.get("/api/persons/:personId/devices").handler(this::ofPerson);
    }

    /** {@code {id, kind, personId?, officeId?, vendorId?, emOrderId?}}: registered and, with a person, bound. */
    private void create(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        JsonObject body = JsonBodies.object(ctx);
        String id = JsonBodies.requiredText(body, "id", 64);
        if (!DeviceTopic.isValidDeviceId(id) || id.startsWith("vendor:") || id.startsWith("service:")) {
            throw new ProblemException(Problem.badRequest("id", "a device id is 1–64 letters, digits, '.', '_', ':'"
                    + " or '-' (it appears in MQTT topics) and does not start with 'vendor:' or 'service:'"));
        }
        DeviceKind kind = JsonBodies.requiredEnum(body, "kind", DeviceKind.class);
        Optional<UUID> personId = JsonBodies.optionalUuid(body, "personId");
        Optional<UUID> orderId = JsonBodies.optionalUuid(body, "emOrderId");
        UUID office = personId.isPresent() ? null : Access.office(who, JsonBodies.optionalUuid(body, "officeId"));
        String vendorId = body.getValue("vendorId") == null ? null : JsonBodies.requiredText(body, "vendorId", 64);
        String secret = CredentialHasher.generateSecret();
        RegistryApi.hash(ctx.vertx(), hasher, secret)
                .compose(hash -> writes.registry(who, tx -> personId
                        .map(p -> Access.lockPerson(persons, tx, who, p).compose(ref -> devices
                                .create(tx, id, kind, ref.officeId(), vendorId, hash)
                                .compose(v -> bindLocked(tx, who, new Device(id, kind, ref.officeId(), null, vendorId), ref,
                                        orderId))
                                .map(order -> new Placed(ref.officeId(), order))))
                        .orElseGet(() -> devices.create(tx, id, kind, office, vendorId, hash).map(new Placed(office, null)))
                        .map(placed -> {
                            JsonObject view = new JsonObject().put("id", id).put("kind", kind.name())
                                    .put("officeId", placed.officeId().toString())
                                    .put("personId", personId.map(UUID::toString).orElse(null)).put("vendorId", vendorId)
                                    .put("emOrderId", placed.orderId() == null ? null : placed.orderId().toString());
                            return new Audited<>(view, AuditEntry.of("device.create", "device", id, placed.officeId(), view));
                        })))
                .onSuccess(view -> Responses.json(ctx, 201, view.copy().put("mqtt", RegistryApi.credentials(id, secret))))
                .onFailure(ctx::fail);
    }

    private record Placed(UUID officeId, UUID orderId) {
    }

    /**
     * Binds the device (locked, unbound, of an office the person may use) to the person (locked, in
     * supervision). A bracelet needs the person's order in force ({@code orderId}, or any); answers it.
     */
    private Future<UUID> bindLocked(SqlClient tx, StaffPrincipal who, Device device, PersonRef person,
                                    Optional<UUID> orderId) {
        if (person.status() != PersonStatus.IN_SUPERVISION) {
            return Future.failedFuture(new ProblemException(Problem.unprocessable("personId",
                    "the person's supervision has ended")));
        }
        if (device.personId() != null) {
            return Future.failedFuture(new ProblemException(Problem.conflict("deviceId",
                    "the device is bound to a person; unbind it first")));
        }
        Future<UUID> order = device.kind() != DeviceKind.BRACELET
                ? Future.succeededFuture(orderId.orElse(null))
                : orders.inForce(tx, person.id(), orderId.orElse(null)).compose(o -> o.map(EmOrder::id)
                        .map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(new ProblemException(
                                Problem.unprocessable("emOrderId", "a bracelet is bound only under an electronic-monitoring"
                                        + " order in force for this person (law Art. 29); "
                                        + (orderId.isPresent() ? "order " + orderId.get() + " is not in force"
                                        : "the person has none"))))));
        return order.compose(o -> devices.bind(tx, device.id(), person.id(), person.officeId(), o, who.id()).map(o));
    }

    /** The person page's devices: what is bound now, with battery and last contact (404 outside the caller's offices). */
    private void ofPerson(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        UUID personId = JsonBodies.pathUuid(ctx, "personId");
        Access.person(persons, writes.pool(), who, personId)
                .compose(ref -> devices.boundTo(writes.pool(), personId))
                .onSuccess(items -> Responses.items(ctx, items))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        devices.list(who.officeArray(), null)
                .onSuccess(list -> Responses.items(ctx, list.stream().map(Device::toJson).toList()))
                .onFailure(ctx::fail);
    }

    /** The device and its binding history, oldest first. */
    private void get(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        String id = ctx.pathParam("deviceId");
        devices.list(who.officeArray(), id)
                .compose(list -> list.isEmpty()
                        ? Future.failedFuture(new ProblemException(Problem.notFound("deviceId", "no device " + id
                        + " in your offices")))
                        : devices.bindings(id).map(b -> list.get(0).toJson().put("bindings", new io.vertx.core.json.JsonArray(b))))
                .onSuccess(json -> Responses.json(ctx, 200, json))
                .onFailure(ctx::fail);
    }

    /** {@code PUT /api/devices/{id}/binding {personId, emOrderId?}}. */
    private void bind(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        String id = ctx.pathParam("deviceId");
        JsonObject body = JsonBodies.object(ctx);
        UUID personId = JsonBodies.requiredUuid(body, "personId");
        Optional<UUID> orderId = JsonBodies.optionalUuid(body, "emOrderId");
        writes.registry(who, tx -> lockDevice(tx, who, id)
                        .compose(device -> Access.lockPerson(persons, tx, who, personId).compose(person -> {
                            return bindLocked(tx, who, device, person, orderId).map(order -> {
                                JsonObject view = new JsonObject().put("deviceId", id).put("personId", personId.toString())
                                        .put("emOrderId", order == null ? null : order.toString());
                                return new Audited<>(view, AuditEntry.of("device.bind", "device", id, person.officeId(), view));
                            });
                        })))
                .onSuccess(view -> Responses.json(ctx, 200, view))
                .onFailure(ctx::fail);
    }

    /** {@code DELETE /api/devices/{id}/binding?reason=}: the binding ends; the history keeps it. */
    private void unbind(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        String id = ctx.pathParam("deviceId");
        String reason = ctx.queryParams().get("reason");
        if (reason != null && reason.length() > 500) {
            throw new ProblemException(Problem.badRequest("reason", "'reason' is longer than 500 characters"));
        }
        writes.registry(who, tx -> lockDevice(tx, who, id).compose(device -> {
                    if (device.personId() == null) {
                        return Future.failedFuture(new ProblemException(Problem.conflict("deviceId", "the device is not bound")));
                    }
                    return devices.unbind(tx, id, who.id(), reason).map(v -> new Audited<>(device,
                            AuditEntry.of("device.unbind", "device", id, device.officeId(), new JsonObject()
                                    .put("personId", device.personId().toString()).put("reason", reason))));
                }))
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private Future<Device> lockDevice(SqlClient tx, StaffPrincipal who, String id) {
        return devices.lock(tx, id).compose(d -> d.filter(x -> who.sees(x.officeId())).map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new ProblemException(Problem.notFound("deviceId",
                        "no device " + id + " in your offices")))));
    }
}
