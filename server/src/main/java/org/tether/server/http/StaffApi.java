package org.tether.server.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.pgclient.PgException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tether.gateway.auth.CredentialHasher;
import org.tether.geofence.zone.ZoneValidator;
import org.tether.server.alert.AlertEvidence;
import org.tether.server.alert.AlertFeed;
import org.tether.server.alert.AlertLifecycle;
import org.tether.server.alert.AlertRepository;
import org.tether.server.ingest.IngestMetrics;
import org.tether.server.registry.LeaveReturns;
import org.tether.server.registry.LiveRegistry;
import org.tether.server.registry.RegistryChanges;
import org.tether.server.registry.RegistryRepository;

/** Builds the HTTP router: staff API, health and metrics, with one error mapping for all. */
public final class StaffApi {

    private static final Logger LOG = LoggerFactory.getLogger(StaffApi.class);
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private StaffApi() {
    }

    public static Router router(Vertx vertx, RegistryRepository registryRepository, LiveRegistry registry,
                                RegistryChanges changes, CredentialHasher hasher,
                                AlertRepository alerts, AlertLifecycle lifecycle, AlertEvidence evidence,
                                LeaveReturns leaveReturns, AlertFeed feed, IngestMetrics metrics,
                                BooleanSupplier brokerConnected, double maxSegmentMeters) {
        Router router = Router.router(vertx);
        router.route("/api/*").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        new RegistryApi(registryRepository, registry, changes, hasher, new ZoneValidator(100_000), maxSegmentMeters).mount(router);
        new AlertApi(alerts, lifecycle, evidence, leaveReturns, feed).mount(router);
        router.get("/health").handler(ctx -> {
            boolean mqtt = brokerConnected.getAsBoolean();
            ctx.response().setStatusCode(mqtt ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("status", mqtt ? "UP" : "DOWN").put("mqtt", mqtt ? "UP" : "DOWN").encode());
        });
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.prometheusText()));
        router.route().failureHandler(StaffApi::failure);
        return router;
    }

    private static void failure(RoutingContext ctx) {
        Throwable e = ctx.failure();
        Problem problem;
        if (e instanceof ProblemException pe) {
            problem = pe.problem();
        } else if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
            problem = Problem.conflict(null, "already exists: " + pg.getDetail());
        } else if (e instanceof PgException pg && "23503".equals(pg.getSqlState())) {
            problem = Problem.unprocessable(referencedField(pg), "refers to something that does not exist: " + pg.getDetail());
        } else if (e == null && ctx.statusCode() == 413) {
            problem = new Problem(413, "Request too large", "the body exceeds " + MAX_BODY_BYTES + " bytes", null);
        } else if (e == null) {
            problem = new Problem(ctx.statusCode(), "Error", "request failed with status " + ctx.statusCode(), null);
        } else {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), e);
            problem = new Problem(500, "Internal error", "the server could not complete the request", null);
        }
        problem.send(ctx);
    }

    private static String referencedField(PgException pg) {
        String constraint = pg.getConstraint() == null ? "" : pg.getConstraint();
        if (constraint.contains("vendor")) {
            return "vendorId";
        }
        if (constraint.contains("zone")) {
            return "zoneIds";
        }
        if (constraint.contains("person")) {
            return "personId";
        }
        return null;
    }
}
