package org.tether.server.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.tether.server.audit.AuditEntry;
import org.tether.server.audit.AuditTrail;
import org.tether.server.staff.SignInLockout;
import org.tether.server.staff.StaffPasswords;
import org.tether.server.staff.StaffPrincipal;
import org.tether.server.staff.StaffRepository;
import org.tether.server.staff.StaffRole;
import org.tether.server.staff.StaffSessions;

/** Signing in and out: {@code POST /api/session} issues a bearer token, {@code DELETE} revokes it. */
final class SessionApi {

    private final Pool pool;
    private final StaffRepository staff;
    private final StaffSessions sessions;
    private final StaffPasswords passwords;
    private final AuditTrail audit;
    private final SignInLockout lockout;

    SessionApi(Pool pool, StaffRepository staff, StaffSessions sessions, StaffPasswords passwords, AuditTrail audit,
               SignInLockout lockout) {
        this.pool = pool;
        this.staff = staff;
        this.sessions = sessions;
        this.passwords = passwords;
        this.audit = audit;
        this.lockout = lockout;
    }

    void mount(Router router) {
        router.post("/api/session").handler(this::signIn);
        router.get("/api/session").handler(this::whoAmI);
        router.delete("/api/session").handler(this::signOut);
        router.post("/api/staff/:staffId/unlock").handler(this::unlock);
    }

    /**
     * A locked user name is refused before its password is checked, with the same answer whether or not an
     * account has that name (429, Retry-After, until when); so is the failure that reaches the limit.
     */
    private void signIn(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        String username = JsonBodies.requiredText(body, "username", 64);
        String password = JsonBodies.requiredText(body, "password", 200);
        lockout.claim(username)
                .compose(locked -> locked.isPresent()
                        ? pool.withTransaction(tx -> auditLocked(tx, username, null, locked.get()))
                                .compose(v -> Future.<JsonObject>failedFuture(locked(locked.get())))
                        : check(username, password))
                .onSuccess(json -> Responses.json(ctx, 201, json))
                .onFailure(e -> {
                    if (e instanceof ProblemException pe && pe.problem().status() == 429) {
                        Instant until = Instant.parse(pe.problem().extensions().getString("lockedUntil"));
                        long seconds = Math.max(1, Duration.between(Instant.now(), until).toSeconds() + 1);
                        ctx.response().putHeader("Retry-After", Long.toString(seconds));
                    }
                    ctx.fail(e);
                });
    }

    private Future<JsonObject> check(String username, String password) {
        return staff.findForLogin(username)
                .compose(found -> passwords.verify(password, found.map(StaffRepository.LoginRecord::passwordHash).orElse(null))
                        .compose(ok -> {
                            UUID accountId = found.map(f -> f.account().id()).orElse(null);
                            if (!ok || found.isEmpty() || !found.get().account().active()) {
                                // Recorded (who tried which name), answered without saying which part was wrong.
                                // The transaction commits first: a refusal must not roll back its count or record.
                                return pool.withTransaction(tx -> lockout.failed(tx, username)
                                                .compose(lockedNow -> audit.record(tx, null, username, null,
                                                                AuditEntry.of("staff.signin.failed", "staff", accountId, null,
                                                                        new JsonObject().put("locked", lockedNow.isPresent())))
                                                        .compose(v -> lockedNow.map(until -> auditLocked(tx, username,
                                                                accountId, until)).orElse(Future.succeededFuture()))
                                                        .map(lockedNow)))
                                        .compose(lockedNow -> Future.failedFuture(lockedNow.map(SessionApi::locked)
                                                .orElseGet(() -> new ProblemException(
                                                        Problem.unauthorized("unknown user name or wrong password")))));
                            }
                            var account = found.get().account();
                            return pool.withTransaction(tx -> lockout.succeeded(tx, username)
                                    .compose(v -> sessions.open(tx, account.id()))
                                    .compose(issued -> audit.record(tx, account.id(), account.username(),
                                                    account.role().name(), AuditEntry.of("session.create", "staff",
                                                            account.id(), account.officeId(), new JsonObject()))
                                            .map(issued)))
                                    .map(issued -> new JsonObject().put("token", issued.token())
                                            .put("expiresAt", issued.expiresAt().toString()).put("staff", account.toJson()));
                        }));
    }

    private Future<Void> auditLocked(SqlClient tx, String username, UUID accountId, Instant until) {
        return audit.record(tx, null, username, null, AuditEntry.of("staff.signin.locked", "staff", accountId, null,
                new JsonObject().put("lockedUntil", until.toString())));
    }

    private static ProblemException locked(Instant until) {
        return new ProblemException(new Problem(429, "Too many failed sign-ins", "the user name is locked after repeated"
                + " failed sign-ins until " + until + "; try again then, or ask an administrator", "username")
                .with("lockedUntil", until.toString()));
    }

    /** An administrator lifts a user name's lock (and its count of failures). */
    private void unlock(RoutingContext ctx) {
        StaffPrincipal admin = Access.role(ctx, StaffRole.ADMIN, "only an administrator unlocks a user name");
        UUID staffId = JsonBodies.pathUuid(ctx, "staffId");
        pool.withTransaction(tx -> staff.find(tx, staffId)
                        .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(
                                new ProblemException(Problem.notFound("staffId", "no staff member " + staffId)))))
                        .compose(account -> lockout.unlock(tx, account.username())
                                .map(wasLocked -> new JsonObject().put("staffId", staffId.toString())
                                        .put("username", account.username()).put("wasLocked", wasLocked))
                                .compose(json -> audit.record(tx, admin, AuditEntry.of("staff.unlock", "staff", staffId,
                                        account.officeId(), json.copy())).map(json))))
                .onSuccess(json -> Responses.json(ctx, 200, json))
                .onFailure(ctx::fail);
    }

    private void whoAmI(RoutingContext ctx) {
        StaffPrincipal p = StaffAuth.principal(ctx);
        Responses.json(ctx, 200, new JsonObject().put("id", p.id().toString()).put("username", p.username())
                .put("role", p.role().name()).put("officeId", p.officeId() == null ? null : p.officeId().toString())
                .put("officeIds", p.offices().stream().map(Object::toString).sorted().toList()));
    }

    private void signOut(RoutingContext ctx) {
        StaffPrincipal p = StaffAuth.principal(ctx);
        String token = StaffAuth.token(ctx);
        pool.withTransaction(tx -> sessions.revoke(tx, token)
                        .compose(v -> audit.record(tx, p, AuditEntry.of("session.revoke", "staff", p.id(), p.officeId(),
                                new JsonObject()))))
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }
}
