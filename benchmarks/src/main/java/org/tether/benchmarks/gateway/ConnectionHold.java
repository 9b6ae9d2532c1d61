package org.tether.benchmarks.gateway;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.tether.benchmarks.gateway.MqttConnections.Conn;
import org.tether.gateway.auth.CredentialHasher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Concurrent device connections held by the server's embedded broker: the REAL server (child process, fresh
 * database, in-memory broker, device authentication on) with {@code --devices} bracelets provisioned in bulk
 * (one secret hash shared by all: PBKDF2 at the server's 10,000 iterations); each device connects as itself
 * (client id = user name = device id, its secret, keep-alive {@code --keep-alive} s, the bracelet Will on its
 * status topic), at most {@code --connect-concurrency} CONNECTs outstanding, SERVER_BUSY retried (the
 * broker's PBKDF2 verifier queue is bounded). Then holds all connections for {@code --hold} s, sampling every
 * 10 s how many are up, the server's RSS, heap, threads and open file descriptors, and reports how many stayed
 * connected. Disconnects cleanly (no Wills), stops the server and drops the database.
 */
@Command(name = "ConnectionHold", mixinStandardHelpOptions = true,
        description = "Holds many authenticated device connections on the server's embedded broker.")
public final class ConnectionHold implements Callable<Integer> {

    static {
        LogConfig.init();
    }

    @Mixin
    BenchDatabase.Options db = new BenchDatabase.Options();
    @Option(names = "--devices", description = "device connections (default ${DEFAULT-VALUE})")
    int devices = 10_000;
    @Option(names = "--hold", description = "seconds to hold them (default ${DEFAULT-VALUE})")
    int hold = 60;
    @Option(names = "--keep-alive", description = "MQTT keep-alive in seconds (default ${DEFAULT-VALUE})")
    int keepAlive = 30;
    @Option(names = "--connect-concurrency", description = "CONNECTs outstanding at once (default ${DEFAULT-VALUE})")
    int connectConcurrency = 64;
    @Option(names = "--server-jar", description = "default ${DEFAULT-VALUE}")
    Path serverJar = Path.of("server/target/tether-server.jar");
    @Option(names = "--server-heap", description = "the server's -Xmx (default ${DEFAULT-VALUE})")
    String serverHeap = "2g";
    @Option(names = "--server-env", description = "extra server environment (repeatable)")
    Map<String, String> serverEnv = new LinkedHashMap<>();
    @Option(names = "--out", description = "result directory (default ${DEFAULT-VALUE})")
    Path out = Path.of("benchmarks/target/gateway");

    public static void main(String[] args) {
        System.exit(new CommandLine(new ConnectionHold()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        String stamp = Instant.now().toString().replace(":", "").replaceAll("\\..*", "");
        BenchDatabase database = BenchDatabase.create(db);
        Runtime.getRuntime().addShutdownHook(new Thread(database::close, "drop-bench-database"));
        ServerProcess server = null;
        try {
            server = ServerProcess.start(serverJar, serverHeap, List.of(), database, serverEnv, out, "connection-hold-" + stamp);
            server.awaitHealthy(Duration.ofSeconds(180));
            System.out.printf("server pid %d healthy (MQTT %d); database %s%n", server.pid(), server.mqttPort, database.name);
            return run(server, database, stamp);
        } finally {
            if (server != null) {
                server.close();
            }
            database.close();
            System.out.println("server stopped, database " + database.name + " dropped");
        }
    }

    private int run(ServerProcess server, BenchDatabase database, String stamp) throws Exception {
        String secret = CredentialHasher.generateSecret();
        String hash = new CredentialHasher(10_000, new byte[0]).hash(secret.toCharArray());
        database.provision("CH", devices, null, 0, null, hash);
        System.out.printf("provisioned %d persons with one bracelet each (shared secret hash); NOTIFY sent%n", devices);

        long serverPid = server.pid();
        long ownPid = ProcessHandle.current().pid();
        System.out.printf("open-file limits: server %d, load generator %d%n", Proc.maxOpenFiles(serverPid),
                Proc.maxOpenFiles(ownPid));
        int fdBefore = Proc.fdCount(serverPid);
        long rssBefore = Proc.rssKb(serverPid);
        server.gc.poll();
        long heapBefore = server.gc.usedAfterMb();

        MqttConnections connections = new MqttConnections("127.0.0.1", server.mqttPort, keepAlive, 0);
        List<MqttConnections.Spec> specs = new ArrayList<>(devices);
        byte[] will = "{\"v\":1,\"state\":\"OFFLINE\",\"cause\":\"LAST_WILL\"}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < devices; i++) {
            String id = BenchDatabase.deviceId("CH", i);
            specs.add(new MqttConnections.Spec(id, id, secret, "tether/v1/devices/" + id + "/status", will));
        }
        Proc.CpuMeter serverCpu = Proc.CpuMeter.of(serverPid);
        long t0 = System.nanoTime();
        Thread progress = new Thread(() -> {
            try {
                while (true) {
                    TimeUnit.SECONDS.sleep(10);
                    System.out.printf("  connecting: %d up after %.0f s (attempts %d)%n", connections.connected.get(),
                            (System.nanoTime() - t0) / 1e9, connections.attempts.sum());
                }
            } catch (InterruptedException e) {
                // done
            }
        });
        progress.setDaemon(true);
        progress.start();
        List<Conn> conns = connections.connectAll(specs, connectConcurrency, Duration.ofSeconds(600));
        progress.interrupt();
        double connectSeconds = (System.nanoTime() - t0) / 1e9;
        double connectCpu = serverCpu.sample();
        System.out.printf(Locale.ROOT, "%d of %d connected in %.1f s (%.0f CONNECT/s; server CPU %.0f%% of a core meanwhile);"
                        + " attempts %d, retried %s, failed %s%n", conns.size(), devices, connectSeconds,
                conns.size() / connectSeconds, connectCpu, connections.attempts.sum(),
                MqttConnections.snapshot(connections.retriedBecause), MqttConnections.snapshot(connections.failedBecause));

        long dropsBefore = connections.drops.get();
        int upAtStart = connections.connected.get();
        long holdStart = System.nanoTime();
        long holdEnd = holdStart + TimeUnit.SECONDS.toNanos(hold);
        List<Map<String, Object>> series = new ArrayList<>();
        int minUp = upAtStart;
        long maxRss = 0;
        int maxFd = 0;
        System.out.println("   t  connected  drops  srvRSS  srvHeap(after GC)  srvThreads  srvFDs  genFDs  srvCPU  load");
        while (true) {
            long now = System.nanoTime();
            long next = Math.min(holdEnd, now + TimeUnit.SECONDS.toNanos(10));
            TimeUnit.NANOSECONDS.sleep(Math.max(0, next - now));
            now = System.nanoTime();
            server.gc.poll();
            int up = connections.connected.get();
            minUp = Math.min(minUp, up);
            long rss = Proc.rssKb(serverPid);
            int fds = Proc.fdCount(serverPid);
            maxRss = Math.max(maxRss, rss);
            maxFd = Math.max(maxFd, fds);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("t", (now - holdStart) / 1e9);
            row.put("connected", up);
            row.put("drops", connections.drops.get() - dropsBefore);
            row.put("serverRssMb", rss / 1024);
            row.put("serverHeapUsedAfterGcMb", server.gc.usedAfterMb());
            row.put("serverThreads", Proc.threads(serverPid));
            row.put("serverFds", fds);
            row.put("loadgenFds", Proc.fdCount(ownPid));
            row.put("serverCpuPct", serverCpu.sample());
            row.put("loadAverage", Proc.loadAverage());
            series.add(row);
            System.out.printf(Locale.ROOT, "%4.0f  %9d  %5d  %5dM  %16dM  %10d  %6d  %6d  %5.0f%%  %4.1f%n", row.get("t"), up,
                    row.get("drops"), rss / 1024, server.gc.usedAfterMb(), row.get("serverThreads"), fds,
                    row.get("loadgenFds"), row.get("serverCpuPct"), row.get("loadAverage"));
            if (now >= holdEnd) {
                break;
            }
        }
        int upAtEnd = connections.connected.get();
        long drops = connections.drops.get() - dropsBefore;
        boolean met = upAtEnd >= 10_000 && minUp >= 10_000;

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "ConnectionHold");
        result.put("date", Instant.now().toString());
        result.put("broker", "the server's embedded HiveMQ CE with device authentication (real logins, PBKDF2 10,000 iterations)");
        result.put("serverCommand", String.join(" ", server.command));
        result.put("devices", devices);
        result.put("keepAliveSeconds", keepAlive);
        result.put("connectConcurrency", connectConcurrency);
        result.put("connected", conns.size());
        result.put("connectSeconds", connectSeconds);
        result.put("connectsPerSec", conns.size() / connectSeconds);
        result.put("connectAttempts", connections.attempts.sum());
        result.put("connectRetries", MqttConnections.snapshot(connections.retriedBecause));
        result.put("connectFailures", MqttConnections.snapshot(connections.failedBecause));
        result.put("serverCpuPctWhileConnecting", connectCpu);
        result.put("holdSeconds", hold);
        result.put("connectedAtHoldStart", upAtStart);
        result.put("connectedMinDuringHold", minUp);
        result.put("connectedAtHoldEnd", upAtEnd);
        result.put("dropsDuringHold", drops);
        result.put("serverRssBeforeMb", rssBefore / 1024);
        result.put("serverRssMaxMb", maxRss / 1024);
        result.put("serverHeapUsedAfterGcBeforeMb", heapBefore);
        result.put("serverHeapMaxUsedAfterGcMb", server.gc.maxUsedAfterMb());
        result.put("serverFdsBefore", fdBefore);
        result.put("serverFdsMax", maxFd);
        result.put("serverOpenFileLimit", Proc.maxOpenFiles(serverPid));
        result.put("loadgenOpenFileLimit", Proc.maxOpenFiles(ownPid));
        result.put("targetMet", met);
        result.put("series", series);
        Path file = out.resolve("connection-hold-" + stamp + ".json");
        Json.writeFile(file, result);
        System.out.printf(Locale.ROOT, "%nHOLD %d connected at the start of the hold, min %d, %d at the end of %d s, %d drops;"
                        + " server RSS %d -> %d MB, heap after GC %d -> %d MB, FDs %d -> %d (limit %d)%n", upAtStart, minUp,
                upAtEnd, hold, drops, rssBefore / 1024, maxRss / 1024, heapBefore, server.gc.maxUsedAfterMb(), fdBefore,
                maxFd, Proc.maxOpenFiles(serverPid));
        System.out.printf("target >= 10,000 concurrent connections held: %s -> %s%n", met ? "MET" : "NOT MET", file);
        System.out.printf("HOLD_CONNECTED=%d%n", upAtEnd);
        connections.disconnectAll(conns, Duration.ofSeconds(60));
        return 0;
    }
}
