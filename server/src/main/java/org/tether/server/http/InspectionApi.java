package org.tether.server.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.tether.server.audit.AuditEntry;
import org.tether.server.http.Writes.Audited;
import org.tether.server.inspection.InspectionReport;
import org.tether.server.inspection.InspectionXlsx;
import org.tether.server.inspection.Inspections;
import org.tether.server.inspection.Quarter;
import org.tether.server.staff.StaffPrincipal;

/**
 * The quarterly joint inspection export (季度联合检察): the office's staff, its county supervisor and the
 * procurator of its jurisdiction download it; administrators see no personal data. The download is a
 * read of personal data, so it is audited, in the transaction that reads it.
 */
final class InspectionApi {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Writes writes;
    private final Inspections inspections;

    InspectionApi(Writes writes, Inspections inspections) {
        this.writes = writes;
        this.inspections = inspections;
    }

    void mount(Router router) {
        router.get("/api/offices/:officeId/inspections/:quarter").handler(this::export);
    }

    private void export(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        UUID office = JsonBodies.pathUuid(ctx, "officeId");
        if (!who.sees(office)) {
            throw new ProblemException(Problem.notFound("officeId", "no office " + office + " among yours"));
        }
        String text = ctx.pathParam("quarter");
        Quarter quarter = Quarter.parse(text).orElseThrow(() -> new ProblemException(
                Problem.badRequest("quarter", "'" + text + "' is not a quarter like 2026-Q4")));
        writes.run(who, tx -> inspections.report(tx, office, quarter)
                        .compose(r -> r.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(
                                new ProblemException(Problem.notFound("officeId", "no office " + office)))))
                        .map(r -> new Audited<>(r, audit(office, r))))
                .compose(r -> ctx.vertx().executeBlocking(() -> InspectionXlsx.render(r), false))
                .onSuccess(bytes -> ctx.response().putHeader("Content-Type", XLSX)
                        .putHeader("Content-Disposition", "attachment; filename=\"inspection-" + quarter + ".xlsx\"")
                        .end(Buffer.buffer(bytes)))
                .onFailure(ctx::fail);
    }

    private static AuditEntry audit(UUID office, InspectionReport r) {
        JsonObject rows = new JsonObject();
        r.sheets().forEach(s -> rows.put(s.name(), s.rows().size()));
        return AuditEntry.of("inspection.export", "office", office + "/" + r.quarter(), office,
                new JsonObject().put("quarter", r.quarter().toString()).put("format", "xlsx").put("rows", rows));
    }
}
