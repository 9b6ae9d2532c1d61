package org.tether.benchmarks.gateway;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.tether.benchmarks.gateway.MqttConnections.Conn;
import org.tether.gateway.auth.CredentialHasher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Ours: publisher → embedded broker → gateway → fixes committed in PostGIS with geofence evaluation, through the
 * REAL server process ({@code java -Xmx2g -jar server/target/tether-server.jar}) on a fresh database.
 *
 * <ol>
 *   <li>Creates {@code tether_bench_<random>}; starts the server on free ports with an in-memory embedded broker
 *       (environment overrides only) and waits for {@code /health}.</li>
 *   <li>Draws one county-sized inclusion zone through {@code POST /api/zones}, then provisions directly in the
 *       database (a harness may; operators use the staff API): {@code --persons} persons assigned to it, each with
 *       one bracelet, owned by {@code --vendors} vendors (100 devices each by default) that share one secret
 *       (PBKDF2, 10,000 iterations as the server's default); then {@code NOTIFY tether_registry}.</li>
 *   <li>Opens one vendor-bridge connection per vendor ({@code vendor:{id}}, real logins through the device
 *       authentication extension and the vendor ownership interceptor); a probe fix proves the registry is live.</li>
 *   <li>Publishes JSON v1 fixes (one per message) on {@code tether/v1/vendors/{vendorId}/devices/{deviceId}/fixes}
 *       at {@code --rate} for {@code --duration} s: each vendor round-robin over its devices, so every device
 *       sends one fix per {@code devices / rate} seconds, its time = publish time (strictly increasing). Most
 *       persons stay near home inside the zone; {@code --leavers-percent} live at its border and walk 300 m out
 *       and back every 4 minutes, so geofence evaluation changes state and raises and clears alerts.</li>
 *   <li>Every {@code --report-interval} s prints published/s (PUBACKed by the broker), committed/s (the server's
 *       {@code tether_fixes_stored_total}, counted after commit), backlog = published − committed, CPU of the
 *       server, of PostgreSQL and of this load generator, the server's heap (from its GC log) and the load.</li>
 *   <li>Then waits for the backlog to drain, measures publish → gateway-receipt lag from the stored rows
 *       ({@code received_at − fix_time}), writes {@code gateway-load-<time>.json}, stops the server and drops the
 *       database.</li>
 * </ol>
 */
@Command(name = "GatewayLoad", mixinStandardHelpOptions = true,
        description = "Sustained fix ingestion through the real Tether server (MQTT -> gateway -> PostGIS).")
public final class GatewayLoad implements Callable<Integer> {

    static {
        LogConfig.init();
    }

    @Mixin
    BenchDatabase.Options db = new BenchDatabase.Options();
    @Option(names = "--persons", description = "persons = devices (default ${DEFAULT-VALUE})")
    int persons = 100_000;
    @Option(names = "--vendors", description = "vendor-bridge connections; devices are split evenly (default ${DEFAULT-VALUE})")
    int vendors = 1_000;
    @Option(names = "--rate", description = "target fixes (= messages) per second (default ${DEFAULT-VALUE})")
    double rate = 15_000;
    @Option(names = "--duration", description = "seconds of load (default ${DEFAULT-VALUE})")
    int duration = 300;
    @Option(names = "--leavers-percent", description = "persons who walk out of the zone and back (default ${DEFAULT-VALUE})")
    double leaversPercent = 1.0;
    @Option(names = "--fixes-per-message", description = "fixes in each message, as a bracelet uploads what it "
            + "buffered (times one device interval apart); --rate stays in fixes/s (default ${DEFAULT-VALUE})")
    int fixesPerMessage = 1;
    @Option(names = "--window", description = "unacknowledged publishes per vendor connection (default ${DEFAULT-VALUE})")
    int window = 50;
    @Option(names = "--publisher-threads", description = "threads issuing publishes (default ${DEFAULT-VALUE})")
    int publisherThreads = 1;
    @Option(names = "--report-interval", description = "seconds between progress lines (default ${DEFAULT-VALUE})")
    int reportInterval = 10;
    @Option(names = "--drain-timeout", description = "seconds to wait for the backlog after publishing stops (default ${DEFAULT-VALUE})")
    int drainTimeout = 180;
    @Option(names = "--server-jar", description = "default ${DEFAULT-VALUE}")
    Path serverJar = Path.of("server/target/tether-server.jar");
    @Option(names = "--server-heap", description = "the server's -Xmx (default ${DEFAULT-VALUE})")
    String serverHeap = "2g";
    @Option(names = "--receive-maximum", description = "TETHER_MQTT_RECEIVEMAXIMUM: the gateway's unacknowledged messages (default ${DEFAULT-VALUE})")
    int receiveMaximum = 5000;
    @Option(names = "--server-env", description = "extra server environment, e.g. TETHER_INGEST_COMMITLANES=4 (repeatable)")
    Map<String, String> serverEnv = new LinkedHashMap<>();
    @Option(names = "--server-java-opt", description = "extra server JVM option, e.g. -XX:StartFlightRecording=… (repeatable)")
    List<String> serverJavaOpts = new ArrayList<>();
    @Option(names = "--broker-inflight-window", description = "WHAT-IF, not the shipped server: start the unchanged "
            + "server through ServerWithInflightWindow with HiveMQ's internal in-flight window (50) raised to this; "
            + "0 = the real server as shipped (default ${DEFAULT-VALUE})")
    int brokerInflightWindow = 0;
    @Option(names = "--profile-at", description = "seconds into the load to take a profile (top -H, 3 thread dumps, "
            + "pg_stat_activity samples) of the server; 0 = none (default ${DEFAULT-VALUE})")
    int profileAt = 0;
    @Option(names = "--keep-database", description = "do not drop the database at the end")
    boolean keepDatabase;
    @Option(names = "--out", description = "result directory (default ${DEFAULT-VALUE})")
    Path out = Path.of("benchmarks/target/gateway");

    public static void main(String[] args) {
        System.exit(new CommandLine(new GatewayLoad()).execute(args));
    }

    // device state, touched only by the publisher thread that owns the device's vendor connection
    private double[] homeNorth;
    private double[] homeEast;
    private boolean[] leaver;
    private double[] leaverPhase;
    private long[] seq;
    private long[] lastTime;
    private MqttTopic[] topics;
    private String[] deviceIds;
    private int[] nextDevice;
    private int perVendor;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        String stamp = Instant.now().toString().replace(":", "").replaceAll("\\..*", "");
        String tag = "gateway-load-" + stamp;
        perVendor = (persons + vendors - 1) / vendors;
        System.out.printf(Locale.ROOT, "GatewayLoad: %d persons/devices, %d vendor connections x %d devices, target %.0f"
                        + " fixes/s for %d s (one fix per device every %.1f s), %d fixes per message, %.1f %% leavers%n", persons,
                vendors, perVendor, rate, duration, persons / rate, fixesPerMessage, leaversPercent);

        BenchDatabase database = BenchDatabase.create(db);
        System.out.println("database " + database.name);
        if (!keepDatabase) {
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "drop-bench-database"));
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TETHER_MQTT_RECEIVEMAXIMUM", Integer.toString(receiveMaximum));
        env.putAll(serverEnv);
        ServerProcess server = null;
        try {
            long t0 = System.nanoTime();
            server = ServerProcess.start(serverJar, serverHeap, serverJavaOpts, database, env, out, tag, brokerInflightWindow);
            server.awaitHealthy(Duration.ofSeconds(180));
            System.out.printf("server pid %d healthy in %.1f s (HTTP %d, MQTT %d); env %s; log %s%n", server.pid(),
                    (System.nanoTime() - t0) / 1e9, server.httpPort, server.mqttPort, env, server.log);
            return run(server, database, stamp);
        } finally {
            if (server != null) {
                server.close();
                System.out.println("server stopped (exit " + (server.process.isAlive() ? "?" : server.process.exitValue()) + ")");
            }
            if (!keepDatabase) {
                database.close();
                System.out.println("database " + database.name + " dropped");
            }
        }
    }

    private int run(ServerProcess server, BenchDatabase database, String stamp) throws Exception {
        // 1. zone through the API, registry in bulk
        String zoneResponse = server.post("/api/zones", CountyZone.zoneJson());
        UUID zoneId = UUID.fromString(zoneResponse.replaceAll(".*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1"));
        String secret = CredentialHasher.generateSecret();
        String hash = new CredentialHasher(10_000, new byte[0]).hash(secret.toCharArray());
        long t0 = System.nanoTime();
        database.provision("BD", persons, zoneId, vendors, hash, null);
        System.out.printf("zone %s; provisioned %d persons, %d devices, %d vendors in %.1f s; NOTIFY sent%n", zoneId,
                persons, persons, vendors, (System.nanoTime() - t0) / 1e9);
        prepareDevices();

        // 2. vendor connections (retried until the server has reloaded its registry)
        MqttConnections connections = new MqttConnections("127.0.0.1", server.mqttPort, 60, 0);
        List<MqttConnections.Spec> specs = new ArrayList<>();
        for (int v = 0; v < vendors; v++) {
            String user = "vendor:" + BenchDatabase.vendorId(v);
            specs.add(new MqttConnections.Spec(user, user, secret, null, null));
        }
        t0 = System.nanoTime();
        List<Conn> conns = connections.connectAll(specs, 50, Duration.ofSeconds(300));
        System.out.printf("%d of %d vendor connections up in %.1f s (retries: %s; failures: %s)%n", conns.size(), vendors,
                (System.nanoTime() - t0) / 1e9, MqttConnections.snapshot(connections.retriedBecause),
                MqttConnections.snapshot(connections.failedBecause));
        if (conns.size() != vendors) {
            throw new IllegalStateException("not every vendor connected");
        }

        // 3. probe: one fix, stored?
        LoadPublisher.Source source = this::next;
        LoadPublisher.Message probe = source.next(0, System.currentTimeMillis());
        conns.get(0).client.publishWith().topic(probe.topic()).qos(MqttQos.AT_LEAST_ONCE).payload(probe.payload()).send()
                .get(30, TimeUnit.SECONDS);
        double stored0 = awaitStored(server, 1, Duration.ofSeconds(60));
        System.out.println("probe fix stored; registry live");

        // 4. load
        LoadPublisher publisher = new LoadPublisher(conns, source, window, publisherThreads);
        Proc.CpuMeter serverCpu = Proc.CpuMeter.of(server.pid());
        Proc.CpuMeter pgCpu = new Proc.CpuMeter(database::backendPids);
        Proc.CpuMeter ownCpu = Proc.CpuMeter.of(ProcessHandle.current().pid());
        Proc.MachineCpuMeter machineCpu = new Proc.MachineCpuMeter();
        server.gc.poll().takePauseMs();
        Map<String, Double> m0 = server.metrics();
        Instant loadStart = Instant.now();
        long start = System.nanoTime();
        Thread run = new Thread(() -> {
            try {
                publisher.run(rate / fixesPerMessage, Duration.ofSeconds(duration));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gateway-load");
        run.start();
        if (profileAt > 0 && profileAt < duration) {
            Path profileFile = out.resolve("gateway-load-" + stamp + "-profile.txt");
            Thread p = new Thread(() -> Profiler.profile(server.pid(), database, profileAt, profileFile), "profiler");
            p.setDaemon(true);
            p.start();
        }
        System.out.println("   t  phase   pub/s  commit/s   backlog  recv/s  msgs/commit  srvCPU  pgCPU  genCPU  machine"
                + "  heap(after GC/committed)  gcPause  srvRSS  load  shortfall");
        List<Map<String, Object>> series = new ArrayList<>();
        long lastT = start;
        double lastPub = 0;
        double lastCommitted = 0;
        Map<String, Double> lastM = m0;
        long loadEndNanos = start + TimeUnit.SECONDS.toNanos(duration);
        long drainEnd = loadEndNanos + TimeUnit.SECONDS.toNanos(drainTimeout);
        Double committedAtLoadEnd = null;
        double publishedAtLoadEnd = 0;
        Double drainedAfter = null;
        boolean loadDone = false;
        while (true) {
            long now = System.nanoTime();
            long next = lastT + TimeUnit.SECONDS.toNanos(reportInterval);
            if (lastT < loadEndNanos && next > loadEndNanos) {
                next = loadEndNanos;
            }
            if (next > now) {
                TimeUnit.NANOSECONDS.sleep(next - now);
            }
            now = System.nanoTime();
            Map<String, Double> m = server.metrics();
            double dt = (now - lastT) / 1e9;
            double t = (now - start) / 1e9;
            double published = publishedFixes(publisher);
            double committed = m.getOrDefault("tether_fixes_stored_total", 0.0) - stored0;
            double received = m.getOrDefault("tether_mqtt_messages_received_total", 0.0)
                    - lastM.getOrDefault("tether_mqtt_messages_received_total", 0.0);
            double commits = m.getOrDefault("tether_ingest_commits_total", 0.0) - lastM.getOrDefault("tether_ingest_commits_total", 0.0);
            double commitMsgs = m.getOrDefault("tether_ingest_commit_messages_total", 0.0)
                    - lastM.getOrDefault("tether_ingest_commit_messages_total", 0.0);
            double backlog = published - committed;
            server.gc.poll();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("t", t);
            row.put("phase", loadDone ? "drain" : "load");
            row.put("publishedPerSec", (published - lastPub) / dt);
            row.put("committedPerSec", (committed - lastCommitted) / dt);
            row.put("backlog", backlog);
            row.put("gatewayReceivedPerSec", received / dt);
            row.put("messagesPerCommit", commits == 0 ? 0.0 : commitMsgs / commits);
            row.put("commitsPerSec", commits / dt);
            row.put("serverCpuPct", serverCpu.sample());
            row.put("postgresCpuPct", pgCpu.sample());
            row.put("loadgenCpuPct", ownCpu.sample());
            row.put("machineCpuPct", machineCpu.sample());
            row.put("heapUsedAfterGcMb", server.gc.usedAfterMb());
            row.put("heapCommittedMb", server.gc.committedMb());
            row.put("gcPauseMs", server.gc.takePauseMs());
            row.put("serverRssMb", Proc.rssKb(server.pid()) / 1024);
            row.put("loadAverage", Proc.loadAverage());
            row.put("publisherShortfall", publisher.shortfall.get());
            series.add(row);
            System.out.printf(Locale.ROOT, "%4.0f  %-5s %7.0f  %8.0f  %8.0f  %6.0f  %11.1f  %5.0f%%  %4.0f%%  %5.0f%%  %6.0f%%"
                            + "  %8d/%-8d MB       %5.0fms  %5dM  %4.1f  %d%n", t, row.get("phase"), row.get("publishedPerSec"),
                    row.get("committedPerSec"), backlog, row.get("gatewayReceivedPerSec"), row.get("messagesPerCommit"),
                    row.get("serverCpuPct"), row.get("postgresCpuPct"), row.get("loadgenCpuPct"), row.get("machineCpuPct"),
                    server.gc.usedAfterMb(), server.gc.committedMb(), row.get("gcPauseMs"), row.get("serverRssMb"),
                    row.get("loadAverage"), publisher.shortfall.get());
            lastT = now;
            lastPub = published;
            lastCommitted = committed;
            lastM = m;
            if (!server.process.isAlive()) {
                throw new IllegalStateException("the server died; see " + server.log);
            }
            if (!loadDone && now >= loadEndNanos - 5_000_000) {
                run.join();
                publisher.awaitAcks(Duration.ofSeconds(30));
                committedAtLoadEnd = committed;
                publishedAtLoadEnd = publishedFixes(publisher);
                loadDone = true;
            }
            if (loadDone && committed >= publishedFixes(publisher)) {
                drainedAfter = (now - loadEndNanos) / 1e9;
                break;
            }
            if (now >= drainEnd) {
                break;
            }
        }
        Instant loadEnd = loadStart.plusSeconds(duration);
        Map<String, Double> mEnd = server.metrics();
        server.gc.poll();

        // 5. evaluation
        double steadyFrom = Math.min(60, duration / 5.0);
        List<Map<String, Object>> loadRows = series.stream().filter(r -> r.get("phase").equals("load")).toList();
        double[] steady = steadyRate(loadRows, steadyFrom);
        double sustained = steady[0];
        double publishedSteady = steady[1];
        double firstMinuteBacklog = mean(loadRows, "backlog", 0, Math.min(60, duration / 2.0));
        double lastMinuteBacklog = mean(loadRows, "backlog", duration - Math.min(60, duration / 2.0), duration + 1);
        double slope = slope(loadRows, steadyFrom);
        boolean grew = slope > 0.01 * rate || lastMinuteBacklog - firstMinuteBacklog > rate;
        double cpuServer = meanOver(loadRows, "serverCpuPct", steadyFrom);
        double cpuPg = meanOver(loadRows, "postgresCpuPct", steadyFrom);
        double cpuGen = meanOver(loadRows, "loadgenCpuPct", steadyFrom);
        double cpuMachine = meanOver(loadRows, "machineCpuPct", steadyFrom);
        double commitGroup = (mEnd.getOrDefault("tether_ingest_commit_messages_total", 0.0)
                - m0.getOrDefault("tether_ingest_commit_messages_total", 0.0))
                / Math.max(1, mEnd.getOrDefault("tether_ingest_commits_total", 0.0) - m0.getOrDefault("tether_ingest_commits_total", 0.0));

        Map<String, Object> dbFacts = databaseFacts(database, loadStart.plusSeconds((long) steadyFrom), loadEnd);
        boolean met = sustained >= rate && !grew;

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "GatewayLoad");
        result.put("date", loadStart.toString());
        result.put("serverCommand", String.join(" ", server.command));
        result.put("serverEnvironment", server.overrides.entrySet().stream()
                .filter(e -> !e.getKey().equals("TETHER_DATABASE_PASSWORD"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new)));
        result.put("brokerInflightWindowWhatIf", brokerInflightWindow);
        result.put("persons", persons);
        result.put("devices", persons);
        result.put("vendorConnections", vendors);
        result.put("leaversPercent", leaversPercent);
        result.put("targetRate", rate);
        result.put("fixesPerMessage", fixesPerMessage);
        result.put("durationSeconds", duration);
        result.put("steadyFromSeconds", steadyFrom);
        result.put("publishedPerSecSteady", publishedSteady);
        result.put("committedPerSecSustained", sustained);
        result.put("committedPerSecWholeRun", committedAtLoadEnd == null ? null : committedAtLoadEnd / duration);
        result.put("backlogFirstMinuteMean", firstMinuteBacklog);
        result.put("backlogLastMinuteMean", lastMinuteBacklog);
        result.put("backlogSlopePerSec", slope);
        result.put("backlogGrew", grew);
        result.put("publishedTotal", publishedFixes(publisher));
        result.put("publishedAtLoadEnd", publishedAtLoadEnd);
        result.put("committedAtLoadEnd", committedAtLoadEnd);
        result.put("drainedSecondsAfterLoad", drainedAfter);
        result.put("publisherShortfall", publisher.shortfall.get());
        result.put("publishFailures", publisher.failed.sum());
        result.put("publishErrors", MqttConnections.snapshot(publisher.errors));
        result.put("connectionDrops", connections.drops.get());
        result.put("messagesPerCommitMean", commitGroup);
        result.put("serverCpuPctMean", cpuServer);
        result.put("postgresCpuPctMean", cpuPg);
        result.put("loadgenCpuPctMean", cpuGen);
        result.put("machineCpuPctMean", cpuMachine);
        result.put("serverHeapMaxUsedAfterGcMb", server.gc.maxUsedAfterMb());
        result.put("serverHeapMaxUsedBeforeGcMb", server.gc.maxUsedBeforeMb());
        result.put("serverHeapCommittedMb", server.gc.committedMb());
        result.put("serverGcCollections", server.gc.collections());
        result.put("serverGcPauseMsTotal", server.gc.pauseMsTotal());
        result.put("serverRssMaxMb", series.stream().mapToLong(r -> ((Number) r.get("serverRssMb")).longValue()).max().orElse(0));
        result.put("deadLetters", ServerProcess.sumPrefix(mEnd, "tether_dead_letters_total"));
        result.put("database", dbFacts);
        result.put("targetMet", met);
        result.put("series", series);
        Path file = out.resolve("gateway-load-" + stamp + ".json");
        Json.writeFile(file, result);

        System.out.printf(Locale.ROOT, "%nOURS target %.0f/s for %d s: published %.0f/s, committed %.0f/s sustained (from %.0f s on),"
                        + " backlog first minute %.0f, last minute %.0f, slope %.1f/s -> %s; drained %s s after the load;"
                        + " %.1f messages per commit%n", rate, duration, publishedSteady, sustained, steadyFrom,
                firstMinuteBacklog, lastMinuteBacklog, slope, grew ? "GREW" : "no growth",
                drainedAfter == null ? "not within " + drainTimeout : String.format(Locale.ROOT, "%.0f", drainedAfter), commitGroup);
        System.out.printf(Locale.ROOT, "CPU (%% of one core, steady state): server %.0f, PostgreSQL %.0f, load generator %.0f,"
                        + " machine %.0f of %d; server heap max after GC %d MB (before GC %d MB, committed %d MB), %d GCs, %.0f ms"
                        + " paused%n", cpuServer, cpuPg, cpuGen, cpuMachine, 100 * Runtime.getRuntime().availableProcessors(),
                server.gc.maxUsedAfterMb(), server.gc.maxUsedBeforeMb(), server.gc.committedMb(), server.gc.collections(),
                server.gc.pauseMsTotal());
        System.out.println("database: " + dbFacts);
        System.out.printf(Locale.ROOT, "target >= %.0f fixes/s committed with no backlog growth: %s -> %s%n", rate,
                met ? "MET" : "NOT MET", file);
        System.out.printf(Locale.ROOT, "OURS_COMMITTED_PER_SEC=%.0f%n", sustained);
        connections.disconnectAll(conns, Duration.ofSeconds(30));
        return 0;
    }

    // ---------------------------------------------------------------- devices and their fixes

    private void prepareDevices() {
        SplittableRandom rnd = new SplittableRandom(20_251_125L);
        homeNorth = new double[persons];
        homeEast = new double[persons];
        leaver = new boolean[persons];
        leaverPhase = new double[persons];
        seq = new long[persons];
        lastTime = new long[persons];
        topics = new MqttTopic[persons];
        deviceIds = new String[persons];
        nextDevice = new int[vendors];
        for (int i = 0; i < persons; i++) {
            deviceIds[i] = BenchDatabase.deviceId("BD", i);
            topics[i] = MqttTopic.of("tether/v1/vendors/" + BenchDatabase.vendorId(i / perVendor) + "/devices/"
                    + deviceIds[i] + "/fixes");
            if (rnd.nextDouble() * 100 < leaversPercent) {
                // at a vertex of the border; walks out along the radius and back: 300 m amplitude, 4 min period
                int vertex = rnd.nextInt(CountyZone.VERTICES);
                double r = CountyZone.radius(vertex);
                homeNorth[i] = r * Math.sin(CountyZone.angle(vertex));
                homeEast[i] = r * Math.cos(CountyZone.angle(vertex));
                leaver[i] = true;
                leaverPhase[i] = Math.PI + rnd.nextDouble() * Math.PI / 2; // starts inside, heading in
            } else {
                double rr = 0.8 * CountyZone.MIN_RADIUS_M * Math.sqrt(rnd.nextDouble());
                double a = rnd.nextDouble() * 2 * Math.PI;
                homeNorth[i] = rr * Math.sin(a);
                homeEast[i] = rr * Math.cos(a);
            }
        }
    }

    private static final double LEAVE_AMPLITUDE_M = 300;
    private static final double LEAVE_PERIOD_MS = 240_000;

    /** The next fix of vendor connection {@code index}: its devices in turn. */
    private LoadPublisher.Message next(int index, long nowMillis) {
        int k = nextDevice[index];
        int first = index * perVendor;
        int count = Math.min(perVendor, persons - first);
        nextDevice[index] = k + 1 >= count ? 0 : k + 1;
        int d = first + k;
        int n = fixesPerMessage;
        long spacing = n == 1 ? 0 : Math.max(1, Math.round(1000.0 * persons / rate));
        long time = Math.max(nowMillis, lastTime[d] + 1 + (n - 1) * spacing); // the first fix after the last one sent
        lastTime[d] = time;
        long s = seq[d] + 1;
        seq[d] += n;
        double north = homeNorth[d];
        double east = homeEast[d];
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if (leaver[d]) {
            double r = Math.hypot(north, east);
            double out = LEAVE_AMPLITUDE_M * Math.sin(2 * Math.PI * time / LEAVE_PERIOD_MS + leaverPhase[d]);
            north += north / r * out;
            east += east / r * out;
        } else {
            north += rnd.nextDouble(-15, 15);
            east += rnd.nextDouble(-15, 15);
        }
        return new LoadPublisher.Message(topics[d], FixPayload.json(deviceIds[d], s, time, n, spacing, CountyZone.lat(north),
                CountyZone.lon(east), 5 + rnd.nextDouble(10), rnd.nextDouble(2), rnd.nextDouble(360), 87));
    }

    // ---------------------------------------------------------------- measurements

    /** Fixes in the messages the broker acknowledged. */
    private double publishedFixes(LoadPublisher publisher) {
        return publisher.acked.sum() * (double) fixesPerMessage;
    }

    private static double awaitStored(ServerProcess server, double atLeast, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Map<String, Double> m = server.metrics();
            double stored = m.getOrDefault("tether_fixes_stored_total", 0.0);
            if (stored >= atLeast) {
                return stored;
            }
            double dead = ServerProcess.sumPrefix(m, "tether_dead_letters_total");
            if (dead > 0) {
                throw new IllegalStateException("the probe fix was dead-lettered: " + m);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the probe fix was not stored within " + timeout);
    }

    /** {@code [committed/s, published/s]} from the first row at or after {@code from} seconds to the last. */
    private static double[] steadyRate(List<Map<String, Object>> rows, double from) {
        Map<String, Object> a = null;
        Map<String, Object> b = null;
        double sumC = 0;
        double sumP = 0;
        double seconds = 0;
        double prevT = 0;
        for (Map<String, Object> r : rows) {
            double t = (double) r.get("t");
            double dt = t - prevT;
            if (prevT >= from - 0.5) {
                sumC += (double) r.get("committedPerSec") * dt;
                sumP += (double) r.get("publishedPerSec") * dt;
                seconds += dt;
            }
            prevT = t;
        }
        return seconds == 0 ? new double[] {0, 0} : new double[] {sumC / seconds, sumP / seconds};
    }

    private static double mean(List<Map<String, Object>> rows, String key, double from, double to) {
        return rows.stream().filter(r -> (double) r.get("t") > from && (double) r.get("t") <= to)
                .mapToDouble(r -> ((Number) r.get(key)).doubleValue()).average().orElse(Double.NaN);
    }

    private static double meanOver(List<Map<String, Object>> rows, String key, double from) {
        return mean(rows, key, from, Double.MAX_VALUE);
    }

    /** Least-squares slope of the backlog over time (fixes/s) from {@code from} seconds on. */
    private static double slope(List<Map<String, Object>> rows, double from) {
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (Map<String, Object> r : rows) {
            double x = (double) r.get("t");
            if (x < from) {
                continue;
            }
            double y = (double) r.get("backlog");
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double den = n * sxx - sx * sx;
        return n < 3 || den == 0 ? 0 : (n * sxy - sx * sy) / den;
    }

    /** Row counts, alerts, dead letters, and publish → gateway-receipt lag per minute from the stored rows. */
    private static Map<String, Object> databaseFacts(BenchDatabase database, Instant steadyFrom, Instant loadEnd) {
        Map<String, Object> out = new LinkedHashMap<>();
        try (Connection c = database.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT device_id) FROM positions")) {
                rs.next();
                out.put("positions", rs.getLong(1));
                out.put("distinctDevices", rs.getLong(2));
            }
            try (ResultSet rs = st.executeQuery("SELECT fix_class, count(*) FROM positions GROUP BY 1 ORDER BY 1")) {
                Map<String, Long> classes = new TreeMap<>();
                while (rs.next()) {
                    classes.put(rs.getString(1), rs.getLong(2));
                }
                out.put("fixClasses", classes);
            }
            try (ResultSet rs = st.executeQuery("SELECT type || ' ' || state, count(*) FROM alerts GROUP BY 1 ORDER BY 1")) {
                Map<String, Long> alerts = new TreeMap<>();
                while (rs.next()) {
                    alerts.put(rs.getString(1), rs.getLong(2));
                }
                out.put("alerts", alerts);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE condition_cleared_at IS NOT NULL) FROM alerts")) {
                rs.next();
                out.put("alertsConditionCleared", rs.getLong(1));
            }
            try (ResultSet rs = st.executeQuery("SELECT reason, count(*) FROM dead_letters GROUP BY 1")) {
                Map<String, Long> dl = new TreeMap<>();
                while (rs.next()) {
                    dl.put(rs.getString(1), rs.getLong(2));
                }
                out.put("deadLetters", dl);
            }
            String window = " WHERE fix_time >= '" + steadyFrom + "' AND fix_time < '" + loadEnd + "'";
            try (ResultSet rs = st.executeQuery("SELECT percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP"
                    + " (ORDER BY extract(epoch FROM received_at - fix_time) * 1000), max(extract(epoch FROM received_at - fix_time) * 1000)"
                    + " FROM positions" + window)) {
                rs.next();
                java.sql.Array a = rs.getArray(1);
                Double[] p = a == null ? new Double[] {null, null} : (Double[]) a.getArray();
                out.put("publishToReceiptLagMsP50", p[0]);
                out.put("publishToReceiptLagMsP99", p[1]);
                out.put("publishToReceiptLagMsMax", rs.getObject(2));
            }
            try (ResultSet rs = st.executeQuery("SELECT floor(extract(epoch FROM fix_time - '" + steadyFrom
                    + "'::timestamptz) / 60)::int AS minute, percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP"
                    + " (ORDER BY extract(epoch FROM received_at - fix_time) * 1000) FROM positions" + window
                    + " GROUP BY 1 ORDER BY 1")) {
                List<Map<String, Object>> perMinute = new ArrayList<>();
                while (rs.next()) {
                    Double[] p = (Double[]) rs.getArray(2).getArray();
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("minuteAfterSteadyStart", rs.getInt(1));
                    row.put("lagMsP50", p[0]);
                    row.put("lagMsP99", p[1]);
                    perMinute.add(row);
                }
                out.put("lagPerMinute", perMinute);
            }
            try (ResultSet rs = st.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('positions'))")) {
                rs.next();
                out.put("positionsTableSize", rs.getString(1));
            }
        } catch (Exception e) {
            out.put("error", e.toString());
        }
        return out;
    }
}
