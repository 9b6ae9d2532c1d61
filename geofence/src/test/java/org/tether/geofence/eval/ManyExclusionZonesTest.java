package org.tether.geofence.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tether.geofence.fix.Fix;
import org.tether.geofence.fix.PositionSource;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.geo.Geodesy;
import org.tether.geofence.zone.PersonRules;
import org.tether.geofence.zone.PreparedZone;
import org.tether.geofence.zone.ZoneFixtures;
import org.tether.geofence.zone.ZoneKind;

/**
 * A person with many exclusion zones is evaluated through an R-tree; the verdicts must be exactly
 * those of checking every zone one by one.
 */
class ManyExclusionZonesTest {

    private static final HysteresisPolicy H = new HysteresisPolicy(10, 2, Duration.ZERO);
    private static final GeofenceEvaluator EVALUATOR = new GeofenceEvaluator(new GeofencePolicy(H, H, 100, Duration.ofMinutes(2)));

    @Test
    void indexedEvaluationEqualsZoneByZoneEvaluation() {
        SplittableRandom random = new SplittableRandom(7);
        List<PreparedZone> zones = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            GeoPoint c = Geodesy.destination(ZoneFixtures.HANGZHOU, random.nextDouble(360), random.nextDouble(5_000));
            zones.add(new PreparedZone(ZoneFixtures.circle("school " + i, ZoneKind.EXCLUSION, c, 50 + random.nextDouble(250))));
        }
        PersonRules indexed = new PersonRules(List.of(), zones);
        Instant t = Instant.parse("2026-11-25T00:00:00Z");
        PersonGeofenceState all = PersonGeofenceState.INITIAL;
        PersonGeofenceState viaIndex = PersonGeofenceState.INITIAL;
        int entries = 0;
        int crossings = 0;
        GeoPoint p = ZoneFixtures.HANGZHOU;
        for (int k = 0; k < 3_000; k++) {
            // A walk with occasional long gaps (sparse fixes), so entries, exits and crossings all happen.
            p = Geodesy.destination(p, random.nextDouble(360), random.nextDouble() < 0.1 ? 1_500 : random.nextDouble(120));
            if (Geodesy.distanceMeters(p, ZoneFixtures.HANGZHOU) > 6_000) {
                p = ZoneFixtures.HANGZHOU;
            }
            t = t.plusSeconds(60);
            Fix fix = new Fix("BR-1", t, p, 5 + random.nextDouble(20), PositionSource.GNSS);
            Evaluation expected = zoneByZone(all, fix, zones);
            Evaluation actual = EVALUATOR.evaluate(viaIndex, fix, indexed, t);
            // The same changes and crossings; their order across zones is not part of the contract.
            assertEquals(expected.changes(), sortedChanges(actual.changes()), "fix " + k);
            assertEquals(expected.possibleCrossings(), sortedCrossings(actual.possibleCrossings()), "fix " + k);
            assertEquals(confirmed(expected.state()), confirmed(actual.state()), "fix " + k);
            entries += (int) actual.changes().stream().filter(ViolationChange::started).count();
            crossings += actual.possibleCrossings().size();
            all = expected.state();
            viaIndex = actual.state();
        }
        assertTrue(entries > 5 && crossings > 5, "the walk exercised too little: " + entries + " entries, "
                + crossings + " crossings");
    }

    private static List<ViolationChange> sortedChanges(List<ViolationChange> changes) {
        List<ViolationChange> out = new ArrayList<>(changes);
        out.sort(java.util.Comparator.comparing(c -> c.zoneId().toString()));
        return out;
    }

    private static List<PossibleCrossing> sortedCrossings(List<PossibleCrossing> crossings) {
        List<PossibleCrossing> out = new ArrayList<>(crossings);
        out.sort(java.util.Comparator.comparing(c -> c.zoneId().toString()));
        return out;
    }

    /** The reference: every zone checked through rules holding only that zone, tracks merged. */
    private static Evaluation zoneByZone(PersonGeofenceState state, Fix fix, List<PreparedZone> zones) {
        // Below the index threshold, PersonRules checks each zone in turn: split into small groups.
        List<ViolationChange> changes = new ArrayList<>();
        List<PossibleCrossing> crossings = new ArrayList<>();
        java.util.Map<String, ZoneTrack> tracks = new java.util.HashMap<>(state.tracks());
        for (PreparedZone z : zones) {
            String key = z.zone().id().toString();
            PersonGeofenceState single = new PersonGeofenceState(state.lastAcceptedTime(), state.lastAcceptedPosition(),
                    state.lastAcceptedAccuracy(), state.tracks().containsKey(key)
                            ? java.util.Map.of(key, state.track(key)) : java.util.Map.of());
            Evaluation e = EVALUATOR.evaluate(single, fix, new PersonRules(List.of(), List.of(z)), fix.time());
            changes.addAll(e.changes());
            crossings.addAll(e.possibleCrossings());
            if (e.state().tracks().containsKey(key)) {
                tracks.put(key, e.state().track(key));
            }
        }
        changes.sort(java.util.Comparator.comparing(c -> c.zoneId().toString()));
        crossings.sort(java.util.Comparator.comparing(c -> c.zoneId().toString()));
        return new Evaluation(FixClass.ACCEPTED, new PersonGeofenceState(fix.time(), fix.position(), fix.accuracyMeters(),
                tracks), changes, crossings);
    }

    /**
     * What matters of the tracks: which zones the person is confirmed inside, and any pending streak.
     * (A zone the index never had to look at stays UNKNOWN where the reference says OUTSIDE: both
     * mean "not inside", and both raise the same change on entry.)
     */
    private static java.util.Map<String, String> confirmed(PersonGeofenceState s) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        s.tracks().forEach((k, v) -> {
            if (v.confirmed() == Presence.INSIDE || v.pending() != null) {
                out.put(k, (v.confirmed() == Presence.INSIDE ? "INSIDE" : "not inside") + "/pending " + v.pending()
                        + " x" + v.pendingFixes());
            }
        });
        return out;
    }
}
