package org.tether.geofence.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tether.geofence.zone.ZoneFixtures.HANGZHOU;
import static org.tether.geofence.zone.ZoneFixtures.offset;
import static org.tether.geofence.zone.ZoneFixtures.rectangle;
import static org.tether.geofence.zone.ZoneFixtures.zone;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tether.geofence.fix.Fix;
import org.tether.geofence.fix.PositionSource;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.zone.PersonRules;
import org.tether.geofence.zone.PreparedZone;
import org.tether.geofence.zone.ZoneKind;

/** Tracks kept in an array aligned with the person's rules: persistence, re-alignment, sharing. */
class TrackLayoutStateTest {

    private static final GeofenceEvaluator EVALUATOR = new GeofenceEvaluator(GeofencePolicy.defaults());
    private static final Instant T0 = Instant.parse("2025-03-03T14:00:00Z");
    private static final PreparedZone DISTRICT = new PreparedZone(zone("district", ZoneKind.INCLUSION,
            rectangle(HANGZHOU, 5_000, 5_000)));
    private static final PreparedZone SCHOOL = new PreparedZone(zone("school", ZoneKind.EXCLUSION,
            rectangle(offset(HANGZHOU, 2_000, 0), 200, 200)));
    private static final PreparedZone PARK = new PreparedZone(zone("park", ZoneKind.EXCLUSION,
            rectangle(offset(HANGZHOU, -2_000, 0), 200, 200)));

    /**
     * Written by {@code PersonStateCodec} before tracks moved into arrays (commit 245d135): last fix
     * 2025-03-03T14:00:00.123456789Z at (30.2741, 120.1551) ± 12.5 m; "curfew" OUTSIDE pending INSIDE x2
     * since 13:58:00.250; zone 5f0c6c4e-… UNKNOWN pending OUTSIDE x1 since 13:59; "inclusion" INSIDE.
     */
    private static final String OLD_FORMAT = "0101000001955c4e737b0006f855403e462b6ae7d567405e09ed288ce704402900"
            + "000000000000030006637572666577020100000002000001955c4c9f3a002435663063366334652d366135652d3362"
            + "36622d396138652d316632643363346235613639000200000001000001955c4d88a00009696e636c7573696f6e01ff"
            + "000000008000000000000000";

    private static Fix fix(int minute, GeoPoint where) {
        return new Fix("dev", T0.plusSeconds(60L * minute), where, 10, PositionSource.GNSS);
    }

    @Test
    void statesPersistedBeforeTheArrayLayoutStillDecode() {
        PersonGeofenceState s = PersonStateCodec.decode(HexFormat.of().parseHex(OLD_FORMAT));
        assertEquals(Instant.parse("2025-03-03T14:00:00.123456789Z"), s.lastAcceptedTime());
        assertEquals(GeoPoint.of(30.2741, 120.1551), s.lastAcceptedPosition());
        assertEquals(12.5, s.lastAcceptedAccuracy());
        assertEquals(new ZoneTrack(Presence.INSIDE, null, 0, null), s.track(PersonGeofenceState.INCLUSION_TRACK));
        assertEquals(new ZoneTrack(Presence.OUTSIDE, Presence.INSIDE, 2, Instant.parse("2025-03-03T13:58:00.250Z")),
                s.track(PersonGeofenceState.CURFEW_TRACK));
        assertEquals(new ZoneTrack(Presence.UNKNOWN, Presence.OUTSIDE, 1, Instant.parse("2025-03-03T13:59:00Z")),
                s.track("5f0c6c4e-6a5e-3b6b-9a8e-1f2d3c4b5a69"));
        // And the layout-aligned state the evaluator makes of it encodes to the same state again.
        PersonGeofenceState aligned = s.alignedTo(new PersonRules(List.of(DISTRICT), List.of(SCHOOL)).trackLayout());
        assertEquals(s, aligned);
        assertEquals(s, PersonStateCodec.decode(PersonStateCodec.encode(aligned)));
    }

    @Test
    void anEvaluatedStateRoundTripsThroughTheCodec() {
        PersonRules rules = new PersonRules(List.of(DISTRICT), List.of(SCHOOL, PARK));
        PersonGeofenceState s = PersonGeofenceState.INITIAL;
        GeoPoint inSchool = offset(HANGZHOU, 2_000, 0);
        for (int m = 0; m < 6; m++) {
            s = EVALUATOR.evaluate(s, fix(m, m < 2 ? HANGZHOU : inSchool), rules, T0.plusSeconds(3600)).state();
        }
        assertEquals(Presence.INSIDE, s.track(SCHOOL.trackKey()).confirmed());
        assertEquals(Presence.OUTSIDE, s.track(PARK.trackKey()).confirmed());
        PersonGeofenceState back = PersonStateCodec.decode(PersonStateCodec.encode(s));
        assertEquals(s, back);
        assertEquals(s.tracks(), back.tracks());
        // The decoded state evaluates exactly like the original.
        Evaluation a = EVALUATOR.evaluate(s, fix(7, HANGZHOU), rules, T0.plusSeconds(3600));
        Evaluation b = EVALUATOR.evaluate(back, fix(7, HANGZHOU), rules, T0.plusSeconds(3600));
        assertEquals(a.state(), b.state());
        assertEquals(a.changes(), b.changes());
    }

    @Test
    void tracksOfAZoneNoLongerAssignedAreKeptByKeyAndComeBackWithIt() {
        PersonRules both = new PersonRules(List.of(DISTRICT), List.of(SCHOOL, PARK));
        PersonRules parkOnly = new PersonRules(List.of(DISTRICT), List.of(PARK));
        GeoPoint inSchool = offset(HANGZHOU, 2_000, 0);
        PersonGeofenceState s = PersonGeofenceState.INITIAL;
        for (int m = 0; m < 5; m++) {
            s = EVALUATOR.evaluate(s, fix(m, m == 0 ? HANGZHOU : inSchool), both, T0.plusSeconds(3600)).state();
        }
        ZoneTrack inside = s.track(SCHOOL.trackKey());
        assertEquals(Presence.INSIDE, inside.confirmed());
        // The school is unassigned (a new snapshot): its track is not evaluated, but not forgotten either.
        s = EVALUATOR.evaluate(s, fix(6, HANGZHOU), parkOnly, T0.plusSeconds(3600)).state();
        assertEquals(inside, s.track(SCHOOL.trackKey()));
        assertTrue(s.tracks().containsKey(SCHOOL.trackKey()));
        // Assigned again, and the person is away from it: the open violation ends.
        Evaluation back = EVALUATOR.evaluate(s, fix(7, HANGZHOU), both, T0.plusSeconds(3600));
        assertEquals(Presence.OUTSIDE, back.state().track(SCHOOL.trackKey()).pending());
    }

    @Test
    void aFixThatChangesNoTrackSharesTheTrackArray() {
        PersonRules rules = new PersonRules(List.of(DISTRICT), List.of(SCHOOL, PARK));
        PersonGeofenceState s = PersonGeofenceState.INITIAL;
        s = EVALUATOR.evaluate(s, fix(0, HANGZHOU), rules, T0.plusSeconds(3600)).state();
        PersonGeofenceState next = EVALUATOR.evaluate(s, fix(1, offset(HANGZHOU, 10, 10)), rules,
                T0.plusSeconds(3600)).state();
        assertNotSame(s, next);
        assertSame(s.slots(), next.slots(), "no track changed: the array is shared");
        assertSame(ZoneTrack.settled(Presence.INSIDE), next.track(PersonGeofenceState.INCLUSION_TRACK));
        assertSame(ZoneTrack.settled(Presence.OUTSIDE), next.track(SCHOOL.trackKey()));
    }

    @Test
    void equalityIgnoresTheLayout() {
        PersonRules rules = new PersonRules(List.of(DISTRICT), List.of(SCHOOL));
        PersonGeofenceState byMap = new PersonGeofenceState(T0, HANGZHOU, 10, Map.of(
                PersonGeofenceState.INCLUSION_TRACK, ZoneTrack.settled(Presence.INSIDE),
                "somewhere-else", ZoneTrack.settled(Presence.OUTSIDE)));
        PersonGeofenceState aligned = byMap.alignedTo(rules.trackLayout());
        assertEquals(byMap, aligned);
        assertEquals(byMap.hashCode(), aligned.hashCode());
        assertEquals(byMap.tracks(), aligned.tracks());
        assertFalse(aligned.tracks().containsKey(SCHOOL.trackKey()));
    }
}
