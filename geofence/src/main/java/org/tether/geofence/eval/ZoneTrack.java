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

    /**
     * @param compliant the side on which the person complies (INSIDE for inclusion, OUTSIDE for exclusion)
     */
    public ZoneTrack next(Verdict verdict, Instant time, HysteresisPolicy policy, Presence compliant) {
        if (verdict == Verdict.UNCERTAIN) {
            return this;
        }
        Presence target = verdict == Verdict.INSIDE ? Presence.INSIDE : Presence.OUTSIDE;
        if (target == confirmed) {
            return pending == null ? this : new ZoneTrack(confirmed, null, 0, null);
        }
        if (confirmed == Presence.UNKNOWN && target == compliant) {
            return new ZoneTrack(target, null, 0, null);
        }
        int count = target == pending ? pendingFixes + 1 : 1;
        Instant since = target == pending ? pendingSince : time;
        if (count >= policy.dwellFixes() && Duration.between(since, time).compareTo(policy.dwellTime()) >= 0) {
            return new ZoneTrack(target, null, 0, null);
        }
        return new ZoneTrack(confirmed, target, count, since);
    }
}
