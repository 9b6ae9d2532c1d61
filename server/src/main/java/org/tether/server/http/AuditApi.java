package org.tether.server.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.tether.server.audit.AuditTrail;
import org.tether.server.staff.StaffPrincipal;
import org.tether.server.staff.StaffRole;

/**
 * Reading the audit trail: administrators all of it; county supervisors and procurators the entries of
 * their offices. Officers do not read it.
 */
final class AuditApi {

    private final AuditTrail audit;

    AuditApi(AuditTrail audit) {
        this.audit = audit;
    }

    void mount(Router router) {
        router.get("/api/audit").handler(this::list);
    }

    private void list(RoutingContext ctx) {
        StaffPrincipal who = StaffAuth.principal(ctx);
        if (who.role() == StaffRole.OFFICER) {
            throw new ProblemException(Problem.forbidden("officers do not read the audit trail"));
        }
        String targetType = ctx.queryParams().get("targetType");
        String targetId = ctx.queryParams().get("targetId");
        long before = QueryParams.number(ctx.queryParams().get("before"), "before", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        int limit = (int) QueryParams.number(ctx.queryParams().get("limit"), "limit", 100, 1, 1000);
        audit.list(who.role() == StaffRole.ADMIN ? null : who.officeArray(), targetType, targetId, before, limit)
                .onSuccess(items -> Responses.items(ctx, items))
                .onFailure(ctx::fail);
    }
}
