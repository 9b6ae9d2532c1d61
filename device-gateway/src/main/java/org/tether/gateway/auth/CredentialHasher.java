package org.tether.gateway.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes and verifies device, vendor and service secrets with PBKDF2-HMAC-SHA256 from the JDK.
 *
 * <h2>Stored format</h2>
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (no pepper) or {@code pbkdf2-sha256-pepper$…} (secret mixed
 * with the server-side pepper first), salt and hash in standard Base64 without padding; a 16-byte random salt
 * and a 32-byte derived key. The string names its own parameters, so credentials hashed with different
 * iteration counts verify side by side and {@link #needsRehash(String)} tells which ones to upgrade.
 *
 * <h2>Pepper</h2>
 * When a pepper is configured, PBKDF2 does not see the secret but {@code Base64(HMAC-SHA256(pepper,
 * UTF-8(secret)))}. A stolen registry dump is then useless without the pepper, which lives in the server's
 * configuration (not the database). A hasher with a pepper does not verify hashes made without one and vice
 * versa ({@code verify} answers {@code false}); changing the pepper invalidates all stored hashes.
 *
 * <h2>Cost</h2>
 * Measured with OpenJDK 17.0.15 on a 2-vCPU x86-64 container: about 35 ms per hash or verification at 120,000
 * iterations (roughly 0.3 µs per iteration, linear in the count) when a core is free and the JIT has compiled
 * HMAC-SHA256; 80–250 ms while the CPUs were contended (load average 10–13); the first calls after start are
 * several times slower still. The cost is paid for every CONNECT whose secret is not in
 * {@link DeviceAuthExtension}'s short-lived success cache, e.g. by every device after a broker restart.
 * Secrets from {@link #generateSecret()} carry 144 random bits, so key stretching adds nothing against brute
 * force for them; a far lower iteration count (1,000–10,000) is just as safe for generated secrets and makes
 * such reconnect storms cheap. The iteration count is a constructor argument and is recorded per hash.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CredentialHasher {

    /** Iteration count used by {@link #CredentialHasher()}. */
    public static final int DEFAULT_ITERATIONS = 120_000;
    /** Upper bound accepted by {@link #verify}: a tampered hash string must not make a login cost minutes. */
    public static final int MAX_ITERATIONS = 10_000_000;
    /** Length of {@link #generateSecret()} results. */
    public static final int SECRET_LENGTH = 24;

    static final String ALGORITHM = "pbkdf2-sha256";
    static final String ALGORITHM_PEPPERED = "pbkdf2-sha256-pepper";

    private static final String PBKDF2 = "PBKDF2WithHmacSHA256";
    private static final String HMAC = "HmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int MIN_SALT_BYTES = 8;
    private static final int MAX_SALT_BYTES = 64;
    private static final int HASH_BYTES = 32;
    private static final int SECRET_BYTES = SECRET_LENGTH * 3 / 4; // 18 bytes -> 24 Base64url chars, 144 bits

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final int iterations;
    private final byte[] pepper; // null: no pepper

    /** {@value #DEFAULT_ITERATIONS} iterations, no pepper. */
    public CredentialHasher() {
        this(DEFAULT_ITERATIONS, null);
    }

    /**
     * @param iterations PBKDF2 iterations for new hashes, 1..{@value #MAX_ITERATIONS}
     * @param pepper     server-side secret mixed in via HMAC before PBKDF2, or {@code null}/empty for none;
     *                   copied
     */
    public CredentialHasher(int iterations, byte[] pepper) {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be in 1.." + MAX_ITERATIONS + ": " + iterations);
        }
        this.iterations = iterations;
        this.pepper = pepper == null || pepper.length == 0 ? null : pepper.clone();
    }

    public int iterations() {
        return iterations;
    }

    public boolean hasPepper() {
        return pepper != null;
    }

    /**
     * Hashes a secret with a fresh random salt.
     *
     * @param secret not modified; the caller should {@linkplain Arrays#fill(char[], char) clear} it afterwards
     * @return the self-describing hash string
     */
    public String hash(char[] secret) {
        Objects.requireNonNull(secret, "secret");
        final byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        final byte[] derived = derive(secret, salt, iterations, pepper);
        try {
            return (pepper == null ? ALGORITHM : ALGORITHM_PEPPERED) + '$' + iterations + '$'
                    + B64.encodeToString(salt) + '$' + B64.encodeToString(derived);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /**
     * Whether {@code secret} matches {@code stored}. Compares in constant time. Answers {@code false} (never
     * throws) for a malformed or tampered hash string, an unknown algorithm, a pepper mismatch (hash made with
     * a pepper but this hasher has none, or the other way round) and an iteration count above
     * {@value #MAX_ITERATIONS}.
     */
    public boolean verify(char[] secret, String stored) {
        if (secret == null || stored == null) {
            return false;
        }
        final Parsed parsed = parse(stored);
        if (parsed == null || parsed.peppered != (pepper != null)) {
            return false;
        }
        final byte[] derived = derive(secret, parsed.salt, parsed.iterations, pepper);
        try {
            return MessageDigest.isEqual(derived, parsed.hash);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /**
     * Whether a stored hash should be replaced after the next successful login: it is malformed, uses other
     * iterations than this hasher, or does not match this hasher's pepper setting.
     */
    public boolean needsRehash(String stored) {
        final Parsed parsed = stored == null ? null : parse(stored);
        return parsed == null || parsed.iterations != iterations || parsed.peppered != (pepper != null);
    }

    /**
     * A new random secret: {@value #SECRET_LENGTH} characters of URL-safe Base64 ({@code A-Z a-z 0-9 - _}),
     * 144 bits from {@link SecureRandom}. Fits MQTT passwords, QR codes and OwnTracks configuration files.
     */
    public static String generateSecret() {
        final byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private record Parsed(boolean peppered, int iterations, byte[] salt, byte[] hash) {
    }

    private static Parsed parse(String stored) {
        final String[] parts = stored.split("\\$", -1);
        if (parts.length != 4) {
            return null;
        }
        final boolean peppered;
        if (ALGORITHM.equals(parts[0])) {
            peppered = false;
        } else if (ALGORITHM_PEPPERED.equals(parts[0])) {
            peppered = true;
        } else {
            return null;
        }
        final int iterations;
        try {
            if (parts[1].isEmpty() || parts[1].length() > 9 || !parts[1].chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return null;
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            return null;
        }
        final byte[] salt;
        final byte[] hash;
        try {
            salt = B64_DECODER.decode(parts[2]);
            hash = B64_DECODER.decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES || hash.length != HASH_BYTES) {
            return null;
        }
        // only the canonical encoding: no padding, no variants that differ in the unused trailing bits
        if (!B64.encodeToString(salt).equals(parts[2]) || !B64.encodeToString(hash).equals(parts[3])) {
            return null;
        }
        return new Parsed(peppered, iterations, salt, hash);
    }

    private static byte[] derive(char[] secret, byte[] salt, int iterations, byte[] pepper) {
        char[] input = pepper == null ? secret : peppered(secret, pepper);
        final PBEKeySpec spec = new PBEKeySpec(input, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance(PBKDF2).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JDK", e);
        } finally {
            spec.clearPassword();
            if (input != secret) {
                Arrays.fill(input, '\0');
            }
        }
    }

    /** {@code Base64(HMAC-SHA256(pepper, UTF-8(secret)))} as characters, the PBKDF2 input when peppered. */
    private static char[] peppered(char[] secret, byte[] pepper) {
        final ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        final byte[] bytes = new byte[utf8.remaining()];
        utf8.get(bytes);
        if (utf8.hasArray()) {
            Arrays.fill(utf8.array(), (byte) 0);
        }
        byte[] mac = null;
        byte[] encoded = null;
        try {
            final Mac hmac = Mac.getInstance(HMAC);
            hmac.init(new SecretKeySpec(pepper, HMAC));
            mac = hmac.doFinal(bytes);
            encoded = B64.encode(mac);
            final char[] chars = new char[encoded.length];
            for (int i = 0; i < encoded.length; i++) {
                chars[i] = (char) encoded[i];
            }
            return chars;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (mac != null) {
                Arrays.fill(mac, (byte) 0);
            }
            if (encoded != null) {
                Arrays.fill(encoded, (byte) 0);
            }
        }
    }
}
