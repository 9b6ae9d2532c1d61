package org.tether.server.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import org.tether.server.audit.AuditEntry;
import org.tether.server.audit.AuditTrail;
import org.tether.server.staff.StaffPasswords;
import org.tether.server.staff.StaffPrincipal;
import org.tether.server.staff.StaffRepository;
import org.tether.server.staff.StaffSessions;

/** Signing in and out: {@code POST /api/session} issues a bearer token, {@code DELETE} revokes it. */
final class SessionApi {

    private final Pool pool;
    private final StaffRepository staff;
    private final StaffSessions sessions;
    private final StaffPasswords passwords;
    private final AuditTrail audit;

    SessionApi(Pool pool, StaffRepository staff, StaffSessions sessions, StaffPasswords passwords, AuditTrail audit) {
        this.pool = pool;
        this.staff = staff;
        this.sessions = sessions;
        this.passwords = passwords;
        this.audit = audit;
    }

    void mount(Router router) {
        router.post("/api/session").handler(this::signIn);
        router.get("/api/session").handler(this::whoAmI);
        router.delete("/api/session").handler(this::signOut);
    }

    private void signIn(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        String username = JsonBodies.requiredText(body, "username", 64);
        String password = JsonBodies.requiredText(body, "password", 200);
        staff.findForLogin(username)
                .compose(found -> passwords.verify(password, found.map(StaffRepository.LoginRecord::passwordHash).orElse(null))
                        .compose(ok -> {
                            if (!ok || found.isEmpty() || !found.get().account().active()) {
                                // Recorded (who tried which name), answered without saying which part was wrong.
                                return pool.withTransaction(tx -> audit.record(tx, null, username, null,
                                                AuditEntry.of("session.refused", "staff", found.map(f -> f.account().id())
                                                        .orElse(null), null, new JsonObject())))
                                        .compose(v -> Future.failedFuture(new ProblemException(
                                                Problem.unauthorized("unknown user name or wrong password"))));
                            }
                            var account = found.get().account();
                            return pool.withTransaction(tx -> sessions.open(tx, account.id())
                                    .compose(issued -> audit.record(tx, account.id(), account.username(),
                                                    account.role().name(), AuditEntry.of("session.create", "staff",
                                                            account.id(), account.officeId(), new JsonObject()))
                                            .map(issued)))
                                    .map(issued -> new JsonObject().put("token", issued.token())
                                            .put("expiresAt", issued.expiresAt().toString()).put("staff", account.toJson()));
                        }))
                .onSuccess(json -> Responses.json(ctx, 201, json))
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
