package org.tether.benchmarks.gateway;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopic;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.tether.benchmarks.gateway.MqttConnections.Conn;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The ceiling: a bare publisher → broker → subscriber through one broker on this machine, with the payloads,
 * QoS and connection count of {@link GatewayLoad} but nothing behind the subscriber (it acknowledges on
 * receipt). {@code --publishers} anonymous connections publish JSON v1 fixes (one per message, ~230 bytes) for
 * {@code --devices-per-publisher} devices each on {@code tether/v1/devices/{id}/fixes} at QoS 1, as fast as a
 * window of {@code --window} unacknowledged publishes per connection allows (or at {@code --rate}); one QoS 1
 * subscriber (or {@code --subscribers} sharing {@code $share/ceiling/…}) receives them. After {@code --warmup}
 * seconds it counts for {@code --duration} seconds: messages received per second is the ceiling; publish →
 * receipt latency comes from the payload's time (ms resolution).
 *
 * <p>{@code --broker mosquitto}: the broker at {@code --host}/{@code --port} (default the local Mosquitto,
 * anonymous). {@code --broker embedded}: the gateway's embedded HiveMQ CE ({@link EmbeddedBrokerMain}, no auth
 * extension, in memory) started in a child JVM with {@code --broker-heap} on a free port, stopped at the end.
 */
@Command(name = "BrokerCeiling", mixinStandardHelpOptions = true,
        description = "Bare MQTT publisher -> broker -> subscriber throughput with Tether's fix payloads.")
public final class BrokerCeiling implements Callable<Integer> {

    static {
        LogConfig.init();
    }

    @Option(names = "--broker", required = true, description = "mosquitto | embedded")
    String broker;
    @Option(names = "--host", description = "broker host for --broker mosquitto (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";
    @Option(names = "--port", description = "broker port for --broker mosquitto (default ${DEFAULT-VALUE})")
    int port = 1883;
    @Option(names = "--spawn-mosquitto", description = "with --broker mosquitto: start a private Mosquitto on a free "
            + "127.0.0.1 port with the limits docs/device-integration.md recommends (max_queued_messages 500000, "
            + "max_inflight_messages 1000, no persistence) instead of using --host/--port")
    boolean spawnMosquitto;
    @Option(names = "--publishers", description = "publisher connections (default ${DEFAULT-VALUE})")
    int publishers = 1000;
    @Option(names = "--devices-per-publisher", description = "distinct device topics per publisher (default ${DEFAULT-VALUE})")
    int devicesPerPublisher = 100;
    @Option(names = "--subscribers", description = "subscribers; more than 1 share $share/ceiling/… (default ${DEFAULT-VALUE})")
    int subscribers = 1;
    @Option(names = "--fixes-per-message", description = "fixes in each message (same time stamps, so the latency"
            + " stays exact); the ceiling in fixes/s is messages/s times this (default ${DEFAULT-VALUE})")
    int fixesPerMessage = 1;
    @Option(names = "--window", description = "unacknowledged QoS 1 publishes per connection (default ${DEFAULT-VALUE})")
    int window = 10;
    @Option(names = "--rate", description = "total messages/s; 0 = as fast as the windows allow (default ${DEFAULT-VALUE})")
    double rate = 0;
    @Option(names = "--max-outstanding", description = "at most this many messages published but not yet received "
            + "(closed loop, so the broker's queue cannot grow for the whole run); 0 = no bound (default ${DEFAULT-VALUE})")
    long maxOutstanding = 10_000;
    @Option(names = "--warmup", description = "seconds before counting (default ${DEFAULT-VALUE})")
    int warmup = 15;
    @Option(names = "--duration", description = "seconds counted (default ${DEFAULT-VALUE})")
    int duration = 60;
    @Option(names = "--receive-maximum", description = "the subscriber's MQTT receive maximum (default ${DEFAULT-VALUE}, as the gateway in GatewayLoad)")
    int receiveMaximum = 5000;
    @Option(names = "--publisher-threads", description = "threads issuing publishes (default ${DEFAULT-VALUE})")
    int publisherThreads = 1;
    @Option(names = "--broker-heap", description = "heap of the embedded broker's JVM (default ${DEFAULT-VALUE}, as the server)")
    String brokerHeap = "2g";
    @Option(names = "--out", description = "result directory (default ${DEFAULT-VALUE})")
    Path out = Path.of("benchmarks/target/gateway");

    public static void main(String[] args) {
        System.exit(new CommandLine(new BrokerCeiling()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!broker.equals("mosquitto") && !broker.equals("embedded")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--broker must be mosquitto or embedded");
        }
        Files.createDirectories(out);
        String stamp = Instant.now().toString().replace(":", "").replaceAll("\\..*", "");
        Process child = null;
        List<Long> brokerPids;
        int brokerPort = port;
        String brokerHost = host;
        if (broker.equals("embedded")) {
            brokerHost = "127.0.0.1";
            brokerPort = ServerProcess.freePort();
            child = startEmbedded(brokerPort, out.resolve("ceiling-embedded-" + stamp + "-broker.log"));
            brokerPids = List.of(child.pid());
        } else if (spawnMosquitto) {
            brokerHost = "127.0.0.1";
            brokerPort = ServerProcess.freePort();
            child = startMosquitto(brokerPort, out.resolve("ceiling-mosquitto-" + stamp + "-broker"));
            brokerPids = List.of(child.pid());
        } else {
            brokerPids = Proc.pidsByName("mosquitto");
        }
        final Process brokerProcess = child;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (brokerProcess != null) {
                brokerProcess.destroy();
            }
        }));
        try {
            return run(brokerHost, brokerPort, brokerPids, stamp);
        } finally {
            if (child != null) {
                child.destroy();
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
        }
    }

    static final String MOSQUITTO_LIMITS = "max_queued_messages 500000\nmax_inflight_messages 1000\n";

    private Process startMosquitto(int brokerPort, Path base) throws Exception {
        Path conf = Path.of(base + ".conf");
        Files.writeString(conf, "listener " + brokerPort + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                + MOSQUITTO_LIMITS);
        Process p = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(Path.of(base + ".log").toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", brokerPort)) {
                System.out.printf("private Mosquitto pid %d on 127.0.0.1:%d (%s)%n", p.pid(), brokerPort,
                        MOSQUITTO_LIMITS.replace("\n", ", ").replaceAll(", $", ""));
                return p;
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("mosquitto did not start; see " + base + ".log");
    }

    private Process startEmbedded(int brokerPort, Path log) throws Exception {
        List<String> cmd = List.of(ServerProcess.javaBinary(), "-Xmx" + brokerHeap, "-cp",
                ServerProcess.ownJar().toString(), EmbeddedBrokerMain.class.getName(), "--port", Integer.toString(brokerPort),
                "--seconds", Integer.toString(warmup + duration + 600));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter w = new PrintWriter(Files.newBufferedWriter(log), true)) {
                String line;
                while ((line = in.readLine()) != null) {
                    w.println(line);
                    if (line.startsWith("READY ")) {
                        ready.countDown();
                    }
                }
            } catch (Exception e) {
                // the broker ended
            }
        }, "broker-log");
        pump.setDaemon(true);
        pump.start();
        if (!ready.await(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the embedded broker did not start within 120 s; see " + log);
        }
        System.out.printf("embedded HiveMQ CE (no auth extension, in memory) pid %d on 127.0.0.1:%d, -Xmx%s%n",
                p.pid(), brokerPort, brokerHeap);
        return p;
    }

    private int run(String brokerHost, int brokerPort, List<Long> brokerPids, String stamp) throws Exception {
        System.out.printf("ceiling via %s at %s:%d: %d publishers x %d devices, window %d, %s, %d subscriber(s), "
                        + "receive maximum %d, at most %d published but not received; warm-up %d s, counting %d s%n", broker,
                brokerHost, brokerPort, publishers, devicesPerPublisher, window, rate > 0 ? "rate " + rate + "/s" : "max rate",
                subscribers, receiveMaximum, maxOutstanding, warmup, duration);
        LongAdder received = new LongAdder();
        Recorder latency = new Recorder(3);
        MqttConnections subConns = new MqttConnections(brokerHost, brokerPort, 60, receiveMaximum);
        String filter = subscribers > 1 ? "$share/ceiling/tether/v1/devices/+/fixes" : "tether/v1/devices/+/fixes";
        List<MqttConnections.Spec> subSpecs = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            subSpecs.add(MqttConnections.Spec.anonymous("ceiling-sub-" + i));
        }
        List<Conn> subs = subConns.connectAll(subSpecs, 10, Duration.ofSeconds(60));
        if (subs.size() != subscribers) {
            throw new IllegalStateException("subscribers failed to connect: " + MqttConnections.snapshot(subConns.failedBecause));
        }
        for (Conn s : subs) {
            s.client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE)
                    .callback(p -> {
                        received.increment();
                        long t = FixPayload.time(p.getPayloadAsBytes());
                        if (t > 0) {
                            latency.recordValue(Math.max(0, System.currentTimeMillis() - t));
                        }
                    })
                    .send().get(30, TimeUnit.SECONDS);
        }

        MqttConnections pubConns = new MqttConnections(brokerHost, brokerPort, 60, 0);
        List<MqttConnections.Spec> pubSpecs = new ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            pubSpecs.add(MqttConnections.Spec.anonymous("ceiling-pub-" + i));
        }
        long t0 = System.nanoTime();
        List<Conn> pubs = pubConns.connectAll(pubSpecs, 100, Duration.ofSeconds(120));
        System.out.printf("%d publishers connected in %.1f s%n", pubs.size(), (System.nanoTime() - t0) / 1e9);
        if (pubs.isEmpty()) {
            throw new IllegalStateException("no publisher connected: " + MqttConnections.snapshot(pubConns.failedBecause));
        }

        // One fix per message for device (publisher * devicesPerPublisher + k), k round-robin per publisher.
        MqttTopic[] topics = new MqttTopic[pubs.size() * devicesPerPublisher];
        String[] ids = new String[topics.length];
        for (int i = 0; i < topics.length; i++) {
            ids[i] = BenchDatabase.deviceId("CE", i);
            topics[i] = MqttTopic.of("tether/v1/devices/" + ids[i] + "/fixes");
        }
        int[] nextDevice = new int[pubs.size()];
        long[] seq = new long[topics.length];
        LoadPublisher.Source source = (index, nowMillis) -> {
            int k = nextDevice[index];
            nextDevice[index] = k + 1 == devicesPerPublisher ? 0 : k + 1;
            int d = index * devicesPerPublisher + k;
            long s = ++seq[d];
            double lat = 30.27 + (d % 1000) * 1e-4 + (s % 7) * 1e-6;
            double lon = 120.15 + (d / 1000) * 1e-4;
            return new LoadPublisher.Message(topics[d], FixPayload.json(ids[d], s, nowMillis, fixesPerMessage, 0, lat, lon, 8.0,
                    1.2, 90.0, 87));
        };
        LoadPublisher publisher = new LoadPublisher(pubs, source, window, publisherThreads);
        if (maxOutstanding > 0) {
            publisher.limitOutstanding(received::sum, maxOutstanding);
        }

        Proc.CpuMeter brokerCpu = new Proc.CpuMeter(() -> brokerPids);
        Proc.CpuMeter ownCpu = Proc.CpuMeter.of(ProcessHandle.current().pid());
        Proc.MachineCpuMeter machineCpu = new Proc.MachineCpuMeter();
        Thread run = new Thread(() -> {
            try {
                publisher.run(rate, Duration.ofSeconds(warmup + duration));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ceiling-run");
        run.start();
        long start = System.nanoTime();
        long windowStart = start + TimeUnit.SECONDS.toNanos(warmup);
        long windowEnd = windowStart + TimeUnit.SECONDS.toNanos(duration);
        long recv0 = 0;
        long ack0 = 0;
        long lastRecv = 0;
        long lastAck = 0;
        long lastT = start;
        boolean counting = false;
        double brokerCpuSum = 0;
        double ownCpuSum = 0;
        double machineSum = 0;
        int samples = 0;
        long brokerRssMaxKb = 0;
        List<Map<String, Object>> series = new ArrayList<>();
        while (true) {
            long now = System.nanoTime();
            long next = counting ? Math.min(windowEnd, lastT + TimeUnit.SECONDS.toNanos(10)) : windowStart;
            if (next > now) {
                TimeUnit.NANOSECONDS.sleep(next - now);
            }
            now = System.nanoTime();
            long r = received.sum();
            long a = publisher.acked.sum();
            double dt = (now - lastT) / 1e9;
            if (!counting) {
                recv0 = r;
                ack0 = a;
                latency.getIntervalHistogram(); // drop the warm-up's
                brokerCpu.sample();
                ownCpu.sample();
                machineCpu.sample();
                counting = true;
                System.out.printf("warm-up done: %.0f msgs/s received, %.0f published in the last %.0f s%n",
                        (r - lastRecv) / dt, (a - lastAck) / dt, dt);
            } else {
                double b = brokerCpu.sample();
                double o = ownCpu.sample();
                double m = machineCpu.sample();
                brokerCpuSum += b * dt;
                ownCpuSum += o * dt;
                machineSum += m * dt;
                samples++;
                long rss = brokerPids.stream().mapToLong(Proc::rssKb).filter(x -> x > 0).sum();
                brokerRssMaxKb = Math.max(brokerRssMaxKb, rss);
                double t = (now - windowStart) / 1e9;
                System.out.printf(Locale.ROOT, "t=%4.0fs received/s=%8.0f published/s=%8.0f brokerCPU=%4.0f%% "
                                + "loadgenCPU=%4.0f%% machineCPU=%4.0f%% brokerRSS=%dM load=%.1f%n", t, (r - lastRecv) / dt,
                        (a - lastAck) / dt, b, o, m, rss / 1024, Proc.loadAverage());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("t", t);
                row.put("receivedPerSec", (r - lastRecv) / dt);
                row.put("publishedPerSec", (a - lastAck) / dt);
                row.put("brokerCpuPct", b);
                row.put("loadgenCpuPct", o);
                row.put("machineCpuPct", m);
                series.add(row);
            }
            lastRecv = r;
            lastAck = a;
            lastT = now;
            if (now >= windowEnd) {
                break;
            }
        }
        double seconds = (lastT - windowStart) / 1e9;
        long recvWindow = lastRecv - recv0;
        long ackWindow = lastAck - ack0;
        Histogram h = latency.getIntervalHistogram();
        run.join();
        publisher.awaitAcks(Duration.ofSeconds(15));
        Thread.sleep(3000); // let the subscriber drain what the broker still holds
        long totalAcked = publisher.acked.sum();
        long totalReceived = received.sum();

        double recvRate = recvWindow / seconds;
        double pubRate = ackWindow / seconds;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "BrokerCeiling");
        result.put("broker", broker.equals("embedded")
                ? "embedded HiveMQ CE (EmbeddedBroker, no auth extension, in memory, own JVM -Xmx" + brokerHeap + ")"
                : spawnMosquitto ? "private Mosquitto " + brokerHost + ":" + brokerPort + " ("
                + MOSQUITTO_LIMITS.replace("\n", ", ").replaceAll(", $", "") + ", no persistence)"
                : "Mosquitto at " + brokerHost + ":" + brokerPort + " as installed");
        result.put("date", Instant.now().toString());
        result.put("publishers", pubs.size());
        result.put("distinctDevices", topics.length);
        result.put("subscribers", subscribers);
        result.put("window", window);
        result.put("rateLimit", rate);
        result.put("maxOutstanding", maxOutstanding);
        result.put("qos", 1);
        result.put("fixesPerMessage", fixesPerMessage);
        result.put("payloadBytes", FixPayload.json(ids[0], 1, System.currentTimeMillis(), fixesPerMessage, 0, 30.27, 120.15, 8,
                1.2, 90, 87).length);
        result.put("warmupSeconds", warmup);
        result.put("countedSeconds", seconds);
        result.put("receivedPerSec", recvRate);
        result.put("publishedPerSec", pubRate);
        result.put("deliveredShareTotal", totalAcked == 0 ? 0.0 : (double) totalReceived / totalAcked);
        result.put("latencyMsP50", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(50));
        result.put("latencyMsP99", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(99));
        result.put("latencyMsMax", h.getTotalCount() == 0 ? null : h.getMaxValue());
        result.put("brokerCpuPctOfOneCore", samples == 0 ? null : brokerCpuSum / seconds);
        result.put("loadgenCpuPctOfOneCore", samples == 0 ? null : ownCpuSum / seconds);
        result.put("machineCpuPctOfOneCore", samples == 0 ? null : machineSum / seconds);
        result.put("brokerRssMaxMb", brokerRssMaxKb / 1024);
        result.put("publishFailures", publisher.failed.sum());
        result.put("publishErrors", MqttConnections.snapshot(publisher.errors));
        result.put("connectionDrops", pubConns.drops.get() + subConns.drops.get());
        Map<String, Long> causes = new java.util.TreeMap<>(MqttConnections.snapshot(pubConns.dropCauses));
        MqttConnections.snapshot(subConns.dropCauses).forEach((k, v) -> causes.merge("subscriber: " + k, v, Long::sum));
        result.put("connectionDropCauses", causes);
        result.put("series", series);
        Path file = out.resolve("ceiling-" + broker + (spawnMosquitto ? "-private" : "") + "-" + stamp + ".json");
        Json.writeFile(file, result);
        System.out.printf(Locale.ROOT, "%nCEILING broker=%s%s received=%.0f msgs/s published=%.0f msgs/s delivered=%.1f%% "
                        + "latency p50=%s ms p99=%s ms brokerCPU=%.0f%% loadgenCPU=%.0f%% machineCPU=%.0f%% -> %s%n",
                broker, spawnMosquitto ? " (private)" : "", recvRate, pubRate, 100.0 * (double) result.get("deliveredShareTotal"), result.get("latencyMsP50"),
                result.get("latencyMsP99"), result.get("brokerCpuPctOfOneCore"), result.get("loadgenCpuPctOfOneCore"),
                result.get("machineCpuPctOfOneCore"), file);
        System.out.printf(Locale.ROOT, "CEILING_MSGS_PER_SEC=%.0f%n", recvRate);
        System.out.printf(Locale.ROOT, "CEILING_FIXES_PER_SEC=%.0f (%d per message)%n", recvRate * fixesPerMessage, fixesPerMessage);
        pubConns.disconnectAll(pubs, Duration.ofSeconds(20));
        subConns.disconnectAll(subs, Duration.ofSeconds(10));
        return 0;
    }
}
