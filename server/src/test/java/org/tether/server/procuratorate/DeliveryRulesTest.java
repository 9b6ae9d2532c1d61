package org.tether.server.procuratorate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The outcome of an answer, the backoff and the signature format documented in docs/procuratorate.md. */
class DeliveryRulesTest {

    @Test
    void answersAreClassifiedAsDocumented() {
        assertEquals(DeliveryOutcome.DELIVERED, DeliveryOutcome.of(200));
        assertEquals(DeliveryOutcome.DELIVERED, DeliveryOutcome.of(204));
        assertEquals(DeliveryOutcome.RETRY, DeliveryOutcome.of(null), "no answer");
        assertEquals(DeliveryOutcome.RETRY, DeliveryOutcome.of(500));
        assertEquals(DeliveryOutcome.RETRY, DeliveryOutcome.of(503));
        assertEquals(DeliveryOutcome.RETRY, DeliveryOutcome.of(408));
        assertEquals(DeliveryOutcome.RETRY, DeliveryOutcome.of(429));
        assertEquals(DeliveryOutcome.REJECTED, DeliveryOutcome.of(401));
        assertEquals(DeliveryOutcome.REJECTED, DeliveryOutcome.of(400));
        assertEquals(DeliveryOutcome.REJECTED, DeliveryOutcome.of(302), "redirects are not followed");
    }

    @Test
    void backoffDoublesWithJitterUpToTheCap() {
        Backoff b = new Backoff(1_000, 60_000);
        RandomGenerator low = new java.util.Random(1);
        for (int attempt = 1; attempt <= 40; attempt++) {
            long full = Math.min(60_000, 1_000L << Math.min(attempt - 1, 30));
            for (int i = 0; i < 50; i++) {
                long d = b.delayMillis(attempt, low);
                assertTrue(d >= full / 2 && d <= full, "attempt " + attempt + ": " + d + " not in [" + full / 2 + ", " + full + "]");
            }
        }
        assertEquals(60_000, new Backoff(1_000, 60_000).delayMillis(1_000, new FixedRandom()), "capped, no overflow");
    }

    @Test
    void theSignatureIsHmacSha256OfTimestampDotBodyInHex() {
        // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac Jefe
        assertEquals("v1=fa5f6481efc59da48b19c9dc10196c9953e5651f8304b3a318b6b87d70272e0a",
                new NotificationSignature("Jefe").sign(1_700_000_000L, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(!new NotificationSignature("Jefe").sign(1_700_000_001L, "{\"a\":1}".getBytes(StandardCharsets.UTF_8))
                .endsWith("fa5f6481efc59da48b19c9dc10196c9953e5651f8304b3a318b6b87d70272e0a"), "the timestamp is signed");
    }

    /** Always the top of the range: the full delay. */
    private static final class FixedRandom implements RandomGenerator {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    }
}
