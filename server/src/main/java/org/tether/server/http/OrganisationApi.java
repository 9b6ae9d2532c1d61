package org.tether.server.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;
import org.tether.server.audit.AuditEntry;
import org.tether.server.http.Writes.Audited;
import org.tether.server.org.Office;
import org.tether.server.org.OfficeKind;
import org.tether.server.org.OfficeRepository;
import org.tether.server.staff.StaffAccount;
import org.tether.server.staff.StaffPasswords;
import org.tether.server.staff.StaffPrincipal;
import org.tether.server.staff.StaffRepository;
import org.tether.server.staff.StaffRole;
import org.tether.server.staff.StaffSessions;

/**
 * The organisation: county agencies and justice offices, staff accounts. Administrators change it;
 * other staff see their own offices and colleagues.
 */
final class OrganisationApi {

    private static final String ADMIN_ONLY = "only an administrator manages offices and staff accounts";

    private final Writes writes;
    private final OfficeRepository offices;
    private final StaffRepository staff;
    private final StaffPasswords passwords;
    private final StaffSessions sessions;

    OrganisationApi(Writes writes, OfficeRepository offices, StaffRepository staff, StaffPasswords passwords,
                    StaffSessions sessions) {
        this.writes = writes;
        this.offices = offices;
        this.staff = staff;
        this.passwords = passwords;
        this.sessions = sessions;
    }

    void mount(Router router) {
        router.post("/api/offices").handler(this::createOffice);
        router.get("/api/offices").handler(this::listOffices);
        router.post("/api/staff").handler(this::createStaff);
        router.get("/api/staff").handler(this::listStaff);
        router.patch("/api/staff/:staffId").handler(this::updateStaff);
    }

    private void createOffice(RoutingContext ctx) {
        StaffPrincipal admin = Access.role(ctx, StaffRole.ADMIN, ADMIN_ONLY);
        JsonObject body = JsonBodies.object(ctx);
        String name = JsonBodies.requiredText(body, "name", 200);
        OfficeKind kind = JsonBodies.requiredEnum(body, "kind", OfficeKind.class);
        Optional<UUID> parent = JsonBodies.optionalUuid(body, "parentId");
        if (kind == OfficeKind.JUSTICE_OFFICE && parent.isEmpty()) {
            throw new ProblemException(Problem.badRequest("parentId", "a justice office needs 'parentId': its county agency"));
        }
        if (kind == OfficeKind.COUNTY_AGENCY && parent.isPresent()) {
            throw new ProblemException(Problem.badRequest("parentId", "a county agency has no parent"));
        }
        writes.run(admin, tx -> parent.map(id -> offices.find(tx, id).compose(p -> p.filter(o -> o.kind()
                                == OfficeKind.COUNTY_AGENCY).isPresent() ? Future.<Void>succeededFuture()
                                : Future.<Void>failedFuture(new ProblemException(Problem.unprocessable("parentId",
                                "no county agency " + id)))))
                        .orElse(Future.succeededFuture())
                        .compose(v -> offices.create(tx, kind, name, parent.orElse(null)))
                        .map(o -> new Audited<>(o, AuditEntry.of("office.create", "office", o.id(), o.id(), o.toJson()))))
                .onSuccess(o -> Responses.json(ctx, 201, o.toJson()))
                .onFailure(ctx::fail);
    }

    private void listOffices(RoutingContext ctx) {
        StaffPrincipal p = StaffAuth.principal(ctx);
        offices.list(p.role() == StaffRole.ADMIN ? null : p.officeArray())
                .onSuccess(list -> Responses.items(ctx, list.stream().map(Office::toJson).toList()))
                .onFailure(ctx::fail);
    }

    /**
     * Officers belong to a justice office; county supervisors and procurators to a county agency;
     * administrators to none.
     */
    private void createStaff(RoutingContext ctx) {
        StaffPrincipal admin = Access.role(ctx, StaffRole.ADMIN, ADMIN_ONLY);
        JsonObject body = JsonBodies.object(ctx);
        String username = JsonBodies.requiredText(body, "username", 64);
        if (!username.matches("[a-z0-9._-]{3,64}")) {
            throw new ProblemException(Problem.badRequest("username",
                    "a user name is 3–64 lower-case letters, digits, '.', '_' or '-'"));
        }
        String displayName = JsonBodies.requiredText(body, "displayName", 100);
        StaffRole role = JsonBodies.requiredEnum(body, "role", StaffRole.class);
        String password = password(body);
        Optional<UUID> officeId = JsonBodies.optionalUuid(body, "officeId");
        if (role == StaffRole.ADMIN && officeId.isPresent()) {
            throw new ProblemException(Problem.badRequest("officeId", "an administrator has no office"));
        }
        if (role != StaffRole.ADMIN && officeId.isEmpty()) {
            throw new ProblemException(Problem.badRequest("officeId", "'officeId' is required for the role " + role));
        }
        OfficeKind needed = role.atCountyAgency() ? OfficeKind.COUNTY_AGENCY : OfficeKind.JUSTICE_OFFICE;
        passwords.hash(password)
                .compose(hash -> writes.run(admin, tx -> officeId.map(id -> offices.find(tx, id)
                                .compose(o -> o.filter(x -> x.kind() == needed).isPresent() ? Future.<Void>succeededFuture()
                                        : Future.<Void>failedFuture(new ProblemException(Problem.unprocessable("officeId",
                                        "the role " + role + " belongs to a " + needed + "; " + id + " is none")))))
                        .orElse(Future.succeededFuture())
                        .compose(v -> staff.create(tx, username, displayName, role, officeId.orElse(null), hash))
                        .map(a -> new Audited<>(a, AuditEntry.of("staff.create", "staff", a.id(), a.officeId(),
                                a.toJson())))))
                .onSuccess(a -> Responses.json(ctx, 201, a.toJson()))
                .onFailure(ctx::fail);
    }

    private static String password(JsonObject body) {
        String password = JsonBodies.requiredText(body, "password", 200);
        if (password.length() < StaffPasswords.MIN_LENGTH) {
            throw new ProblemException(Problem.badRequest("password",
                    "a password has at least " + StaffPasswords.MIN_LENGTH + " characters"));
        }
        return password;
    }

    private void listStaff(RoutingContext ctx) {
        StaffPrincipal p = StaffAuth.principal(ctx);
        staff.list(p.role() == StaffRole.ADMIN ? null : p.officeArray())
                .onSuccess(list -> Responses.items(ctx, list.stream().map(StaffAccount::toJson).toList()))
                .onFailure(ctx::fail);
    }

    /** {@code {"active": false}} locks an account out (its sessions are revoked); {@code password} resets it. */
    private void updateStaff(RoutingContext ctx) {
        StaffPrincipal admin = Access.role(ctx, StaffRole.ADMIN, ADMIN_ONLY);
        UUID id = JsonBodies.pathUuid(ctx, "staffId");
        JsonObject body = JsonBodies.object(ctx);
        Optional<Boolean> active = JsonBodies.optionalBoolean(body, "active");
        Optional<String> password = body.getValue("password") == null ? Optional.empty() : Optional.of(password(body));
        Future<String> hash = password.map(passwords::hash).orElse(Future.succeededFuture(null));
        hash.compose(h -> writes.run(admin, tx -> staff.update(tx, id, active.orElse(null), h)
                        .compose(updated -> updated.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(
                                new ProblemException(Problem.notFound("staffId", "no staff account " + id)))))
                        .compose(a -> (active.orElse(true) && h == null ? Future.<Void>succeededFuture()
                                : sessions.revokeAll(tx, id)).map(a))
                        .map(a -> new Audited<>(a, AuditEntry.of("staff.update", "staff", id, a.officeId(),
                                new JsonObject().put("active", active.orElse(null))
                                        .put("passwordReset", password.isPresent()))))))
                .onSuccess(a -> Responses.json(ctx, 200, a.toJson()))
                .onFailure(ctx::fail);
    }
}
