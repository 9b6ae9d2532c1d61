package org.tether.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialHasherTest {

    /** Few iterations keep the tests fast; the format and the logic do not depend on the count. */
    private static final int FAST = 1_000;

    private final CredentialHasher hasher = new CredentialHasher(FAST, null);

    @Test
    void verifiesTheRightSecret() {
        final String stored = hasher.hash("correct horse".toCharArray());
        assertTrue(hasher.verify("correct horse".toCharArray(), stored));
    }

    @Test
    void rejectsAWrongSecret() {
        final String stored = hasher.hash("correct horse".toCharArray());
        assertFalse(hasher.verify("correct horsE".toCharArray(), stored));
        assertFalse(hasher.verify("".toCharArray(), stored));
        assertFalse(hasher.verify(null, stored));
    }

    @Test
    void formatIsSelfDescribing() {
        final String stored = hasher.hash("s".toCharArray());
        final String[] parts = stored.split("\\$");
        assertEquals(4, parts.length, stored);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals(String.valueOf(FAST), parts[1]);
        assertEquals(22, parts[2].length(), "16-byte salt, Base64 without padding");
        assertEquals(43, parts[3].length(), "32-byte hash, Base64 without padding");
        // another hasher with other iterations still verifies it: the count comes from the string
        assertTrue(new CredentialHasher(2_000, null).verify("s".toCharArray(), stored));
    }

    @Test
    void differentSaltsGiveDifferentHashes() {
        final Set<String> hashes = new HashSet<>();
        final Set<String> salts = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            final String stored = hasher.hash("same secret".toCharArray());
            hashes.add(stored.split("\\$")[3]);
            salts.add(stored.split("\\$")[2]);
            assertTrue(hasher.verify("same secret".toCharArray(), stored));
        }
        assertEquals(5, salts.size());
        assertEquals(5, hashes.size());
    }

    @Test
    void rejectsTamperedHashStrings() {
        final char[] secret = "tamper me".toCharArray();
        final String stored = hasher.hash(secret);
        final String[] p = stored.split("\\$");
        final String otherHash = hasher.hash("other".toCharArray()).split("\\$")[3];
        final String otherSalt = hasher.hash("other".toCharArray()).split("\\$")[2];

        final String[] tampered = {
                String.join("$", p[0], p[1], p[2], otherHash),                 // hash replaced
                String.join("$", p[0], p[1], otherSalt, p[3]),                 // salt replaced
                String.join("$", p[0], String.valueOf(FAST + 1), p[2], p[3]),  // iterations changed
                String.join("$", "pbkdf2-sha1", p[1], p[2], p[3]),             // algorithm changed
                String.join("$", "pbkdf2-sha256-pepper", p[1], p[2], p[3]),    // claims a pepper
                String.join("$", p[0], "0", p[2], p[3]),
                String.join("$", p[0], "-1", p[2], p[3]),
                String.join("$", p[0], "99999999999", p[2], p[3]),
                String.join("$", p[0], "20000000", p[2], p[3]),                // above MAX_ITERATIONS
                String.join("$", p[0], p[1], p[2], p[3].substring(1)),         // truncated hash
                String.join("$", p[0], p[1], p[2], p[3] + "="),                // padded: not canonical
                String.join("$", p[0], p[1], p[2], p[3], ""),                  // extra field
                String.join("$", p[0], p[1], p[2] + "!", p[3]),                // not Base64
                String.join("$", p[0], p[1], "", p[3]),                        // no salt
                String.join("$", p[0], p[1], p[2], flipOneChar(p[3])),         // one hash character changed
                "", "garbage", "$$$",
        };
        for (String t : tampered) {
            assertFalse(hasher.verify(secret, t), "must not verify: " + t);
        }
        assertTrue(hasher.verify(secret, stored), "original still verifies");
    }

    @Test
    void pepperMatters() {
        final byte[] pepper = "server-side pepper".getBytes(StandardCharsets.UTF_8);
        final CredentialHasher peppered = new CredentialHasher(FAST, pepper);
        final String stored = peppered.hash("s3cret".toCharArray());
        assertTrue(stored.startsWith("pbkdf2-sha256-pepper$" + FAST + "$"), stored);
        assertTrue(peppered.verify("s3cret".toCharArray(), stored));
        assertTrue(new CredentialHasher(FAST, pepper.clone()).verify("s3cret".toCharArray(), stored));

        // without the pepper, or with another one, the same secret does not verify
        assertFalse(hasher.verify("s3cret".toCharArray(), stored));
        assertFalse(new CredentialHasher(FAST, "other pepper".getBytes(StandardCharsets.UTF_8))
                .verify("s3cret".toCharArray(), stored));
        // and an unpeppered hash does not verify with a pepper configured
        final String plain = hasher.hash("s3cret".toCharArray());
        assertFalse(peppered.verify("s3cret".toCharArray(), plain));
        // with the tag forged to "unpeppered", the peppered hash does not verify without the pepper either
        assertFalse(hasher.verify("s3cret".toCharArray(), stored.replaceFirst("^pbkdf2-sha256-pepper", "pbkdf2-sha256")));
    }

    @Test
    void pepperIsCopied() {
        final byte[] pepper = "pepper".getBytes(StandardCharsets.UTF_8);
        final CredentialHasher peppered = new CredentialHasher(FAST, pepper);
        final String stored = peppered.hash("x".toCharArray());
        pepper[0] = 'X';
        assertTrue(peppered.verify("x".toCharArray(), stored));
    }

    @Test
    void handlesNonAsciiSecrets() {
        final String stored = hasher.hash("pässwörd-✓".toCharArray());
        assertTrue(hasher.verify("pässwörd-✓".toCharArray(), stored));
        assertFalse(hasher.verify("passwörd-✓".toCharArray(), stored));
    }

    @Test
    void needsRehashWhenParametersChange() {
        final String stored = hasher.hash("x".toCharArray());
        assertFalse(hasher.needsRehash(stored));
        assertTrue(new CredentialHasher(FAST * 2, null).needsRehash(stored));
        assertTrue(new CredentialHasher(FAST, new byte[] {1}).needsRehash(stored));
        assertTrue(hasher.needsRehash("garbage"));
    }

    @Test
    void generatedSecretsAreUrlSafeAndRandom() {
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            final String secret = CredentialHasher.generateSecret();
            assertEquals(24, secret.length());
            assertTrue(secret.matches("[A-Za-z0-9_-]{24}"), secret);
            seen.add(secret);
        }
        assertEquals(1_000, seen.size());
    }

    @Test
    void rejectsBadIterationCounts() {
        assertThrows(IllegalArgumentException.class, () -> new CredentialHasher(0, null));
        assertThrows(IllegalArgumentException.class, () -> new CredentialHasher(CredentialHasher.MAX_ITERATIONS + 1, null));
    }

    /** Not an assertion on speed (machines differ); prints the cost that DeviceAuthExtension has to absorb. */
    @Test
    void measureCost() {
        for (int iterations : new int[] {10_000, CredentialHasher.DEFAULT_ITERATIONS}) {
            final CredentialHasher h = new CredentialHasher(iterations, new byte[] {1, 2, 3});
            final String stored = h.hash("warm-up".toCharArray());
            final CredentialHasher warmUp = new CredentialHasher(2_000, new byte[] {1, 2, 3});
            final String warmUpStored = warmUp.hash("warm-up".toCharArray());
            for (int i = 0; i < 200; i++) { // let the JIT compile the HMAC-SHA256 loop first
                warmUp.verify("warm-up".toCharArray(), warmUpStored);
            }
            final int rounds = 10;
            final long begin = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                assertTrue(h.verify("warm-up".toCharArray(), stored));
            }
            final double ms = (System.nanoTime() - begin) / 1e6 / rounds;
            System.out.printf("CredentialHasher: PBKDF2-HMAC-SHA256 %,d iterations: %.1f ms per verification "
                    + "(%d processors)%n", iterations, ms, Runtime.getRuntime().availableProcessors());
        }
    }

    private static String flipOneChar(String b64) {
        final char[] c = b64.toCharArray();
        c[5] = c[5] == 'A' ? 'B' : 'A';
        return new String(c);
    }
}
