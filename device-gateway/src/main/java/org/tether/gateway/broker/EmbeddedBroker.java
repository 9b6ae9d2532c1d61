package org.tether.gateway.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.embedded.EmbeddedHiveMQBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process MQTT broker (HiveMQ Community Edition, embedded mode) with one plain TCP listener.
 *
 * <h2>Lifecycle</h2>
 * One instance goes through {@code create -> start -> stop} exactly once; to run a broker again, create a
 * new instance. Starting and stopping each cost in the order of a second or more (HiveMQ bootstraps Guice,
 * its persistences and Netty; file persistence also opens RocksDB/Xodus stores), so do it once per process
 * (or once per test class), never per request or per test method.
 * <p>
 * {@link #stop()} is terminal: it stops the broker, then {@linkplain EmbeddedHiveMQ#close() closes} the
 * HiveMQ instance. Closing matters because HiveMQ's "state change" thread is a non-daemon thread that
 * otherwise keeps the JVM alive; HiveMQ registers no JVM shutdown hook in embedded mode, so the owner must
 * call {@link #stop()} or {@link #close()}. When the broker works in a temporary folder
 * ({@link EmbeddedBrokerSettings#dataFolder()} {@code null}), that folder is deleted after the stop.
 *
 * <h2>Thread-safety</h2>
 * All methods may be called from any thread. {@link #start()} and {@link #stop()} are idempotent and
 * return the same future on repeated calls; a {@code stop()} issued while a start is in progress is
 * executed after the start has finished. The futures complete on internal threads (HiveMQ's state-change
 * thread or a short-lived cleanup thread): do not block in callbacks attached to them, and never call
 * {@code join()} on them from a Vert.x event-loop thread.
 *
 * <h2>Things HiveMQ does that one should know</h2>
 * <ul>
 *   <li>Configuration is read only from {@code config.xml} in the configuration folder; this class writes
 *       that file (listener, persistence mode, usage statistics off) into {@code <folder>/conf} on
 *       {@link #create}. The extensions folder is set to an empty {@code <folder>/extensions} so that HiveMQ
 *       does not look for extensions next to its own jar (its default "home" is the jar's directory).</li>
 *   <li>Building an embedded HiveMQ sets the JVM-global internal option "deny unauthenticated connections"
 *       to {@code false}: without an authenticator extension every client may connect. Until a device
 *       authentication extension is passed to {@link #create(EmbeddedBrokerSettings, Optional)}, bind to a
 *       loopback address only.</li>
 *   <li>HiveMQ's internal options are static, so running several brokers in one JVM shares them.</li>
 *   <li>HiveMQ's bootstrap installs a JVM-wide default uncaught-exception handler that may call
 *       {@code System.exit(1)}; {@link #start()} puts the previous handler back once the start finished.</li>
 *   <li>HiveMQ's logging bootstrap (which re-wires the Logback root logger, installs a JUL bridge and
 *       requires Logback as the SLF4J binding) is disabled; HiveMQ logs through the application's SLF4J
 *       configuration under the {@code com.hivemq} logger.</li>
 * </ul>
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    /** How long {@link #close()} waits for the stop to finish. */
    static final long CLOSE_TIMEOUT_SECONDS = 60;

    private static final AtomicInteger THREAD_COUNTER = new AtomicInteger();

    private enum State { NEW, STARTING, RUNNING, FAILED, STOPPED }

    private final EmbeddedBrokerSettings settings;
    private final Path baseFolder;
    private final boolean deleteBaseFolderOnStop;
    private final EmbeddedHiveMQ hivemq;

    private State state = State.NEW;
    private CompletableFuture<Void> startFuture;
    private CompletableFuture<Void> stopFuture;

    private EmbeddedBroker(
            EmbeddedBrokerSettings settings, Path baseFolder, boolean deleteBaseFolderOnStop, EmbeddedHiveMQ hivemq) {
        this.settings = settings;
        this.baseFolder = baseFolder;
        this.deleteBaseFolderOnStop = deleteBaseFolderOnStop;
        this.hivemq = hivemq;
    }

    /** Prepares (but does not start) a broker without extensions. */
    public static EmbeddedBroker create(EmbeddedBrokerSettings settings) {
        return create(settings, Optional.empty());
    }

    /**
     * Prepares (but does not start) a broker: creates its folders, writes {@code conf/config.xml} and builds
     * the HiveMQ instance.
     *
     * @param extension an extension loaded from the classpath instead of the extensions folder, e.g. the
     *                  device authentication extension; HiveMQ allows one embedded extension
     * @throws UncheckedIOException if the folders or the configuration file cannot be written
     */
    public static EmbeddedBroker create(EmbeddedBrokerSettings settings, Optional<EmbeddedExtension> extension) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(extension, "extension");
        final Path base;
        final boolean temporary = settings.usesTemporaryFolder();
        try {
            base = temporary ? Files.createTempDirectory("tether-mqtt-broker-") : settings.dataFolder();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the MQTT broker", e);
        }
        try {
            final Path conf = Files.createDirectories(base.resolve("conf"));
            final Path data = Files.createDirectories(base.resolve("data"));
            final Path extensions = Files.createDirectories(base.resolve("extensions"));
            writeAtomically(conf.resolve("config.xml"), configXml(settings));

            // HiveMQ CE sends at most 50 unacknowledged messages to any client, whatever the client's
            // receive maximum: with the gateway acknowledging only after its commit, that capped
            // ingestion at ~12 fixes/s under load (docs/benchmarks.md). The option is JVM-global and
            // has no config.xml key, so it is raised here, before the broker starts.
            InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES =
                    Math.max(InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES, MAX_INFLIGHT_PER_CLIENT);
            final EmbeddedHiveMQBuilder builder = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    .withoutLoggingBootstrap();
            extension.ifPresent(builder::withEmbeddedExtension);
            return new EmbeddedBroker(settings, base, temporary, builder.build());
        } catch (IOException | RuntimeException e) {
            if (temporary) {
                deleteRecursively(base);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot prepare the MQTT broker folder " + base, io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Starts the broker. The future completes when the listener accepts connections, or fails (e.g. the port
     * is in use); after a failed start the broker is unusable and has already released its resources.
     * Repeated calls return the same future; after {@link #stop()} the returned future fails.
     */
    public synchronized CompletableFuture<Void> start() {
        if (state == State.STOPPED) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("broker was stopped; create a new EmbeddedBroker to run again"));
        }
        if (startFuture != null) {
            return startFuture;
        }
        state = State.STARTING;
        final long begin = System.nanoTime();
        log.info("Starting embedded MQTT broker on {}:{} ({} persistence)",
                settings.bindAddress(), settings.port(), settings.inMemory() ? "in-memory" : "file");
        final Thread.UncaughtExceptionHandler applicationHandler = Thread.getDefaultUncaughtExceptionHandler();
        startFuture = hivemq.start().handleAsync((ignored, error) -> {
            restoreDefaultUncaughtExceptionHandler(applicationHandler);
            if (error == null) {
                onStarted(begin);
                return null;
            }
            final Throwable cause = unwrap(error);
            log.error("Embedded MQTT broker failed to start on {}:{}", settings.bindAddress(), settings.port(), cause);
            synchronized (this) {
                if (state == State.STARTING) {
                    state = State.FAILED;
                }
            }
            releaseResources();
            throw new CompletionException(cause);
        }, cleanupExecutor("start"));
        return startFuture;
    }

    private synchronized void onStarted(long beginNanos) {
        if (state == State.STARTING) {
            state = State.RUNNING;
        }
        log.info("Embedded MQTT broker listening on {}:{} (start took {} ms)",
                settings.bindAddress(), settings.port(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - beginNanos));
    }

    /**
     * HiveMQ's bootstrap replaces the JVM-wide default uncaught-exception handler with one that logs every
     * uncaught exception of every thread and calls {@code System.exit(1)} on its own "unrecoverable" errors.
     * Whether the gateway process exits is the application's decision, so put its handler back.
     */
    private static void restoreDefaultUncaughtExceptionHandler(Thread.UncaughtExceptionHandler applicationHandler) {
        final Thread.UncaughtExceptionHandler current = Thread.getDefaultUncaughtExceptionHandler();
        if (current != applicationHandler && current != null && current.getClass().getName().startsWith("com.hivemq.")) {
            Thread.setDefaultUncaughtExceptionHandler(applicationHandler);
            log.debug("Restored the default uncaught-exception handler replaced by HiveMQ");
        }
    }

    /**
     * Stops the broker for good: disconnects all clients, closes the listener and persistences, ends HiveMQ's
     * threads and deletes a temporary folder. Safe to call in any state, also without a prior start.
     */
    public synchronized CompletableFuture<Void> stop() {
        if (stopFuture != null) {
            return stopFuture;
        }
        final State previous = state;
        state = State.STOPPED;
        final long begin = System.nanoTime();
        if (previous == State.NEW || previous == State.FAILED) {
            // nothing runs (a failed start has cleaned up already); just make sure nothing is left over
            stopFuture = CompletableFuture.runAsync(this::releaseResources, cleanupExecutor("stop"));
            return stopFuture;
        }
        // HiveMQ serialises start/stop on its own thread, so a stop issued during a start runs after it.
        stopFuture = hivemq.stop().handleAsync((ignored, error) -> {
            releaseResources();
            if (error != null) {
                final Throwable cause = unwrap(error);
                log.error("Embedded MQTT broker on {}:{} did not stop cleanly",
                        settings.bindAddress(), settings.port(), cause);
                throw new CompletionException(cause);
            }
            log.info("Embedded MQTT broker on {}:{} stopped (stop took {} ms)", settings.bindAddress(),
                    settings.port(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
            return null;
        }, cleanupExecutor("stop"));
        return stopFuture;
    }

    /**
     * {@link #stop()} and wait for it, at most {@value #CLOSE_TIMEOUT_SECONDS} seconds.
     *
     * @throws IllegalStateException if the stop failed or timed out
     */
    @Override
    public void close() {
        try {
            stop().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the MQTT broker", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("MQTT broker did not stop cleanly", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "MQTT broker did not stop within " + CLOSE_TIMEOUT_SECONDS + " s", e);
        }
    }

    /** The configured listener port. */
    public int port() {
        return settings.port();
    }

    /**
     * A host name clients can connect to: the bind address, or {@code 127.0.0.1} when the broker binds to
     * all interfaces ({@code 0.0.0.0}/{@code ::}).
     */
    public String host() {
        final String address = settings.bindAddress();
        return switch (address) {
            case "0.0.0.0" -> EmbeddedBrokerSettings.LOOPBACK;
            case "::", "[::]", "0:0:0:0:0:0:0:0" -> "::1";
            default -> address;
        };
    }

    public EmbeddedBrokerSettings settings() {
        return settings;
    }

    /** Whether {@link #start()} has completed successfully and {@link #stop()} has not been called. */
    public synchronized boolean isRunning() {
        return state == State.RUNNING;
    }

    /** The folder holding {@code conf/}, {@code data/} and {@code extensions/} (for tests and diagnostics). */
    Path baseFolder() {
        return baseFolder;
    }

    /**
     * Messages the broker dropped since it started (queue full and other causes; HiveMQ's
     * {@code com.hivemq.messages.dropped.count}). Anything above zero means accepted data was lost.
     */
    public long droppedMessages() {
        var counter = hivemq.getMetricRegistry().getCounters().get(DROPPED_METRIC);
        return counter == null ? 0 : counter.getCount();
    }

    /** Closes the HiveMQ instance (ends its state-change thread) and deletes a temporary folder. */
    private void releaseResources() {
        try {
            // When the broker is already stopped (or never started) this only shuts down HiveMQ's
            // state-change executor; when it failed to start it also runs the remaining shutdown hooks.
            hivemq.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while closing the embedded HiveMQ instance");
        } catch (Exception e) {
            log.warn("Closing the embedded HiveMQ instance failed", e);
        }
        if (deleteBaseFolderOnStop) {
            deleteRecursively(baseFolder);
        }
    }

    /**
     * Messages kept per offline (or not acknowledging) client, i.e. for the gateway while it is down or
     * behind. HiveMQ CE has no "refuse new publishes" strategy: past this it drops messages it already
     * acknowledged to devices, so the limit is sized to ride out long outages — on disk (file
     * persistence, ~300 B a message: 20 M ≈ 6 GB ≈ 3 h of 100,000 devices at one fix every 30 s), and
     * lower in memory. Drops are counted ({@link #droppedMessages()}) and reported by the server.
     */
    static final long MAX_QUEUED_MESSAGES_ON_DISK = 20_000_000;
    static final long MAX_QUEUED_MESSAGES_IN_MEMORY = 500_000;
    private static final String DROPPED_METRIC = "com.hivemq.messages.dropped.count";

    /** Unacknowledged messages the broker may have out to one client (the gateway's receive window). */
    static final int MAX_INFLIGHT_PER_CLIENT = 5_000;

    static String configXml(EmbeddedBrokerSettings settings) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by org.tether.gateway.broker.EmbeddedBroker.create(); edits are overwritten. -->
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                            <name>tether-device-mqtt</name>
                        </tcp-listener>
                    </listeners>
                    <persistence>
                        <mode>%s</mode>
                    </persistence>
                    <mqtt>
                        <!-- While the gateway is down or the database is away, the broker keeps its
                             messages: HiveMQ's default of 1,000 per client would drop the rest. -->
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                            <strategy>discard</strategy>
                        </queued-messages>
                    </mqtt>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(
                settings.port(), escapeXml(settings.bindAddress()), settings.inMemory() ? "in-memory" : "file",
                settings.inMemory() ? MAX_QUEUED_MESSAGES_IN_MEMORY : MAX_QUEUED_MESSAGES_ON_DISK);
    }

    private static String escapeXml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        final Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteRecursively(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException ignored) {
            // already gone
        } catch (IOException e) {
            log.warn("Could not delete the broker's temporary folder {}", root, e);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Runs continuations on a fresh daemon thread: they call {@link EmbeddedHiveMQ#close()}, which waits for
     * HiveMQ's state-change thread and so must not run on that thread (the futures HiveMQ returns complete
     * there).
     */
    private static Executor cleanupExecutor(String purpose) {
        return task -> {
            final Thread thread = new Thread(task, "tether-mqtt-broker-" + purpose + "-" + THREAD_COUNTER.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        };
    }
}
