package org.tether.gateway.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of {@link DeviceAuthExtension}.
 *
 * @param verifierThreads        threads that run PBKDF2 verifications, off HiveMQ's own threads
 * @param verifierQueueCapacity  CONNECTs that may wait for a verifier thread; when full, further CONNECTs are
 *                               refused at once with SERVER_BUSY (MQTT 3: "server unavailable") and the
 *                               clients retry later. Useful size: {@code threads × timeout / cost per
 *                               verification}; more only makes clients wait into the timeout.
 * @param verificationTimeout    how long HiveMQ waits for a verification (queue time included) before it
 *                               refuses the CONNECT with SERVER_BUSY
 * @param successCacheTtl        how long a successful verification is remembered per user name (only
 *                               together with the exact stored hash it was verified against), so that
 *                               reconnects skip PBKDF2; {@link Duration#ZERO} disables the cache
 * @param successCacheMaxEntries upper bound of remembered verifications
 */
public record DeviceAuthSettings(int verifierThreads, int verifierQueueCapacity, Duration verificationTimeout,
                                 Duration successCacheTtl, int successCacheMaxEntries) {

    public DeviceAuthSettings {
        Objects.requireNonNull(verificationTimeout, "verificationTimeout");
        Objects.requireNonNull(successCacheTtl, "successCacheTtl");
        if (verifierThreads < 1 || verifierThreads > 64) {
            throw new IllegalArgumentException("verifierThreads must be in 1..64: " + verifierThreads);
        }
        if (verifierQueueCapacity < 1) {
            throw new IllegalArgumentException("verifierQueueCapacity must be positive: " + verifierQueueCapacity);
        }
        if (verificationTimeout.isNegative() || verificationTimeout.isZero()) {
            throw new IllegalArgumentException("verificationTimeout must be positive: " + verificationTimeout);
        }
        if (successCacheTtl.isNegative()) {
            throw new IllegalArgumentException("successCacheTtl must not be negative: " + successCacheTtl);
        }
        if (successCacheMaxEntries < 0) {
            throw new IllegalArgumentException("successCacheMaxEntries must not be negative: " + successCacheMaxEntries);
        }
    }

    /**
     * Half the processors (1..4) verify; 256 waiting CONNECTs; 10 s timeout; successes remembered for
     * 15 minutes, at most 100,000 of them (a few MB).
     */
    public static DeviceAuthSettings defaults() {
        final int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
        return new DeviceAuthSettings(threads, 256, Duration.ofSeconds(10), Duration.ofMinutes(15), 100_000);
    }

    public DeviceAuthSettings withSuccessCacheTtl(Duration ttl) {
        return new DeviceAuthSettings(verifierThreads, verifierQueueCapacity, verificationTimeout, ttl,
                successCacheMaxEntries);
    }

    public DeviceAuthSettings withVerifier(int threads, int queueCapacity, Duration timeout) {
        return new DeviceAuthSettings(threads, queueCapacity, timeout, successCacheTtl, successCacheMaxEntries);
    }
}
