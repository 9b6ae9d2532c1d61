package org.tether.gateway.auth;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded HiveMQ extension that authenticates and authorizes every MQTT client of the device broker:
 * each device, vendor bridge and service account logs in with its own secret, and may then publish and
 * subscribe only as {@link TopicPolicy} lists.
 *
 * <pre>{@code
 * var auth = new DeviceAuthExtension(directory, new CredentialHasher(120_000, pepper), DeviceAuthSettings.defaults());
 * var broker = EmbeddedBroker.create(settings, Optional.of(auth));
 * broker.start().join();
 * if (!auth.isStarted()) { broker.stop(); throw ... } // never run without it: HiveMQ would ALLOW ALL
 * }</pre>
 *
 * <h2>What it registers</h2>
 * <ul>
 *   <li>an authenticator ({@link DeviceAuthenticator}) for every CONNECT: secret check (PBKDF2 on a dedicated
 *       executor, successes cached briefly), client-identifier and Will check, then the principal's default
 *       permissions with default behaviour DENY. It never defers to "next extension or default", so no client
 *       gets in without valid credentials.</li>
 *   <li>a client initializer that adds a {@link VendorOwnershipInterceptor} to vendor connections.</li>
 * </ul>
 *
 * <h2>What HiveMQ then does</h2>
 * <ul>
 *   <li>PUBLISH outside the permissions: MQTT 5 QoS 1 gets PUBACK NOT_AUTHORIZED (QoS 2: PUBREC, QoS 0:
 *       nothing), and then the client is disconnected with NOT_AUTHORIZED; MQTT 3 clients are disconnected.
 *       The message is not delivered.</li>
 *   <li>SUBSCRIBE outside the permissions: SUBACK with NOT_AUTHORIZED (MQTT 3: failure 0x80) for that filter;
 *       the client stays connected.</li>
 *   <li>Will: checked against the same permissions at CONNECT (CONNACK NOT_AUTHORIZED); this extension
 *       additionally restricts it to the principal's status topic ({@link TopicPolicy#willAllowed}).</li>
 * </ul>
 *
 * <h2>Lifecycle</h2>
 * One instance per broker: the verifier threads are created when HiveMQ starts the extension and stopped when
 * it stops it. Without a running instance of this extension the embedded HiveMQ lets every client in; check
 * {@link #isStarted()} after the broker started.
 */
public final class DeviceAuthExtension implements EmbeddedExtension {

    public static final String ID = "tether-device-auth";

    private static final Logger log = LoggerFactory.getLogger(DeviceAuthExtension.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final CredentialDirectory directory;
    private final CredentialHasher hasher;
    private final DeviceAuthSettings settings;
    private final VerificationCache cache;
    private final Counters counters = new Counters();
    private final Main main = new Main();

    private volatile ThreadPoolExecutor verifier;
    private volatile boolean started;

    public DeviceAuthExtension(CredentialDirectory directory, CredentialHasher hasher, DeviceAuthSettings settings) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.cache = new VerificationCache(settings.successCacheTtl(), settings.successCacheMaxEntries());
    }

    /** Whether HiveMQ has started this extension (authenticator registered) and not stopped it. */
    public boolean isStarted() {
        return started;
    }

    /**
     * Forgets a cached successful login, e.g. right after revoking or re-keying a credential. Not required for
     * correctness (the cache only hits for the very stored hash it verified, and lookup runs first), but it
     * frees the entry at once.
     */
    public void forgetCachedLogin(String username) {
        cache.forget(username);
    }

    /** Counters since creation, for metrics and tests. */
    public Stats stats() {
        return new Stats(counters.accepted.get(), counters.refused.get(), counters.verifications.get(),
                counters.verificationNanos.get(), counters.cacheHits.get(), counters.busyRejections.get(),
                counters.timedOut.get(), counters.droppedVendorPublishes.get());
    }

    /**
     * @param accepted               logins accepted
     * @param refused                logins refused (any reason)
     * @param verifications          PBKDF2 verifications run
     * @param verificationNanos      time spent in them
     * @param cacheHits              logins accepted from the success cache, without PBKDF2
     * @param busyRejections         logins refused because the verifier queue was full
     * @param timedOut               verifications skipped because HiveMQ had timed the login out meanwhile
     * @param droppedVendorPublishes vendor publishes dropped for devices the vendor does not own
     */
    public record Stats(long accepted, long refused, long verifications, long verificationNanos, long cacheHits,
                        long busyRejections, long timedOut, long droppedVendorPublishes) {
    }

    static final class Counters {
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong verifications = new AtomicLong();
        final AtomicLong verificationNanos = new AtomicLong();
        final AtomicLong cacheHits = new AtomicLong();
        final AtomicLong busyRejections = new AtomicLong();
        final AtomicLong timedOut = new AtomicLong();
        final AtomicLong droppedVendorPublishes = new AtomicLong();
    }

    // --- EmbeddedExtension

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getName() {
        return "Tether device authentication";
    }

    @Override
    public String getVersion() {
        return "1";
    }

    @Override
    public String getAuthor() {
        return "Tether";
    }

    @Override
    public int getPriority() {
        return 1000;
    }

    @Override
    public int getStartPriority() {
        return 1000;
    }

    @Override
    public ExtensionMain getExtensionMain() {
        return main;
    }

    private final class Main implements ExtensionMain {

        @Override
        public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
            final ThreadPoolExecutor executor = new ThreadPoolExecutor(
                    settings.verifierThreads(), settings.verifierThreads(), 0L, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(settings.verifierQueueCapacity()),
                    task -> {
                        final Thread thread = new Thread(task, "tether-mqtt-auth-" + THREADS.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    },
                    new ThreadPoolExecutor.AbortPolicy());
            try {
                final DeviceAuthenticator authenticator = new DeviceAuthenticator(
                        directory, hasher, cache, executor, settings.verificationTimeout(), counters);
                Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
                Services.initializerRegistry().setClientInitializer((initializerInput, clientContext) ->
                        initializerInput.getConnectionInformation().getConnectionAttributeStore()
                                .getAsString(DeviceAuthenticator.PRINCIPAL_ATTRIBUTE)
                                .filter(user -> user.startsWith(MqttPrincipal.VENDOR_PREFIX))
                                .map(user -> user.substring(MqttPrincipal.VENDOR_PREFIX.length()))
                                .ifPresent(vendorId -> clientContext.addPublishInboundInterceptor(
                                        new VendorOwnershipInterceptor(
                                                directory, vendorId, counters.droppedVendorPublishes))));
            } catch (RuntimeException e) {
                executor.shutdownNow();
                log.error("Device authentication extension failed to start", e);
                output.preventExtensionStartup("device authentication failed to start: " + e);
                return;
            }
            verifier = executor;
            started = true;
            log.info("Device authentication active: PBKDF2 {} iterations{}, {} verifier thread(s), queue {}, "
                            + "timeout {} ms, success cache {}", hasher.iterations(), hasher.hasPepper() ? " + pepper" : "",
                    settings.verifierThreads(), settings.verifierQueueCapacity(),
                    settings.verificationTimeout().toMillis(),
                    cache.enabled() ? settings.successCacheTtl() : "off");
        }

        @Override
        public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
            started = false;
            final ThreadPoolExecutor executor = verifier;
            if (executor != null) {
                executor.shutdownNow();
            }
            log.info("Device authentication stopped");
        }
    }
}
