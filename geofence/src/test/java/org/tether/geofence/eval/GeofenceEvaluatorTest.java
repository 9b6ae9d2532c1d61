package org.tether.geofence.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tether.geofence.zone.ZoneFixtures.HANGZHOU;
import static org.tether.geofence.zone.ZoneFixtures.offset;
import static org.tether.geofence.zone.ZoneFixtures.polygon;
import static org.tether.geofence.zone.ZoneFixtures.rectangle;
import static org.tether.geofence.zone.ZoneFixtures.regular;
import static org.tether.geofence.zone.ZoneFixtures.ring;
import static org.tether.geofence.zone.ZoneFixtures.zone;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tether.geofence.fix.Fix;
import org.tether.geofence.fix.PositionSource;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.geo.Geodesy;
import org.tether.geofence.geo.LocalMetricFrame;
import org.tether.geofence.zone.PersonRules;
import org.tether.geofence.zone.PreparedZone;
import org.tether.geofence.zone.Zone;
import org.tether.geofence.zone.ZoneKind;

class GeofenceEvaluatorTest {

    private static final GeofencePolicy POLICY = GeofencePolicy.defaults();
    private static final GeofenceEvaluator EVALUATOR = new GeofenceEvaluator(POLICY);

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final String DEVICE = "bracelet-860000000000001";

    /** The person's home area: 2 km × 2 km around West Lake, edges along meridians and parallels. */
    private static final Zone HOME = zone("home area", ZoneKind.INCLUSION, rectangle(HANGZHOU, 1000, 1000));
    /** Their workplace, 4 km east: a 400 m 12-gon, 3 km clear of the home area. */
    private static final GeoPoint WORK_CENTRE = offset(HANGZHOU, 4000, 0);
    private static final Zone WORK = zone("workplace", ZoneKind.INCLUSION, regular(WORK_CENTRE, 400, 12));

    private static final double HOME_WEST = LocalMetricFrame.at(HANGZHOU).lon(-1000);

    private static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** A point d metres outside the home area's west edge (negative d: inside). */
    private static GeoPoint westOfHome(double d) {
        return Geodesy.destination(GeoPoint.of(HANGZHOU.lat(), HOME_WEST), 270, d);
    }

    private static PersonRules inclusion(Zone... zones) {
        List<PreparedZone> prepared = new ArrayList<>();
        for (Zone z : zones) {
            prepared.add(new PreparedZone(z));
        }
        return new PersonRules(prepared, List.of());
    }

    /** One person's fix stream, fed in order, each returned state passed into the next call. */
    private static final class Person {
        final PersonRules zones;
        PersonGeofenceState state = PersonGeofenceState.INITIAL;
        final List<ViolationChange> changes = new ArrayList<>();

        Person(PersonRules zones) {
            this.zones = zones;
        }

        Evaluation gnss(long second, GeoPoint p) {
            return fix(second, p, 10, PositionSource.GNSS);
        }

        Evaluation fix(long second, GeoPoint p, double accuracy, PositionSource source) {
            // The server sees the fix five seconds after it was taken.
            return fix(new Fix(DEVICE, t(second), p, accuracy, source), t(second).plusSeconds(5));
        }

        Evaluation fix(Fix f, Instant now) {
            Evaluation e = EVALUATOR.evaluate(state, f, zones, now);
            state = e.state();
            changes.addAll(e.changes());
            return e;
        }

        ZoneTrack inclusionTrack() {
            return state.track(PersonGeofenceState.INCLUSION_TRACK);
        }
    }

    /** A person settled at home: two fixes in the middle of the home area. */
    private static Person atHome(PersonRules zones) {
        Person p = new Person(zones);
        p.gnss(0, HANGZHOU);
        p.gnss(60, offset(HANGZHOU, 50, -30));
        assertEquals(Presence.INSIDE, p.inclusionTrack().confirmed());
        assertTrue(p.changes.isEmpty());
        return p;
    }

    // ---------------------------------------------------------------------------------------------
    // inclusion (OUT_OF_AREA)

    @Test
    void fixesDeepInsideChangeNothing() {
        Person p = new Person(inclusion(HOME));
        Random rnd = new Random(1);
        for (int i = 0; i < 30; i++) {
            Evaluation e = p.gnss(60L * i, offset(HANGZHOU, rnd.nextDouble() * 1200 - 600, rnd.nextDouble() * 1200 - 600));
            assertEquals(FixClass.ACCEPTED, e.fixClass());
            assertTrue(e.changes().isEmpty());
            assertEquals(new ZoneTrack(Presence.INSIDE, null, 0, null), p.inclusionTrack());
        }
    }

    @Test
    void aDepartureIsConfirmedAfterTheDwellWithTheStreaksTimes() {
        Person p = atHome(inclusion(HOME));
        assertTrue(p.gnss(120, westOfHome(300)).changes().isEmpty());
        assertEquals(new ZoneTrack(Presence.INSIDE, Presence.OUTSIDE, 1, t(120)), p.inclusionTrack());
        assertTrue(p.gnss(180, westOfHome(320)).changes().isEmpty());
        Evaluation third = p.gnss(240, westOfHome(310));

        assertEquals(1, third.changes().size());
        ViolationChange c = third.changes().get(0);
        assertEquals(ViolationType.OUT_OF_AREA, c.type());
        assertTrue(c.started());
        assertNull(c.zoneId());
        assertEquals(t(120), c.since(), "since = the first outside fix");
        assertEquals(t(240), c.at(), "at = the confirming fix");
        assertTrue(c.rule().contains("30 m") && c.rule().contains("3 fixes") && c.rule().contains("60 s"), c.rule());
        assertEquals(new ZoneTrack(Presence.OUTSIDE, null, 0, null), p.inclusionTrack());

        // Staying out raises nothing more.
        for (int i = 5; i < 15; i++) {
            assertTrue(p.gnss(60L * i, westOfHome(300 + 10 * i)).changes().isEmpty());
        }
        assertEquals(1, p.changes.size());
    }

    @Test
    void twoOutsideFixesAreNotEnough() {
        Person p = atHome(inclusion(HOME));
        p.gnss(120, westOfHome(300));
        p.gnss(180, westOfHome(300));
        p.gnss(240, offset(HANGZHOU, 0, 0));
        p.gnss(300, westOfHome(300));
        p.gnss(360, westOfHome(300));
        assertTrue(p.changes.isEmpty());
        assertEquals(Presence.INSIDE, p.inclusionTrack().confirmed());
    }

    @Test
    void aFixOutsideWhoseAccuracyCircleTouchesTheZoneIsUncertainAndNeverRaises() {
        GeoPoint farWest = westOfHome(500);
        Person cell = atHome(inclusion(HOME));
        for (int i = 2; i < 40; i++) {
            Evaluation e = cell.fix(60L * i, farWest, 2000, PositionSource.CELL);
            assertEquals(FixClass.ACCEPTED, e.fixClass());
            assertTrue(e.changes().isEmpty());
            assertEquals(new ZoneTrack(Presence.INSIDE, null, 0, null), cell.inclusionTrack(), "fix " + i);
        }
        // The same place reported by GNSS is definitely outside, so the position alone would raise.
        Person gnss = atHome(inclusion(HOME));
        for (int i = 2; i < 5; i++) {
            gnss.gnss(60L * i, farWest);
        }
        assertEquals(1, gnss.changes.size());
    }

    @Test
    void theBufferIsAddedToTheAccuracy() {
        // 10 m accuracy + 30 m buffer: 35 m outside is too close to call, 45 m outside is outside.
        Person p = atHome(inclusion(HOME));
        p.gnss(120, westOfHome(35));
        assertEquals(new ZoneTrack(Presence.INSIDE, null, 0, null), p.inclusionTrack());
        p.gnss(180, westOfHome(45));
        assertEquals(new ZoneTrack(Presence.INSIDE, Presence.OUTSIDE, 1, t(180)), p.inclusionTrack());
        // and from outside, 35 m inside is not yet a definite return.
        Person q = new Person(inclusion(HOME));
        q.state = new PersonGeofenceState(t(0), westOfHome(300), 10,
                Map.of(PersonGeofenceState.INCLUSION_TRACK, new ZoneTrack(Presence.OUTSIDE, null, 0, null)));
        q.gnss(60, westOfHome(-35));
        assertEquals(new ZoneTrack(Presence.OUTSIDE, null, 0, null), q.inclusionTrack());
        q.gnss(120, westOfHome(-45));
        assertEquals(new ZoneTrack(Presence.OUTSIDE, Presence.INSIDE, 1, t(120)), q.inclusionTrack());
    }

    @Test
    void uncertainFixesInsideADepartureStreakNeitherCountNorReset() {
        Person p = atHome(inclusion(HOME));
        p.gnss(120, westOfHome(300));
        p.gnss(180, westOfHome(300));
        p.fix(200, westOfHome(300), 1500, PositionSource.CELL);
        p.fix(220, westOfHome(300), 400, PositionSource.WIFI);
        assertEquals(new ZoneTrack(Presence.INSIDE, Presence.OUTSIDE, 2, t(120)), p.inclusionTrack());
        assertTrue(p.changes.isEmpty());
        Evaluation e = p.gnss(240, westOfHome(300));
        assertEquals(1, e.changes().size());
        assertEquals(t(120), e.changes().get(0).since());
    }

    @Test
    void gpsJitterAcrossTheBoundaryWithinTheBufferRaisesNothing() {
        Person p = atHome(inclusion(HOME));
        Random rnd = new Random(3);
        for (int i = 0; i < 60; i++) {
            // Alternating sides, 5–30 m from the edge: always within 10 m accuracy + 30 m buffer.
            double d = (5 + rnd.nextDouble() * 25) * (i % 2 == 0 ? 1 : -1);
            Evaluation e = p.gnss(120 + 30L * i, westOfHome(d));
            assertEquals(FixClass.ACCEPTED, e.fixClass());
        }
        assertTrue(p.changes.isEmpty());
        assertEquals(new ZoneTrack(Presence.INSIDE, null, 0, null), p.inclusionTrack());
    }

    @Test
    void jitterAtOneInclusionZoneIsUncertainEvenWhenAnotherZoneSaysOutside() {
        // Near home's edge and 3 km from work: home cannot tell, work says outside; the union is
        // still undecided, so nothing may count towards a departure.
        Person p = atHome(inclusion(HOME, WORK));
        for (int i = 0; i < 20; i++) {
            p.gnss(120 + 30L * i, westOfHome(i % 2 == 0 ? 20 : -20));
        }
        assertTrue(p.changes.isEmpty());
        assertEquals(new ZoneTrack(Presence.INSIDE, null, 0, null), p.inclusionTrack());
    }

    @Test
    void jitterBeyondTheBufferThatNeverStaysOutRaisesNothing() {
        Person p = atHome(inclusion(HOME));
        for (int i = 0; i < 30; i++) {
            // 60 m out, 60 m in, ...: definite verdicts, but never two outside in a row.
            p.gnss(120 + 30L * i, westOfHome(i % 2 == 0 ? 60 : -60));
        }
        assertTrue(p.changes.isEmpty());
        assertEquals(Presence.INSIDE, p.inclusionTrack().confirmed());
    }

    @Test
    void aReturnInsideEndsTheViolationAfterTheDwell() {
        Person p = atHome(inclusion(HOME));
        p.gnss(120, westOfHome(300));
        p.gnss(180, westOfHome(300));
        p.gnss(240, westOfHome(300));
        assertEquals(1, p.changes.size());

        assertTrue(p.gnss(300, westOfHome(-200)).changes().isEmpty());
        assertTrue(p.gnss(360, HANGZHOU).changes().isEmpty());
        Evaluation back = p.gnss(420, HANGZHOU);
        assertEquals(1, back.changes().size());
        ViolationChange c = back.changes().get(0);
        assertEquals(ViolationType.OUT_OF_AREA, c.type());
        assertEquals(false, c.started());
        assertNull(c.zoneId());
        assertEquals(t(300), c.since(), "since = first inside fix");
        assertEquals(t(420), c.at());
        assertEquals(new ZoneTrack(Presence.INSIDE, null, 0, null), p.inclusionTrack());
    }

    @Test
    void aPersonsFirstFixesOutsideRaiseOnlyAfterTheDwell() {
        Person p = new Person(inclusion(HOME));
        assertTrue(p.gnss(0, westOfHome(500)).changes().isEmpty());
        assertTrue(p.gnss(60, westOfHome(500)).changes().isEmpty());
        assertEquals(new ZoneTrack(Presence.UNKNOWN, Presence.OUTSIDE, 2, t(0)), p.inclusionTrack());
        Evaluation e = p.gnss(120, westOfHome(500));
        assertEquals(1, e.changes().size());
        assertTrue(e.changes().get(0).started());
        assertEquals(t(0), e.changes().get(0).since());
    }

    @Test
    void insideEitherOfTwoInclusionZonesIsInside() {
        // Home, then commute straight to work (4 km in 2 min, 33 m/s) and stay there.
        long[] times = {0, 60, 180, 240, 300, 360, 420, 480};
        GeoPoint[] where = {HANGZHOU, HANGZHOU, WORK_CENTRE, WORK_CENTRE, offset(WORK_CENTRE, 100, 50),
            offset(WORK_CENTRE, -150, 0), WORK_CENTRE, WORK_CENTRE};

        Person both = new Person(inclusion(HOME, WORK));
        Person homeOnly = new Person(inclusion(HOME));
        for (int i = 0; i < times.length; i++) {
            assertEquals(FixClass.ACCEPTED, both.gnss(times[i], where[i]).fixClass());
            homeOnly.gnss(times[i], where[i]);
        }
        assertTrue(both.changes.isEmpty());
        assertEquals(new ZoneTrack(Presence.INSIDE, null, 0, null), both.inclusionTrack());
        // Control: with work not assigned the same day is a violation.
        assertEquals(1, homeOnly.changes.size());
        assertEquals(ViolationType.OUT_OF_AREA, homeOnly.changes.get(0).type());

        // Between the two zones (1 km from home, ~1.6 km from work) is outside both.
        GeoPoint between = offset(HANGZHOU, 2000, 0);
        both.gnss(540, between);
        both.gnss(600, between);
        Evaluation e = both.gnss(660, between);
        assertEquals(1, e.changes().size());
        assertEquals(t(540), e.changes().get(0).since());
    }

    @Test
    void aFixStraddlingTheSharedBorderOfTwoAdjacentInclusionZonesNeverRaises() {
        // Two districts sharing the meridian 1 km east of West Lake.
        Zone west = zone("district west", ZoneKind.INCLUSION, rectangle(HANGZHOU, 1000, 1000));
        Zone east = zone("district east", ZoneKind.INCLUSION,
                polygon(ring(HANGZHOU, new double[][] {{1000, -1000}, {3000, -1000}, {3000, 1000}, {1000, 1000}})));
        Person p = atHome(inclusion(west, east));
        GeoPoint onBorder = offset(HANGZHOU, 1000, 200);
        for (int i = 2; i < 20; i++) {
            p.gnss(60L * i, Geodesy.destination(onBorder, 90, (i % 3 - 1) * 15.0));
        }
        assertTrue(p.changes.isEmpty());
        assertEquals(Presence.INSIDE, p.inclusionTrack().confirmed());
    }

    // ---------------------------------------------------------------------------------------------
    // exclusion (EXCLUSION_ZONE_ENTRY)

    /** A district the person must stay in, with a victim's residence inside it they must not enter. */
    private static final Zone DISTRICT = zone("Xihu district", ZoneKind.INCLUSION, rectangle(HANGZHOU, 3000, 3000));
    private static final GeoPoint VICTIM_HOME = offset(HANGZHOU, 1200, 800);
    private static final Zone VICTIM = zone("victim residence", ZoneKind.EXCLUSION, regular(VICTIM_HOME, 250, 16));

    private static PersonRules districtWithVictim() {
        return new PersonRules(List.of(new PreparedZone(DISTRICT)), List.of(new PreparedZone(VICTIM)));
    }

    @Test
    void enteringAnExclusionZoneRaisesAnEntryAndLeavingEndsIt() {
        Person p = new Person(districtWithVictim());
        p.gnss(0, HANGZHOU);
        String key = VICTIM.id().toString();
        assertEquals(new ZoneTrack(Presence.OUTSIDE, null, 0, null), p.state.track(key));

        assertTrue(p.gnss(60, VICTIM_HOME).changes().isEmpty());
        assertTrue(p.gnss(120, offset(VICTIM_HOME, 30, 20)).changes().isEmpty());
        Evaluation in = p.gnss(180, VICTIM_HOME);
        assertEquals(1, in.changes().size(), "an entry, and no OUT_OF_AREA: the residence is inside the district");
        ViolationChange c = in.changes().get(0);
        assertEquals(ViolationType.EXCLUSION_ZONE_ENTRY, c.type());
        assertTrue(c.started());
        assertEquals(VICTIM.id(), c.zoneId());
        assertEquals(t(60), c.since());
        assertEquals(t(180), c.at());
        assertTrue(c.rule().contains("victim residence") && c.rule().contains("30 m"), c.rule());
        assertEquals(new ZoneTrack(Presence.INSIDE, null, 0, null), p.state.track(key));
        assertEquals(Presence.INSIDE, p.inclusionTrack().confirmed());

        assertTrue(p.gnss(240, VICTIM_HOME).changes().isEmpty());
        assertTrue(p.gnss(300, HANGZHOU).changes().isEmpty());
        assertTrue(p.gnss(360, HANGZHOU).changes().isEmpty());
        Evaluation out = p.gnss(420, HANGZHOU);
        assertEquals(1, out.changes().size());
        ViolationChange end = out.changes().get(0);
        assertEquals(ViolationType.EXCLUSION_ZONE_ENTRY, end.type());
        assertEquals(false, end.started());
        assertEquals(VICTIM.id(), end.zoneId());
        assertEquals(t(300), end.since());
        assertEquals(t(420), end.at());
        assertEquals(2, p.changes.size());
    }

    @Test
    void passingNearAnExclusionZoneWithinTheBufferRaisesNothing() {
        Person p = new Person(districtWithVictim());
        p.gnss(0, HANGZHOU);
        // Walking past 20 m outside its east vertex, ten fixes: within accuracy + buffer, so UNCERTAIN.
        GeoPoint eastVertex = offset(VICTIM_HOME, 250, 0);
        for (int i = 1; i <= 10; i++) {
            p.gnss(60L * i, Geodesy.destination(eastVertex, 90, 20));
        }
        assertTrue(p.changes.isEmpty());
        assertEquals(new ZoneTrack(Presence.OUTSIDE, null, 0, null), p.state.track(VICTIM.id().toString()));
    }

    @Test
    void skimmingTheInsideOfAnExclusionZoneWithinTheBufferRaisesNothing() {
        Person p = new Person(districtWithVictim());
        p.gnss(0, HANGZHOU);
        // 20 m inside its east vertex: the 10 m accuracy circle is inside, but not by the 30 m buffer.
        GeoPoint eastVertex = offset(VICTIM_HOME, 250, 0);
        for (int i = 1; i <= 10; i++) {
            p.gnss(60L * i, Geodesy.destination(eastVertex, 270, 20));
        }
        assertTrue(p.changes.isEmpty());
        assertEquals(new ZoneTrack(Presence.OUTSIDE, null, 0, null), p.state.track(VICTIM.id().toString()));
        // 60 m inside is beyond accuracy + buffer, and three such fixes are an entry.
        for (int i = 11; i <= 13; i++) {
            p.gnss(60L * i, Geodesy.destination(eastVertex, 270, 60));
        }
        assertEquals(1, p.changes.size());
        assertEquals(t(660), p.changes.get(0).since());
    }

    @Test
    void aFirstFixInsideAnExclusionZoneDwellsBeforeRaising() {
        Person p = new Person(districtWithVictim());
        assertTrue(p.gnss(0, VICTIM_HOME).changes().isEmpty());
        assertTrue(p.gnss(30, VICTIM_HOME).changes().isEmpty());
        assertTrue(p.gnss(45, VICTIM_HOME).changes().isEmpty(), "3 fixes but only 45 s");
        Evaluation e = p.gnss(60, VICTIM_HOME);
        assertEquals(1, e.changes().size());
        assertEquals(ViolationType.EXCLUSION_ZONE_ENTRY, e.changes().get(0).type());
        assertEquals(t(0), e.changes().get(0).since());
    }

    // ---------------------------------------------------------------------------------------------
    // fix classification

    @Test
    void aFixNotNewerThanTheLastAcceptedIsLateAndChangesNothing() {
        Person p = atHome(inclusion(HOME));
        p.gnss(120, westOfHome(300));
        p.gnss(180, westOfHome(300));
        PersonGeofenceState before = p.state;

        // A backlog fix that would have been the third outside one, and a redelivery of the last.
        Evaluation older = p.fix(new Fix(DEVICE, t(150), westOfHome(300), 10, PositionSource.GNSS), t(200));
        assertEquals(FixClass.LATE, older.fixClass());
        assertSame(before, older.state());
        assertTrue(older.changes().isEmpty());
        Evaluation same = p.fix(new Fix(DEVICE, t(180), westOfHome(300), 10, PositionSource.GNSS), t(200));
        assertEquals(FixClass.LATE, same.fixClass());
        assertSame(before, same.state());

        // A fix one millisecond newer is evaluated: the third outside fix, 60.001 s after the first,
        // so it confirms the departure the late one could not.
        Evaluation newer = p.fix(new Fix(DEVICE, t(180).plusMillis(1), westOfHome(300), 10, PositionSource.GNSS), t(200));
        assertEquals(FixClass.ACCEPTED, newer.fixClass());
        assertEquals(t(180).plusMillis(1), newer.state().lastAcceptedTime());
        assertEquals(1, newer.changes().size());
        assertEquals(t(120), newer.changes().get(0).since());
    }

    @Test
    void aFixTooFarInTheFutureIsRejected() {
        Person p = new Person(inclusion(HOME));
        Instant now = t(0);
        Evaluation e = p.fix(new Fix(DEVICE, now.plus(Duration.ofMinutes(2)).plusSeconds(1), HANGZHOU, 10,
                PositionSource.GNSS), now);
        assertEquals(FixClass.FUTURE, e.fixClass());
        assertSame(PersonGeofenceState.INITIAL, e.state());
        assertTrue(e.changes().isEmpty());

        Evaluation atLimit = p.fix(new Fix(DEVICE, now.plus(Duration.ofMinutes(2)), HANGZHOU, 10, PositionSource.GNSS), now);
        assertEquals(FixClass.ACCEPTED, atLimit.fixClass());

        // Future is checked against the server clock, also once there is history.
        Evaluation later = p.fix(new Fix(DEVICE, t(3600), HANGZHOU, 10, PositionSource.GNSS), t(60));
        assertEquals(FixClass.FUTURE, later.fixClass());
        assertEquals(now.plus(Duration.ofMinutes(2)), p.state.lastAcceptedTime());
    }

    @Test
    void anImplausibleJumpIsRejectedUntilEnoughTimeHasPassed() {
        Person p = atHome(inclusion(HOME));
        PersonGeofenceState before = p.state;
        GeoPoint fiveKmEast = Geodesy.destination(p.state.lastAcceptedPosition(), 90, 5000);

        // 5 km in 10 s (~500 m/s after allowing both accuracies).
        Evaluation jump = p.gnss(70, fiveKmEast);
        assertEquals(FixClass.IMPLAUSIBLE_SPEED, jump.fixClass());
        assertSame(before, jump.state());
        assertTrue(jump.changes().isEmpty());
        // Several such fixes do not build an OUT_OF_AREA streak either.
        p.gnss(75, fiveKmEast);
        p.gnss(80, fiveKmEast);
        assertSame(before, p.state);

        // Ten minutes after the last accepted fix the same place is 8 m/s away: accepted.
        Evaluation later = p.gnss(660, fiveKmEast);
        assertEquals(FixClass.ACCEPTED, later.fixClass());
        assertEquals(fiveKmEast, later.state().lastAcceptedPosition());
        assertEquals(t(660), later.state().lastAcceptedTime());
        assertEquals(new ZoneTrack(Presence.INSIDE, Presence.OUTSIDE, 1, t(660)), p.inclusionTrack());
    }

    @Test
    void theSpeedCheckAllowsForBothAccuracyRadii() {
        Person p = atHome(inclusion(HOME));
        // 1.5 km in 10 s would be 150 m/s, but a 2 km cell fix could be right where the last one was.
        Evaluation e = p.fix(70, Geodesy.destination(p.state.lastAcceptedPosition(), 0, 1500), 2000, PositionSource.CELL);
        assertEquals(FixClass.ACCEPTED, e.fixClass());
        // With GNSS accuracy the same jump is implausible.
        Person q = atHome(inclusion(HOME));
        assertEquals(FixClass.IMPLAUSIBLE_SPEED,
                q.gnss(70, Geodesy.destination(q.state.lastAcceptedPosition(), 0, 1500)).fixClass());
        // High-speed rail (~97 m/s) is plausible: 5.7 km in 60 s.
        Person r = atHome(inclusion(HOME));
        assertEquals(FixClass.ACCEPTED,
                r.gnss(120, Geodesy.destination(r.state.lastAcceptedPosition(), 90, 5700)).fixClass());
    }

    @Test
    void withNoZonesNothingChangesButTheLastAcceptedFixIsRemembered() {
        Person p = new Person(PersonRules.NONE);
        GeoPoint somewhere = offset(HANGZHOU, 20000, 0);
        for (int i = 0; i < 5; i++) {
            GeoPoint at = Geodesy.destination(somewhere, 45, 100.0 * i);
            Evaluation e = p.fix(60L * i, at, 15 + i, PositionSource.GNSS);
            assertEquals(FixClass.ACCEPTED, e.fixClass());
            assertTrue(e.changes().isEmpty());
            assertEquals(t(60L * i), e.state().lastAcceptedTime());
            assertEquals(at, e.state().lastAcceptedPosition());
            assertEquals(15 + i, e.state().lastAcceptedAccuracy());
            assertTrue(e.state().tracks().isEmpty());
        }
        // and the classification still runs: an older fix is late.
        assertEquals(FixClass.LATE, p.gnss(60, somewhere).fixClass());
    }

    @Test
    void theDefaultPolicyIsTheDocumentedOne() {
        HysteresisPolicy h = new HysteresisPolicy(30, 3, Duration.ofSeconds(60));
        assertEquals(new GeofencePolicy(h, h, 100, Duration.ofMinutes(2)), GeofencePolicy.defaults());
    }
}
