package org.tether.server.procuratorate;

import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": half the doubled delay fixed, half random, so instances and
 * notifications that failed together do not retry in lockstep; capped at {@code maxMillis}.
 */
public record Backoff(long baseMillis, long maxMillis) {

    /** @param attempt the attempt that just failed, from 1 */
    public long delayMillis(int attempt, RandomGenerator random) {
        int doublings = Math.max(0, Math.min(attempt - 1, 30));
        long delay = baseMillis > (maxMillis >> doublings) ? maxMillis : Math.min(maxMillis, baseMillis << doublings);
        long half = delay / 2;
        return half + (half > 0 ? random.nextLong(half + 1) : 0);
    }
}
