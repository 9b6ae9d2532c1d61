package org.tether.benchmarks.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real Tether server ({@code java -jar server/target/tether-server.jar}) as a child process on free ports,
 * configured only through its environment variables, with a GC log for the heap figures. Stopped with SIGTERM
 * (its shutdown hook undeploys, closes the pool and stops the embedded broker), SIGKILL after 30 s.
 */
final class ServerProcess implements AutoCloseable {

    final Process process;
    final int httpPort;
    final int mqttPort;
    final Path log;
    final GcLog gc;
    final List<String> command;
    final Map<String, String> overrides;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerProcess(Process process, int httpPort, int mqttPort, Path log, GcLog gc, List<String> command,
                          Map<String, String> overrides) {
        this.process = process;
        this.httpPort = httpPort;
        this.mqttPort = mqttPort;
        this.log = log;
        this.gc = gc;
        this.command = command;
        this.overrides = overrides;
    }

    /**
     * @param env overrides on top of ours (e.g. TETHER_INGEST_COMMITLANES=4); every other TETHER_* variable of
     *            this process is removed, since the server refuses unknown ones
     */
    static ServerProcess start(Path jar, String heap, List<String> jvmOptions, BenchDatabase db, Map<String, String> env,
                               Path outDir, String tag) throws IOException {
        return start(jar, heap, jvmOptions, db, env, outDir, tag, 0);
    }

    /**
     * @param brokerInflightWindow 0: {@code java -jar server.jar}; otherwise the unchanged server started through
     *                             {@link ServerWithInflightWindow} with HiveMQ's in-flight window raised to this
     */
    static ServerProcess start(Path jar, String heap, List<String> jvmOptions, BenchDatabase db, Map<String, String> env,
                               Path outDir, String tag, int brokerInflightWindow) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " not found: build it with mvn -B -ntp -pl server -am package -DskipTests");
        }
        Files.createDirectories(outDir);
        int httpPort = freePort();
        int mqttPort = freePort();
        Path log = outDir.resolve(tag + "-server.log");
        Path gcLog = outDir.resolve(tag + "-server-gc.log");
        Files.deleteIfExists(gcLog);
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.add("-Xmx" + heap);
        cmd.add("-Xlog:gc:file=" + gcLog.toAbsolutePath());
        cmd.addAll(jvmOptions);
        if (brokerInflightWindow > 0) {
            cmd.add("-cp");
            cmd.add(jar.toAbsolutePath() + java.io.File.pathSeparator + ownJar());
            cmd.add(ServerWithInflightWindow.class.getName());
            cmd.add(Integer.toString(brokerInflightWindow));
        } else {
            cmd.add("-jar");
            cmd.add(jar.toAbsolutePath().toString());
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("TETHER_DATABASE_HOST", db.options.host);
        overrides.put("TETHER_DATABASE_PORT", Integer.toString(db.options.port));
        overrides.put("TETHER_DATABASE_USER", db.options.user);
        overrides.put("TETHER_DATABASE_PASSWORD", db.options.password);
        overrides.put("TETHER_DATABASE_NAME", db.name);
        overrides.put("TETHER_HTTP_PORT", Integer.toString(httpPort));
        overrides.put("TETHER_MQTT_EMBEDDED_PORT", Integer.toString(mqttPort));
        overrides.put("TETHER_MQTT_EMBEDDED_DATAFOLDER", ""); // in memory
        overrides.putAll(env);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TETHER_"));
        pb.environment().putAll(overrides);
        Process p = pb.start();
        ServerProcess server = new ServerProcess(p, httpPort, mqttPort, log, new GcLog(gcLog), List.copyOf(cmd),
                overrides);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-tether-server"));
        return server;
    }

    long pid() {
        return process.pid();
    }

    /** Waits until {@code /health} answers 200 (database migrated, broker up, ingest subscribed). */
    void awaitHealthy(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server was not healthy within " + timeout + "; see " + log);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    String post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** The {@code /metrics} counters (Prometheus text), labels kept in the name. Empty if unreachable. */
    Map<String, Double> metrics() {
        Map<String, Double> out = new HashMap<>();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/metrics")).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            for (String line : r.body().split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int sp = line.lastIndexOf(' ');
                try {
                    out.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
                } catch (NumberFormatException e) {
                    // skip
                }
            }
        } catch (IOException e) {
            // unreachable: empty
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    static double sumPrefix(Map<String, Double> metrics, String prefix) {
        return metrics.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToDouble(Map.Entry::getValue).sum();
    }

    @Override
    public synchronized void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                System.err.println("the server did not stop within 30 s after SIGTERM; killing it");
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar this class was loaded from (to start helper JVMs from the same uber-jar). */
    static Path ownJar() {
        try {
            return Path.of(ServerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
