package org.tether.geofence.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.tether.geofence.eval.Presence.INSIDE;
import static org.tether.geofence.eval.Presence.OUTSIDE;
import static org.tether.geofence.eval.Presence.UNKNOWN;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Every transition of the diagram in {@link ZoneTrack}'s Javadoc, for both kinds of zone (the
 * compliant side is INSIDE for the inclusion union and OUTSIDE for an exclusion zone).
 */
class ZoneTrackTest {

    /** Defaults: 3 fixes spanning at least 60 s. */
    private static final HysteresisPolicy POLICY = new HysteresisPolicy(30, 3, Duration.ofSeconds(60));

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    enum Kind {
        INCLUSION(INSIDE), EXCLUSION(OUTSIDE);

        final Presence compliant;

        Kind(Presence compliant) {
            this.compliant = compliant;
        }

        Presence violating() {
            return compliant == INSIDE ? OUTSIDE : INSIDE;
        }

        Verdict compliantVerdict() {
            return compliant == INSIDE ? Verdict.INSIDE : Verdict.OUTSIDE;
        }

        Verdict violatingVerdict() {
            return compliant == INSIDE ? Verdict.OUTSIDE : Verdict.INSIDE;
        }
    }

    private static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static ZoneTrack confirmed(Presence p) {
        return new ZoneTrack(p, null, 0, null);
    }

    // UNKNOWN --(definite compliant verdict)--> compliant side, at once.
    @ParameterizedTest
    @EnumSource(Kind.class)
    void unknownGoesToTheCompliantSideOnTheFirstDefiniteFix(Kind k) {
        assertEquals(confirmed(k.compliant), ZoneTrack.INITIAL.next(k.compliantVerdict(), T0, POLICY, k.compliant));
    }

    // Leaving UNKNOWN towards the violating side dwells like any other change.
    @ParameterizedTest
    @EnumSource(Kind.class)
    void unknownGoesToTheViolatingSideOnlyAfterTheDwell(Kind k) {
        ZoneTrack s = ZoneTrack.INITIAL.next(k.violatingVerdict(), t(0), POLICY, k.compliant);
        assertEquals(new ZoneTrack(UNKNOWN, k.violating(), 1, t(0)), s);
        s = s.next(k.violatingVerdict(), t(30), POLICY, k.compliant);
        assertEquals(new ZoneTrack(UNKNOWN, k.violating(), 2, t(0)), s);
        s = s.next(k.violatingVerdict(), t(60), POLICY, k.compliant);
        assertEquals(confirmed(k.violating()), s);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aCompliantFixWhileUnknownAndPendingViolationConfirmsCompliantAtOnce(Kind k) {
        ZoneTrack s = ZoneTrack.INITIAL
                .next(k.violatingVerdict(), t(0), POLICY, k.compliant)
                .next(k.violatingVerdict(), t(30), POLICY, k.compliant);
        assertEquals(confirmed(k.compliant), s.next(k.compliantVerdict(), t(60), POLICY, k.compliant));
    }

    // confirmed = S, verdict = T != S --> pending T (count 1, since t), or count+1 if already pending T
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aVerdictForTheOtherSideStartsThenExtendsAPendingStreak(Kind k) {
        ZoneTrack s = confirmed(k.compliant).next(k.violatingVerdict(), t(10), POLICY, k.compliant);
        assertEquals(new ZoneTrack(k.compliant, k.violating(), 1, t(10)), s);
        s = s.next(k.violatingVerdict(), t(25), POLICY, k.compliant);
        assertEquals(new ZoneTrack(k.compliant, k.violating(), 2, t(10)), s);
    }

    // pending T with count >= dwellFixes and t - since >= dwellTime --> confirmed = T
    @ParameterizedTest
    @EnumSource(Kind.class)
    void countReachedButTimeNotDoesNotConfirm(Kind k) {
        ZoneTrack s = confirmed(k.compliant);
        s = s.next(k.violatingVerdict(), t(0), POLICY, k.compliant);
        s = s.next(k.violatingVerdict(), t(10), POLICY, k.compliant);
        s = s.next(k.violatingVerdict(), t(20), POLICY, k.compliant);
        assertEquals(new ZoneTrack(k.compliant, k.violating(), 3, t(0)), s);
        s = s.next(k.violatingVerdict(), t(59), POLICY, k.compliant);
        assertEquals(new ZoneTrack(k.compliant, k.violating(), 4, t(0)), s, "59 s is short of 60 s");
        s = s.next(k.violatingVerdict(), t(60), POLICY, k.compliant);
        assertEquals(confirmed(k.violating()), s, "60 s and 5 fixes");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void timeReachedButCountNotDoesNotConfirm(Kind k) {
        ZoneTrack s = confirmed(k.compliant);
        s = s.next(k.violatingVerdict(), t(0), POLICY, k.compliant);
        s = s.next(k.violatingVerdict(), t(600), POLICY, k.compliant);
        assertEquals(new ZoneTrack(k.compliant, k.violating(), 2, t(0)), s, "ten minutes but only 2 fixes");
        s = s.next(k.violatingVerdict(), t(601), POLICY, k.compliant);
        assertEquals(confirmed(k.violating()), s);
    }

    @Test
    void exactlyTheDwellConfirms() {
        ZoneTrack s = confirmed(INSIDE)
                .next(Verdict.OUTSIDE, t(0), POLICY, INSIDE)
                .next(Verdict.OUTSIDE, t(30), POLICY, INSIDE)
                .next(Verdict.OUTSIDE, t(60), POLICY, INSIDE);
        assertEquals(confirmed(OUTSIDE), s);
    }

    // confirmed = S, verdict = S --> pending cleared
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSameSideVerdictResetsAPendingStreak(Kind k) {
        ZoneTrack s = confirmed(k.compliant)
                .next(k.violatingVerdict(), t(0), POLICY, k.compliant)
                .next(k.violatingVerdict(), t(60), POLICY, k.compliant);
        assertEquals(new ZoneTrack(k.compliant, k.violating(), 2, t(0)), s);
        s = s.next(k.compliantVerdict(), t(120), POLICY, k.compliant);
        assertEquals(confirmed(k.compliant), s);
        // The streak starts over: two more violating fixes are not enough even though the first
        // streak began long ago.
        s = s.next(k.violatingVerdict(), t(180), POLICY, k.compliant);
        assertEquals(new ZoneTrack(k.compliant, k.violating(), 1, t(180)), s);
        s = s.next(k.violatingVerdict(), t(240), POLICY, k.compliant);
        assertEquals(new ZoneTrack(k.compliant, k.violating(), 2, t(180)), s);
        s = s.next(k.violatingVerdict(), t(300), POLICY, k.compliant);
        assertEquals(confirmed(k.violating()), s);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSameSideVerdictWithNothingPendingChangesNothing(Kind k) {
        ZoneTrack s = confirmed(k.compliant);
        assertEquals(s, s.next(k.compliantVerdict(), t(0), POLICY, k.compliant));
        ZoneTrack v = confirmed(k.violating());
        assertEquals(v, v.next(k.violatingVerdict(), t(0), POLICY, k.compliant));
    }

    // verdict = UNCERTAIN --> nothing changes (neither counts nor resets the dwell)
    @ParameterizedTest
    @EnumSource(Kind.class)
    void uncertainNeitherCountsNorResets(Kind k) {
        assertSame(ZoneTrack.INITIAL, ZoneTrack.INITIAL.next(Verdict.UNCERTAIN, t(0), POLICY, k.compliant));
        ZoneTrack c = confirmed(k.compliant);
        assertSame(c, c.next(Verdict.UNCERTAIN, t(0), POLICY, k.compliant));

        ZoneTrack s = c.next(k.violatingVerdict(), t(0), POLICY, k.compliant)
                .next(k.violatingVerdict(), t(60), POLICY, k.compliant);
        ZoneTrack pending = new ZoneTrack(k.compliant, k.violating(), 2, t(0));
        assertEquals(pending, s);
        // An hour of uncertain fixes: no count, no reset, no confirmation although time passes.
        for (int i = 1; i <= 60; i++) {
            s = s.next(Verdict.UNCERTAIN, t(60 + 60L * i), POLICY, k.compliant);
            assertEquals(pending, s);
        }
        // The next definite fix on the pending side is the third of the streak.
        assertEquals(confirmed(k.violating()), s.next(k.violatingVerdict(), t(3700), POLICY, k.compliant));
    }

    @Test
    void uncertainDoesNotResetAPendingReturnEither() {
        ZoneTrack s = confirmed(OUTSIDE).next(Verdict.INSIDE, t(0), POLICY, INSIDE);
        s = s.next(Verdict.UNCERTAIN, t(30), POLICY, INSIDE);
        assertEquals(new ZoneTrack(OUTSIDE, INSIDE, 1, t(0)), s);
    }

    /**
     * With only two sides, next() can never itself produce a state whose pending side differs from a
     * new definite verdict without that verdict being the confirmed side (which clears pending). A
     * stored state can still hold one, e.g. UNKNOWN pending on the compliant side; a different target
     * must then start a new streak rather than inherit the old count and start time.
     */
    @Test
    void aChangeOfPendingTargetRestartsTheCount() {
        ZoneTrack stored = new ZoneTrack(UNKNOWN, INSIDE, 2, t(0));
        ZoneTrack s = stored.next(Verdict.OUTSIDE, t(120), POLICY, INSIDE);
        assertEquals(new ZoneTrack(UNKNOWN, OUTSIDE, 1, t(120)), s);
        s = s.next(Verdict.OUTSIDE, t(150), POLICY, INSIDE);
        assertEquals(new ZoneTrack(UNKNOWN, OUTSIDE, 2, t(120)), s);
        s = s.next(Verdict.OUTSIDE, t(180), POLICY, INSIDE);
        assertEquals(confirmed(OUTSIDE), s);
    }

    // Return to the compliant side dwells too.
    @ParameterizedTest
    @EnumSource(Kind.class)
    void returningToTheCompliantSideNeedsTheDwellToo(Kind k) {
        ZoneTrack s = confirmed(k.violating());
        s = s.next(k.compliantVerdict(), t(0), POLICY, k.compliant);
        assertEquals(new ZoneTrack(k.violating(), k.compliant, 1, t(0)), s);
        s = s.next(k.compliantVerdict(), t(30), POLICY, k.compliant);
        assertEquals(new ZoneTrack(k.violating(), k.compliant, 2, t(0)), s);
        // A violating fix in between resets the return as well.
        s = s.next(k.violatingVerdict(), t(45), POLICY, k.compliant);
        assertEquals(confirmed(k.violating()), s);
        s = s.next(k.compliantVerdict(), t(60), POLICY, k.compliant)
                .next(k.compliantVerdict(), t(90), POLICY, k.compliant);
        assertEquals(new ZoneTrack(k.violating(), k.compliant, 2, t(60)), s);
        s = s.next(k.compliantVerdict(), t(120), POLICY, k.compliant);
        assertEquals(confirmed(k.compliant), s);
    }

    @Test
    void aSingleFixWithNoDwellTimeFlipsAtOnce() {
        HysteresisPolicy immediate = new HysteresisPolicy(0, 1, Duration.ZERO);
        ZoneTrack s = confirmed(INSIDE).next(Verdict.OUTSIDE, t(0), immediate, INSIDE);
        assertEquals(confirmed(OUTSIDE), s);
        s = s.next(Verdict.INSIDE, t(1), immediate, INSIDE);
        assertEquals(confirmed(INSIDE), s);
        assertEquals(confirmed(INSIDE), ZoneTrack.INITIAL.next(Verdict.INSIDE, t(0), immediate, OUTSIDE));
    }

    @Test
    void oneFixWithADwellTimeWaitsForTheTime() {
        HysteresisPolicy timeOnly = new HysteresisPolicy(0, 1, Duration.ofMinutes(5));
        ZoneTrack s = confirmed(INSIDE).next(Verdict.OUTSIDE, t(0), timeOnly, INSIDE);
        assertEquals(new ZoneTrack(INSIDE, OUTSIDE, 1, t(0)), s);
        s = s.next(Verdict.OUTSIDE, t(299), timeOnly, INSIDE);
        assertEquals(new ZoneTrack(INSIDE, OUTSIDE, 2, t(0)), s);
        assertEquals(confirmed(OUTSIDE), s.next(Verdict.OUTSIDE, t(300), timeOnly, INSIDE));
    }
}
