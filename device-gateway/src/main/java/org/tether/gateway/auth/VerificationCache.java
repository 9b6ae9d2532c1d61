package org.tether.gateway.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers successful secret verifications for a short time so that a reconnecting client does not cost
 * another PBKDF2 run.
 * <p>
 * Per user name it keeps the stored hash string the secret was verified against and
 * {@code HMAC-SHA256(k, secret)} with a random key {@code k} that exists only in this process' memory; never
 * the secret. A hit needs the same stored hash (so a changed or revoked credential misses: revocation is the
 * directory's business and is checked before the cache) and the same secret (compared in constant time).
 * Failed verifications are not remembered.
 * <p>
 * Thread-safe.
 */
final class VerificationCache {

    private static final String HMAC = "HmacSHA256";

    private record Entry(String storedHash, byte[] secretMac, long expiresAtNanos) {
    }

    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final byte[] key = new byte[32];
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    VerificationCache(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, System::nanoTime);
    }

    VerificationCache(Duration ttl, int maxEntries, LongSupplier nanoClock) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
        new SecureRandom().nextBytes(key);
    }

    boolean enabled() {
        return ttlNanos > 0 && maxEntries > 0;
    }

    /** Whether {@code secret} was verified against exactly {@code storedHash} for this user within the TTL. */
    boolean matches(String username, String storedHash, char[] secret) {
        if (!enabled()) {
            return false;
        }
        final Entry entry = entries.get(username);
        if (entry == null) {
            return false;
        }
        if (nanoClock.getAsLong() - entry.expiresAtNanos >= 0) {
            entries.remove(username, entry);
            return false;
        }
        if (!entry.storedHash.equals(storedHash)) {
            return false;
        }
        final byte[] mac = mac(secret);
        try {
            return MessageDigest.isEqual(mac, entry.secretMac);
        } finally {
            Arrays.fill(mac, (byte) 0);
        }
    }

    /** Records a successful verification. */
    void remember(String username, String storedHash, char[] secret) {
        if (!enabled()) {
            return;
        }
        if (entries.size() >= maxEntries && !entries.containsKey(username)) {
            evictExpired();
            if (entries.size() >= maxEntries) {
                return; // full of live entries: such clients simply pay PBKDF2 again
            }
        }
        entries.put(username, new Entry(storedHash, mac(secret), nanoClock.getAsLong() + ttlNanos));
    }

    void forget(String username) {
        entries.remove(username);
    }

    int size() {
        return entries.size();
    }

    private void evictExpired() {
        final long now = nanoClock.getAsLong();
        entries.values().removeIf(e -> now - e.expiresAtNanos >= 0);
    }

    private byte[] mac(char[] secret) {
        final ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        final byte[] bytes = new byte[utf8.remaining()];
        utf8.get(bytes);
        if (utf8.hasArray()) {
            Arrays.fill(utf8.array(), (byte) 0);
        }
        try {
            final Mac hmac = Mac.getInstance(HMAC);
            hmac.init(new SecretKeySpec(key, HMAC));
            return hmac.doFinal(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
