package org.tether.geofence.rule;

import java.time.Instant;
import java.util.BitSet;
import java.util.List;

/**
 * A person's weekly curfew: the minutes of the week during which they must be at home.
 *
 * <p>Precomputed as a bitmap of the 10,080 minutes of a week, so "is the curfew on at t?" costs a
 * division and a bit test on the hot path. Local time is Asia/Shanghai, which has been UTC+8 without
 * daylight saving since 1991; the fixed offset is deliberate (fix times before 1992 are refused
 * by the gateway anyway). Immutable and thread-safe.
 */
public final class CurfewSchedule {

    private static final int MINUTES_PER_WEEK = 7 * 1440;
    private static final long SHANGHAI_OFFSET_SECONDS = 8 * 3600;
    /** 1970-01-01 was a Thursday: minute 0 of the epoch is minute 3 × 1440 of its ISO week. */
    private static final long EPOCH_MINUTE_OF_WEEK = 3L * 1440;

    private final List<CurfewWindow> windows;
    private final BitSet minutes = new BitSet(MINUTES_PER_WEEK);

    public CurfewSchedule(List<CurfewWindow> windows) {
        this.windows = List.copyOf(windows);
        for (CurfewWindow w : this.windows) {
            int start = w.startMinuteOfWeek();
            for (int i = 0; i < w.lengthMinutes(); i++) {
                minutes.set((start + i) % MINUTES_PER_WEEK);
            }
        }
    }

    public List<CurfewWindow> windows() {
        return windows;
    }

    public boolean isEmpty() {
        return windows.isEmpty();
    }

    /** Whether the curfew is on at instant {@code t}. */
    public boolean isActiveAt(Instant t) {
        return isActiveAt(t.getEpochSecond());
    }

    /** Whether the curfew is on during epoch second {@code epochSecond} (as {@link #isActiveAt(Instant)}). */
    public boolean isActiveAt(long epochSecond) {
        long localMinute = Math.floorDiv(epochSecond + SHANGHAI_OFFSET_SECONDS, 60);
        int minuteOfWeek = (int) Math.floorMod(localMinute + EPOCH_MINUTE_OF_WEEK, MINUTES_PER_WEEK);
        return minutes.get(minuteOfWeek);
    }
}
