package org.tether.server.support;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The real server as a separate OS process (the shaded jar), so a test can kill it with SIGKILL at
 * any moment — the crash the "nothing is lost" guarantee is about.
 */
public final class ServerProcess implements AutoCloseable {

    private final Map<String, String> env;
    private final Path log;
    private final int httpPort;
    private Process process;

    public ServerProcess(Map<String, String> env, Path log) {
        this.env = new HashMap<>(env);
        this.log = log;
        this.httpPort = Integer.parseInt(env.get("TETHER_HTTP_PORT"));
    }

    public static Path jar() {
        String jar = System.getProperty("tether.server.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("the server jar is missing (" + jar + "): run this as a failsafe IT after package");
        }
        return Path.of(jar);
    }

    public void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar().toString());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        Await.until("the server process to be healthy", Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the server process exited with " + process.exitValue() + "; see " + log);
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** SIGKILL: no shutdown hook, no goodbye to the broker, no flush. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public int httpPort() {
        return httpPort;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    static void drain(InputStream in) throws IOException {
        in.transferTo(java.io.OutputStream.nullOutputStream());
    }
}
