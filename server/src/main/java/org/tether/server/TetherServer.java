package org.tether.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tether.gateway.auth.CredentialDirectory;
import org.tether.gateway.auth.CredentialHasher;
import org.tether.gateway.auth.DeviceAuthExtension;
import org.tether.gateway.auth.DeviceAuthSettings;
import org.tether.gateway.auth.MqttPrincipal;
import org.tether.gateway.auth.StoredCredential;
import org.tether.gateway.broker.EmbeddedBroker;
import org.tether.gateway.broker.EmbeddedBrokerSettings;
import org.tether.gateway.decode.DecodeLimits;
import org.tether.gateway.decode.JsonEventDecoder;
import org.tether.gateway.decode.FixDecoders;
import org.tether.gateway.decode.FixFormat;
import org.tether.gateway.mqtt.MqttIngestSettings;
import org.tether.geofence.eval.GeofenceEvaluator;
import org.tether.server.alert.AlertChanges;
import org.tether.server.alert.AlertEvidence;
import org.tether.server.alert.AlertFeed;
import org.tether.server.alert.AlertLifecycle;
import org.tether.server.alert.AlertRepository;
import org.tether.server.config.MqttUrl;
import org.tether.server.config.TetherConfig;
import org.tether.server.config.TetherConfig.AlertsConfig;
import org.tether.server.config.TetherConfig.MqttConfig;
import org.tether.server.db.Database;
import org.tether.server.db.Migrations;
import org.tether.server.geofence.GeofencePolicies;
import org.tether.server.geofence.PersonFixEvaluator;
import org.tether.server.console.ConsoleRoutes;
import org.tether.server.http.HttpVerticle;
import org.tether.server.http.HttpsOptions;
import org.tether.server.http.StaffApi;
import org.tether.server.ingest.DeadLetterRepository;
import org.tether.server.ingest.EventWriter;
import org.tether.server.ingest.FixIngestPipeline;
import org.tether.server.ingest.GroupCommitter;
import org.tether.server.ingest.GeofenceStateRepository;
import org.tether.server.ingest.IngestLoop;
import org.tether.server.ingest.IngestMetrics;
import org.tether.server.ingest.IngestStore;
import org.tether.server.ingest.IngestVerticle;
import org.tether.server.ingest.PositionWriter;
import org.tether.server.ingest.Retry;
import org.tether.server.points.MonthlyAutoClose;
import org.tether.server.points.MyPoints;
import org.tether.server.points.PointsService;
import org.tether.server.config.TetherConfig.ProcuratorateConfig;
import org.tether.server.procuratorate.NotificationOutbox;
import org.tether.server.procuratorate.ProcuratorateClient;
import org.tether.server.procuratorate.ProcuratorateNotifications;
import org.tether.server.procuratorate.ProcuratorateSender;
import org.tether.server.watch.ProcuratorateUndeliveredWatch;
import org.tether.server.watch.Watch;
import org.tether.server.registry.LeaveReturns;
import org.tether.server.registry.LiveRegistry;
import org.tether.server.registry.RegistryChanges;
import org.tether.server.registry.RegistryCredentialDirectory;
import org.tether.server.registry.RegistryRepository;
import com.google.firebase.FirebaseOptions;
import org.tether.server.audit.AuditTrail;
import org.tether.server.config.TetherConfig.PhoneConfig;
import org.tether.server.phone.Enrolments;
import org.tether.server.phone.FixUploads;
import org.tether.server.phone.PhoneService;
import org.tether.server.phone.PhoneFixes;
import org.tether.server.leave.LeaveDecisions;
import org.tether.server.leave.LeaveLimits;
import org.tether.server.leave.LeaveRequests;
import org.tether.geofence.zone.ZoneValidator;
import org.tether.server.push.FirebasePush;
import org.tether.server.push.PushDispatcher;
import org.tether.server.push.PushOutbox;
import org.tether.server.registry.DeviceRepository;
import org.tether.server.watch.CheckInReminderWatch;
import org.tether.server.watch.LocationCheckWatch;
import org.tether.server.watch.MissedCheckInWatch;
import org.tether.server.watch.AbscondingWatch;
import org.tether.server.watch.BatteryWatch;
import org.tether.server.watch.EmOrderWatch;
import org.tether.server.watch.EscalationWatch;
import org.tether.server.watch.LeaveOverdueWatch;
import org.tether.server.watch.NoSignalWatch;
import org.tether.server.watch.SeparationWatch;
import org.tether.server.watch.WatchScheduler;
import org.tether.server.staff.BootstrapAdmin;
import org.tether.server.staff.StaffPasswords;
import org.tether.server.staff.StaffRepository;
import org.tether.server.staff.StaffSessions;

/**
 * The composition root: migrates the database, starts the embedded broker when no external one is
 * configured, loads the registry, then deploys the ingest and HTTP verticles. {@link #stop()} undoes it.
 */
public final class TetherServer {

    private static final Logger LOG = LoggerFactory.getLogger(TetherServer.class);
    /** The server's own ingest client on the embedded broker. */
    private static final MqttPrincipal GATEWAY = new MqttPrincipal.Service("tether");

    private final Vertx vertx;
    private final Pool pool;
    private final RegistryChanges changes;
    private final AlertChanges alertChanges;
    private final long dropWatch;
    private final Optional<EmbeddedBroker> broker;
    private final FirebasePush push;
    private final List<String> deployments;
    private final int httpPort;
    private final int mqttPort;

    private TetherServer(Vertx vertx, Pool pool, RegistryChanges changes, AlertChanges alertChanges, long dropWatch,
                         Optional<EmbeddedBroker> broker, FirebasePush push, List<String> deployments, int httpPort,
                         int mqttPort) {
        this.dropWatch = dropWatch;
        this.push = push;
        this.vertx = vertx;
        this.pool = pool;
        this.changes = changes;
        this.alertChanges = alertChanges;
        this.broker = broker;
        this.deployments = List.copyOf(deployments);
        this.httpPort = httpPort;
        this.mqttPort = mqttPort;
    }

    public static Future<TetherServer> start(Vertx vertx, TetherConfig config, Clock clock) {
        return start(vertx, config, clock, Optional.empty());
    }

    /**
     * @param pushOptions Firebase options to push with instead of those from {@code push.serviceAccountFile}
     *     (tests: a local FCM stand-in behind the SDK's HTTP transport)
     */
    public static Future<TetherServer> start(Vertx vertx, TetherConfig config, Clock clock,
                                             Optional<FirebaseOptions> pushOptions) {
        LOG.info("migrating database {}", config.database());
        return vertx.executeBlocking(() -> Migrations.migrate(config.database()))
                .compose(migrated -> {
                    Pool pool = Database.pool(vertx, config.database());
                    LiveRegistry registry = new LiveRegistry(vertx, new RegistryRepository(pool));
                    CredentialHasher hasher = new CredentialHasher(config.mqtt().credentialIterations(),
                            config.mqtt().credentialPepper().getBytes(StandardCharsets.UTF_8));
                    // The server's own gateway login on its embedded broker: a secret that lives only in this process.
                    String gatewaySecret = CredentialHasher.generateSecret();
                    return registry.reload()
                            .compose(r -> vertx.executeBlocking(() -> hasher.hash(gatewaySecret.toCharArray())))
                            .compose(gatewayHash -> startBroker(vertx, config.mqtt(), new RegistryCredentialDirectory(
                                    registry, new StoredCredential(GATEWAY, gatewayHash)), hasher))
                            .compose(broker -> wire(vertx, config, clock, pool, registry, hasher, broker, gatewaySecret,
                                    pushOptions)
                                    .recover(e -> stopBroker(vertx, broker).transform(v -> Future.failedFuture(e))))
                            .onFailure(e -> pool.close());
                });
    }

    private static Future<TetherServer> wire(Vertx vertx, TetherConfig config, Clock clock, Pool pool,
                                             LiveRegistry registry, CredentialHasher hasher,
                                             Optional<EmbeddedBroker> broker, String gatewaySecret,
                                             Optional<FirebaseOptions> pushOptions) {
        return vertx.executeBlocking(() -> FirebasePush.start(config.push(), pushOptions))
                .compose(push -> wire(vertx, config, clock, pool, registry, hasher, broker, gatewaySecret, push)
                        .onFailure(e -> push.close()));
    }

    private static Future<TetherServer> wire(Vertx vertx, TetherConfig config, Clock clock, Pool pool,
                                             LiveRegistry registry, CredentialHasher hasher,
                                             Optional<EmbeddedBroker> broker, String gatewaySecret, FirebasePush push) {
        RegistryChanges changes = new RegistryChanges(vertx, pool, Database.connectOptions(config.database()), registry);
        AlertRepository alerts = new AlertRepository(pool);
        AlertFeed feed = new AlertFeed(vertx.eventBus());
        AlertChanges alertChanges = new AlertChanges(vertx, pool, Database.connectOptions(config.database()), feed);
        ProcuratorateNotifications notifications = new ProcuratorateNotifications();
        PointsService points = PointsService.create(config.points(), clock);
        AlertLifecycle lifecycle = new AlertLifecycle(notifications, points.ledger());
        LeaveReturns leaveReturns = new LeaveReturns(alerts);
        AlertsConfig ac = config.alerts();
        PushOutbox outbox = new PushOutbox(pool);
        ProcuratorateConfig pr = config.procuratorate();
        List<Watch> watchList = new ArrayList<>(List.of(
                new NoSignalWatch(alerts, ac.noSignalSeconds()),
                new AbscondingWatch(alerts, notifications, ac.abscondingNoContactSeconds(), ac.abscondingOutOfAreaSeconds()),
                new LeaveOverdueWatch(alerts, ac.leaveReturnGraceSeconds()),
                new SeparationWatch(alerts, ac.separationMeters(), ac.separationSeconds()),
                new BatteryWatch(alerts, ac.batteryLowPercent()),
                new EmOrderWatch(alerts),
                new EscalationWatch(ac.escalateAfterSeconds()),
                new MissedCheckInWatch(alerts),
                new LocationCheckWatch(alerts),
                new CheckInReminderWatch(outbox, config.phone().reminderBeforeCloseSeconds()),
                new MonthlyAutoClose(points.close(), config.points().closeDay(), config.points().autoClose())));
        Optional<ProcuratorateSender> procuratorate = Optional.empty();
        if (pr.deliveryOn()) {
            watchList.add(new ProcuratorateUndeliveredWatch(alerts, pr.undeliveredAlertSeconds()));
            procuratorate = Optional.of(new ProcuratorateSender(new NotificationOutbox(pool, instanceName()),
                    new ProcuratorateClient(vertx, pr, clock), pr));
        } else {
            LOG.warn("procuratorate delivery is OFF (procuratorate.url is empty): notifications are recorded and listed"
                    + " (GET /api/procuratorate/notifications) but not sent; tell the procuratorate by other means");
        }
        WatchScheduler watches = new WatchScheduler(pool, watchList, ac.watchIntervalSeconds() * 1000, clock);
        PushDispatcher dispatcher = new PushDispatcher(outbox, push.sender(), config.push());
        IngestMetrics metrics = new IngestMetrics(broker.<java.util.function.LongSupplier>map(b -> b::droppedMessages)
                .orElse(null));
        long dropWatch = broker.map(b -> watchBrokerDrops(vertx, b)).orElse(-1L);
        GeofenceEvaluator evaluator = new GeofenceEvaluator(GeofencePolicies.from(config.geofence()));
        IngestStore store = new IngestStore(pool, new PositionWriter(), new EventWriter(), alerts,
                new DeadLetterRepository(), new GeofenceStateRepository(), new PersonFixEvaluator(evaluator), registry, clock);
        Retry retry = new Retry(vertx, 100, 5_000);
        FixDecoders decoders = new FixDecoders(DecodeLimits.defaults(), clock);
        JsonEventDecoder eventDecoder = new JsonEventDecoder(DecodeLimits.defaults(), clock);

        MqttConfig m = config.mqtt();
        MqttIngestSettings mqttSettings = broker
                .map(b -> new MqttIngestSettings(connectableHost(b.host()), b.port(),
                        // The in-process broker has one subscriber, this gateway: a shared subscription splits
                        // nothing there, and HiveMQ CE's in-memory shared queue scans the whole queue on every
                        // acknowledgement, which stalled ingestion once a backlog built up (docs/benchmarks.md).
                        GATEWAY.username() + ":" + m.clientId(), GATEWAY.username(), gatewaySecret, "",
                        Duration.ofSeconds(m.sessionExpirySeconds()), m.receiveMaximum()))
                .orElseGet(() -> {
                    MqttUrl url = MqttUrl.parse(m.url());
                    return new MqttIngestSettings(url.host(), url.port(), m.clientId(), m.username(), m.password(),
                            m.sharedGroup(), Duration.ofSeconds(m.sessionExpirySeconds()), m.receiveMaximum());
                });
        IngestLoop ingestLoop = new IngestLoop();
        IngestVerticle ingest = new IngestVerticle(mqttSettings, () -> new FixIngestPipeline(decoders, eventDecoder,
                registry, ingestLoop.bind(new GroupCommitter(store, retry, config.ingest().commitLanes(),
                config.ingest().maxRowsPerCommit(), metrics)), metrics), clock);
        StaffPasswords passwords = new StaffPasswords(vertx, config.staff().passwordIterations());
        StaffSessions sessions = new StaffSessions(pool, Duration.ofHours(config.staff().sessionHours()));
        PhoneConfig pc = config.phone();
        Enrolments enrolments = new Enrolments(vertx, pool, new DeviceRepository(pool), hasher, new AuditTrail(pool),
                registry, changes, new Enrolments.Settings(Duration.ofSeconds(pc.enrolmentCodeSeconds()),
                Duration.ofSeconds(pc.tokenSeconds()), pc.enrolFailuresAllowed(),
                Duration.ofSeconds(pc.enrolFailureWindowSeconds())), clock);
        LeaveLimits leaveLimits = new LeaveLimits(config.leave());
        LeaveRequests leaveRequests = new LeaveRequests(pool, new PhoneFixes(DecodeLimits.defaults(),
                Duration.ofSeconds(pc.freshFixSeconds())), leaveLimits, new ZoneValidator(100_000),
                config.geofence().maxSegmentMeters(), alerts, clock);
        PhoneService phone = PhoneService.create(pool, enrolments, alerts, outbox,
                Duration.ofSeconds(pc.freshFixSeconds()), new FixUploads(decoders.forFormat(FixFormat.TETHER_JSON_V1),
                registry, ingestLoop, metrics, clock), clock, leaveRequests, new MyPoints(config.points().baseScore(), clock));
        StaffApi.Services services = new StaffApi.Services(pool, registry, changes, hasher, passwords, sessions, alerts,
                lifecycle, new AlertEvidence(), leaveReturns, feed, metrics, ingest::isConnected,
                config.geofence().maxSegmentMeters(), new StaffApi.Phone(phone, pc.maxPhotoBytes(), enrolments,
                phone.locationChecks(), outbox, pc.locationCheckAnswerSeconds()),
                new LeaveDecisions(leaveLimits, outbox, clock), points, config.procuratorate().deliveryOn());
        HttpVerticle http = new HttpVerticle(HttpsOptions.of(config.http()), () -> new ConsoleRoutes(config.console())
                .mount(StaffApi.router(vertx, services, new StaffApi.Settings(config.alerts().noSignalSeconds(),
                        config.staff().signIn().maxFailures(),
                        Duration.ofMinutes(config.staff().signIn().lockMinutes())))));

        List<String> deployments = new ArrayList<>();
        Optional<ProcuratorateSender> sender = procuratorate;
        return new BootstrapAdmin(new StaffRepository(pool), passwords).ensure(config.staff())
                .compose(v -> changes.listen())
                .compose(r -> alertChanges.listen())
                .compose(r -> vertx.deployVerticle(ingest)).onSuccess(deployments::add)
                .compose(id -> vertx.deployVerticle(watches)).onSuccess(deployments::add)
                .compose(id -> vertx.deployVerticle(dispatcher)).onSuccess(deployments::add)
                .compose(id -> sender.map(vertx::deployVerticle).orElse(Future.succeededFuture("")))
                .onSuccess(id -> {
                    if (!id.isEmpty()) {
                        deployments.add(id);
                    }
                })
                .compose(id -> vertx.deployVerticle(http)).onSuccess(deployments::add)
                .map(id -> {
                    LOG.info("Tether is up: HTTP {}://{}:{}  MQTT {}:{}{}", HttpsOptions.scheme(config.http()),
                            config.http().host(), http.actualPort(),
                            mqttSettings.host(), mqttSettings.port(), broker.isPresent() ? " (embedded)" : "");
                    return new TetherServer(vertx, pool, changes, alertChanges, dropWatch, broker, push, deployments,
                            http.actualPort(), mqttSettings.port());
                })
                .onFailure(e -> {
                    vertx.cancelTimer(dropWatch);
                    deployments.forEach(vertx::undeploy);
                    changes.close();
                    alertChanges.close();
                });
    }

    /**
     * Starts the embedded broker with device authentication. If the authentication extension did not
     * start, HiveMQ would let every client in: then the broker is stopped and the server fails.
     */
    private static Future<Optional<EmbeddedBroker>> startBroker(Vertx vertx, MqttConfig mqtt,
                                                                CredentialDirectory directory, CredentialHasher hasher) {
        if (!mqtt.useEmbedded()) {
            return Future.succeededFuture(Optional.empty());
        }
        String folder = mqtt.embedded().dataFolder();
        EmbeddedBrokerSettings settings = folder == null || folder.isBlank()
                ? new EmbeddedBrokerSettings(mqtt.embedded().host(), mqtt.embedded().port(), null, true)
                : EmbeddedBrokerSettings.persistent(mqtt.embedded().host(), mqtt.embedded().port(), Path.of(folder));
        DeviceAuthExtension auth = new DeviceAuthExtension(directory, hasher, DeviceAuthSettings.defaults());
        EmbeddedBroker broker = EmbeddedBroker.create(settings, Optional.of(auth));
        LOG.info("starting embedded MQTT broker on {}:{}", settings.bindAddress(), settings.port());
        // Blocking start (seconds) kept off the event loop.
        return vertx.executeBlocking(() -> {
            broker.start().join();
            if (!auth.isStarted()) {
                broker.close();
                throw new IllegalStateException("the embedded broker's device authentication did not start;"
                        + " refusing to run a broker that lets every client in");
            }
            return Optional.of(broker);
        });
    }

    /**
     * The embedded broker drops messages it already acknowledged to devices when the gateway's queue is
     * full (HiveMQ CE cannot refuse instead): that is data loss, so it is logged as an error at once.
     */
    private static long watchBrokerDrops(Vertx vertx, EmbeddedBroker broker) {
        long[] seen = {0};
        return vertx.setPeriodic(10_000, t -> {
            long dropped = broker.droppedMessages();
            if (dropped > seen[0]) {
                LOG.error("the embedded MQTT broker dropped {} message(s) in the last 10 s ({} since start): its queue"
                        + " for the gateway is full, so accepted fixes were lost; the gateway is not keeping up",
                        dropped - seen[0], dropped);
                seen[0] = dropped;
            }
        });
    }

    /** Names this process in the procuratorate attempt log: host and process id. */
    private static String instanceName() {
        // Not InetAddress.getLocalHost(): a slow resolver would block the event loop here.
        String host = System.getenv().getOrDefault("HOSTNAME", "host");
        return host + ":" + ProcessHandle.current().pid() + ":" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /** A wildcard bind address is not an address to connect to. */
    private static String connectableHost(String bindAddress) {
        return "0.0.0.0".equals(bindAddress) || "::".equals(bindAddress) ? "127.0.0.1" : bindAddress;
    }

    public int httpPort() {
        return httpPort;
    }

    public int mqttPort() {
        return mqttPort;
    }

    /** Undeploys the verticles, closes the pool, stops the embedded broker. Does not close Vert.x. */
    public Future<Void> stop() {
        vertx.cancelTimer(dropWatch);
        Future<Void> undeploy = Future.join(deployments.stream().map(vertx::undeploy).toList()).mapEmpty();
        return undeploy
                .eventually(() -> changes.close())
                .eventually(() -> alertChanges.close())
                .eventually(() -> pool.close())
                .eventually(() -> vertx.executeBlocking(() -> {
                    push.close();
                    return null;
                }))
                .eventually(() -> stopBroker(vertx, broker));
    }

    /** Stopping HiveMQ takes seconds of fixed waits: never on an event loop. */
    private static Future<Void> stopBroker(Vertx vertx, Optional<EmbeddedBroker> broker) {
        return broker.<Future<Void>>map(b -> vertx.executeBlocking(() -> {
            b.close();
            return null;
        })).orElseGet(Future::succeededFuture);
    }
}
