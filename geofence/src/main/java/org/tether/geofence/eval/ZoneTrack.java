package org.tether.geofence.eval;

import java.time.Duration;
import java.time.Instant;

/**
 * The hysteresis state of one person against one zone (or their inclusion union).
 *
 * <pre>
 *   confirmed = UNKNOWN --(definite compliant verdict)--------------------------> compliant side
 *   confirmed = S, verdict = S            --> pending cleared
 *   confirmed = S, verdict = T != S       --> pending T (count 1, since t), or count+1 if already pending T
 *   pending T with count >= dwellFixes and t - since >= dwellTime --> confirmed = T, pending cleared
 *   verdict = UNCERTAIN                   --> nothing changes (neither counts nor resets the dwell)
 * </pre>
 * Leaving UNKNOWN towards the violating side dwells like any other change, so a person's first fixes
 * cannot raise an alert on their own.
 *
 * @param pending the side the person seems to be moving to, or null
 * @param pendingSince time of the first fix of the pending streak, or null
 */
public record ZoneTrack(Presence confirmed, Presence pending, int pendingFixes, Instant pendingSince) {

    public static final ZoneTrack INITIAL = new ZoneTrack(Presence.UNKNOWN, null, 0, null);
    private static final ZoneTrack SETTLED_INSIDE = new ZoneTrack(Presence.INSIDE, null, 0, null);
    private static final ZoneTrack SETTLED_OUTSIDE = new ZoneTrack(Presence.OUTSIDE, null, 0, null);

    /**
     * The track confirmed on {@code side} with nothing pending: one shared instance per side (most
     * tracks are at rest, and a shared instance costs a person's state neither memory nor a cache miss).
     */
    public static ZoneTrack settled(Presence side) {
        return switch (side) {
            case INSIDE -> SETTLED_INSIDE;
            case OUTSIDE -> SETTLED_OUTSIDE;
            case UNKNOWN -> INITIAL;
        };
    }

    /**
     * @param compliant the side on which the person complies (INSIDE for inclusion, OUTSIDE for exclusion)
     */
    public ZoneTrack next(Verdict verdict, Instant time, HysteresisPolicy policy, Presence compliant) {
        if (verdict == Verdict.UNCERTAIN) {
            return this;
        }
        Presence target = verdict == Verdict.INSIDE ? Presence.INSIDE : Presence.OUTSIDE;
        if (target == confirmed) {
            return pending == null ? this : settled(confirmed);
        }
        if (confirmed == Presence.UNKNOWN && target == compliant) {
            return settled(target);
        }
        int count = target == pending ? pendingFixes + 1 : 1;
        Instant since = target == pending ? pendingSince : time;
        if (count >= policy.dwellFixes() && Duration.between(since, time).compareTo(policy.dwellTime()) >= 0) {
            return settled(target);
        }
        return new ZoneTrack(confirmed, target, count, since);
    }
}
