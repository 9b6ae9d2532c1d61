package org.tether.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerificationCacheTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final VerificationCache cache = new VerificationCache(Duration.ofNanos(100), 2, now::get);

    @Test
    void hitsOnlyForTheSameSecretAndStoredHashWithinTheTtl() {
        cache.remember("BR-1", "hash-a", "secret".toCharArray());
        assertTrue(cache.matches("BR-1", "hash-a", "secret".toCharArray()));
        assertFalse(cache.matches("BR-1", "hash-a", "Secret".toCharArray()), "other secret");
        assertFalse(cache.matches("BR-1", "hash-b", "secret".toCharArray()), "credential re-keyed");
        assertFalse(cache.matches("BR-2", "hash-a", "secret".toCharArray()), "other user");
        now.addAndGet(100);
        assertFalse(cache.matches("BR-1", "hash-a", "secret".toCharArray()), "expired");
        assertEquals(0, cache.size(), "expired entry removed");
    }

    @Test
    void boundedSize() {
        cache.remember("a", "h", "s".toCharArray());
        cache.remember("b", "h", "s".toCharArray());
        cache.remember("c", "h", "s".toCharArray());
        assertEquals(2, cache.size());
        assertFalse(cache.matches("c", "h", "s".toCharArray()), "full of live entries: not cached");
        now.addAndGet(100);
        cache.remember("c", "h", "s".toCharArray());
        assertEquals(1, cache.size(), "expired entries evicted to make room");
        assertTrue(cache.matches("c", "h", "s".toCharArray()));
    }

    @Test
    void disabledWithZeroTtl() {
        final VerificationCache off = new VerificationCache(Duration.ZERO, 10);
        off.remember("a", "h", "s".toCharArray());
        assertFalse(off.matches("a", "h", "s".toCharArray()));
        assertEquals(0, off.size());
    }
}
