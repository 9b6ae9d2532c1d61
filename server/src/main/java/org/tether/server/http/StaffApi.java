package org.tether.server.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tether.gateway.auth.CredentialHasher;
import org.tether.geofence.zone.ZoneValidator;
import org.tether.mobile.MobileApi;
import org.tether.mobile.PhoneBackend;
import org.tether.server.alert.AlertEvidence;
import org.tether.server.alert.AlertFeed;
import org.tether.server.alert.AlertLifecycle;
import org.tether.server.alert.AlertRepository;
import org.tether.server.audit.AuditTrail;
import org.tether.server.config.TetherConfig.TierDurations;
import org.tether.server.ingest.IngestMetrics;
import org.tether.server.inspection.Inspections;
import org.tether.server.leave.LeaveDecisions;
import org.tether.server.message.OfficerMessages;
import org.tether.server.org.OfficeRepository;
import org.tether.server.phone.Enrolments;
import org.tether.server.phone.LocationChecks;
import org.tether.server.points.BoardNames;
import org.tether.server.points.Boards;
import org.tether.server.points.PointsService;
import org.tether.server.position.LatestPositions;
import org.tether.server.procuratorate.MajorEvents;
import org.tether.server.procuratorate.NotificationLog;
import org.tether.server.procuratorate.ProcuratorateNotifications;
import org.tether.server.procuratorate.Recommendations;
import org.tether.server.push.PushOutbox;
import org.tether.server.registry.DeviceRepository;
import org.tether.server.registry.EmOrderRepository;
import org.tether.server.registry.LeaveReturns;
import org.tether.server.registry.LiveRegistry;
import org.tether.server.registry.PersonRepository;
import org.tether.server.registry.RegistryChanges;
import org.tether.server.registry.RegistryRepository;
import org.tether.server.staff.SignInLockout;
import org.tether.server.staff.StaffPasswords;
import org.tether.server.staff.StaffRepository;
import org.tether.server.staff.StaffSessions;

/** Builds the HTTP router: staff API, health and metrics, with one error mapping for all. */
public final class StaffApi {

    private static final Logger LOG = LoggerFactory.getLogger(StaffApi.class);
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private StaffApi() {
    }

    /** What the staff API works with. */
    public record Services(Pool pool, LiveRegistry registry, RegistryChanges changes, CredentialHasher deviceHasher,
                           StaffPasswords passwords, StaffSessions sessions, AlertRepository alerts,
                           AlertLifecycle lifecycle, AlertEvidence evidence, LeaveReturns leaveReturns, AlertFeed feed,
                           IngestMetrics metrics, BooleanSupplier brokerConnected, double maxSegmentMeters,
                           Phone phone, LeaveDecisions leave, PointsService points,
                           boolean procuratorateDeliveryOn) {
    }

    /**
     * The phone app: its API ({@link MobileApi} at {@code /phone/v1}, against {@code backend}) and the staff
     * side. May be all null in a router built only to list its routes.
     */
    public record Phone(PhoneBackend backend, int maxPhotoBytes, Enrolments enrolments, LocationChecks locationChecks,
                        PushOutbox outbox, long locationCheckAnswerSeconds) {
    }

    /**
     * Settings of the staff API itself (not of the services it calls).
     *
     * @param noSignal the tiers' no-signal periods, in seconds: the live map's NO_SIGNAL
     * @param signInMaxFailures consecutive failed sign-ins before a user name is locked
     * @param signInLock how long it stays locked
     */
    public record Settings(TierDurations noSignal, int signInMaxFailures, Duration signInLock) {

        /** The shipped defaults (tether-defaults.yaml), for routers built only to list their routes. */
        public static final Settings DEFAULTS = new Settings(new TierDurations(1800, 3600, 7200), 5, Duration.ofMinutes(15));
    }

    public static Router router(Vertx vertx, Services s) {
        return router(vertx, s, Settings.DEFAULTS);
    }

    public static Router router(Vertx vertx, Services s, Settings settings) {
        Router router = Router.router(vertx);
        AuditTrail audit = new AuditTrail(s.pool());
        Writes writes = new Writes(s.pool(), audit, s.registry(), s.changes());
        RegistryRepository registryRepository = new RegistryRepository(s.pool());
        PersonRepository persons = new PersonRepository(s.pool());
        StaffRepository staff = new StaffRepository(s.pool());
        router.get("/openapi.yaml").handler(StaffApi::contract);
        router.route("/api/*").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        router.route("/api/*").handler(new StaffAuth(s.sessions())::handle);
        new SessionApi(s.pool(), staff, s.sessions(), s.passwords(), audit,
                new SignInLockout(s.pool(), settings.signInMaxFailures(), settings.signInLock())).mount(router);
        new OrganisationApi(writes, new OfficeRepository(s.pool()), staff, s.passwords(), s.sessions()).mount(router);
        new PersonApi(writes, persons, registryRepository, s.leave() == null ? null : s.leave().limits()).mount(router);
        new RegistryApi(writes, registryRepository, persons, s.deviceHasher(), new ZoneValidator(100_000),
                s.maxSegmentMeters()).mount(router);
        EmOrderRepository orders = new EmOrderRepository(s.pool());
        new DeviceApi(writes, new DeviceRepository(s.pool()), persons, orders, s.deviceHasher()).mount(router);
        new EmOrderApi(writes, orders, persons).mount(router);
        new AuditApi(audit).mount(router);
        new PositionApi(writes, new LatestPositions(settings.noSignal())).mount(router);
        Phone phone = s.phone();
        new PhoneStaffApi(writes, persons, new PhoneStaffApi.Deps(phone.enrolments(), phone.locationChecks(),
                phone.outbox(), phone.locationCheckAnswerSeconds())).mount(router);
        new MessageStaffApi(writes, persons, new OfficerMessages(s.pool(), phone.outbox())).mount(router);
        new LeaveRequestApi(writes, persons, s.leave()).mount(router);
        router.route(MobileApi.PREFIX + "/*").subRouter(MobileApi.router(vertx, phone.backend(), phone.maxPhotoBytes()));
        new AlertApi(writes, s.alerts(), s.lifecycle(), s.evidence(), s.leaveReturns(), s.feed(), s.registry(),
                s.sessions()).mount(router);
        new PointsApi(writes, persons, s.points()).mount(router);
        new InspectionApi(writes, new Inspections(s.points() == null ? new Boards(BoardNames.MASKED) : s.points().boards(),
                s.procuratorateDeliveryOn())).mount(router);
        new ProcuratorateApi(writes, persons, new MajorEvents(new ProcuratorateNotifications()),
                new NotificationLog(s.pool(), s.procuratorateDeliveryOn()), new Recommendations(s.pool())).mount(router);
        BooleanSupplier brokerConnected = s.brokerConnected();
        IngestMetrics metrics = s.metrics();
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

    /** The staff API's contract (OpenAPI 3.1), as written: {@code src/main/resources/openapi.yaml}. */
    private static void contract(RoutingContext ctx) {
        ctx.vertx().executeBlocking(() -> {
            try (var in = StaffApi.class.getResourceAsStream("/openapi.yaml")) {
                return io.vertx.core.buffer.Buffer.buffer(in.readAllBytes());
            }
        }, false).onSuccess(yaml -> ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(yaml))
                .onFailure(ctx::fail);
    }

    private static void failure(RoutingContext ctx) {
        Throwable e = ctx.failure();
        Problem problem;
        if (e instanceof ProblemException pe) {
            problem = pe.problem();
        } else if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
            problem = duplicate(pg);
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

    private static Problem duplicate(PgException pg) {
        String constraint = pg.getConstraint() == null ? "" : pg.getConstraint();
        return switch (constraint) {
            case "devices_one_kind_per_person" -> Problem.conflict("personId",
                    "the person already has a bound device of this kind; unbind it first");
            case "persons_id_card_in_supervision" -> Problem.conflict("idCardNumber",
                    "a person with this ID-card number is already in supervision");
            case "em_orders_extends_order_id_key" -> Problem.conflict("orderId", "the order has been extended already");
            case "points_entries_one_correction" -> Problem.conflict("entryId", "the entry is already corrected");
            case "staff_username_key" -> Problem.conflict("username", "the user name is taken");
            case "devices_pkey" -> Problem.conflict("id", "a device with this id exists");
            case "vendors_pkey" -> Problem.conflict("id", "a vendor with this id exists");
            default -> Problem.conflict(null, "already exists");
        };
    }

    private static String referencedField(PgException pg) {
        String constraint = pg.getConstraint() == null ? "" : pg.getConstraint();
        if (constraint.contains("vendor")) {
            return "vendorId";
        }
        if (constraint.contains("zone")) {
            return "zoneIds";
        }
        if (constraint.contains("office")) {
            return "officeId";
        }
        if (constraint.contains("person")) {
            return "personId";
        }
        return null;
    }
}
