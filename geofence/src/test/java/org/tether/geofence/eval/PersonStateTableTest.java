package org.tether.geofence.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tether.geofence.zone.ZoneFixtures.HANGZHOU;
import static org.tether.geofence.zone.ZoneFixtures.circle;
import static org.tether.geofence.zone.ZoneFixtures.offset;
import static org.tether.geofence.zone.ZoneFixtures.rectangle;
import static org.tether.geofence.zone.ZoneFixtures.regular;
import static org.tether.geofence.zone.ZoneFixtures.zone;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tether.geofence.fix.Fix;
import org.tether.geofence.fix.PositionSource;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.rule.CurfewWindow;
import org.tether.geofence.zone.PersonRuleSpec;
import org.tether.geofence.zone.Zone;
import org.tether.geofence.zone.ZoneKind;
import org.tether.geofence.zone.ZoneSnapshot;

/**
 * The table path ({@link GeofenceEvaluator#evaluate(PersonStateTable, int, Fix, ZoneSnapshot, Instant)})
 * against the object path on the same random streams: same class, changes, crossings and state after every
 * fix, through curfew windows, snapshot swaps, persons whose rules are not packed, and restored states.
 */
class PersonStateTableTest {

    private static final GeofenceEvaluator EVALUATOR = new GeofenceEvaluator(GeofencePolicy.defaults());
    private static final List<CurfewWindow> NIGHTS = nights();

    private static List<CurfewWindow> nights() {
        List<CurfewWindow> w = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            w.add(new CurfewWindow(d, LocalTime.of(22, 0), LocalTime.of(6, 0)));
        }
        return w;
    }

    private record World(List<Zone> zones, Map<UUID, PersonRuleSpec> specs, List<GeoPoint> homes) {
    }

    /** Persons around Hangzhou: a district, a home circle, 0–5 exclusion polygons near home. */
    private static World world(Random rnd, int persons, UUID[] ids) {
        Zone district = zone("district", ZoneKind.INCLUSION, rectangle(HANGZHOU, 3000, 3000));
        List<Zone> zones = new ArrayList<>(List.of(district));
        Map<UUID, PersonRuleSpec> specs = new HashMap<>();
        List<GeoPoint> homes = new ArrayList<>();
        for (int p = 0; p < persons; p++) {
            GeoPoint home = offset(HANGZHOU, rnd.nextDouble(-2500, 2500), rnd.nextDouble(-2500, 2500));
            homes.add(home);
            List<UUID> zoneIds = new ArrayList<>(List.of(district.id()));
            Zone h = circle("home " + p + " " + rnd.nextInt(), ZoneKind.HOME, home, 80);
            zones.add(h);
            zoneIds.add(h.id());
            int exclusions = p % 7 == 6 ? 5 : rnd.nextInt(4); // some persons do not fit the packed block
            for (int j = 0; j < exclusions; j++) {
                Zone x = zone("x " + p + " " + j + " " + rnd.nextInt(), ZoneKind.EXCLUSION,
                        regular(offset(home, rnd.nextDouble(-600, 600), rnd.nextDouble(-600, 600)),
                                rnd.nextDouble(40, 150), 5 + rnd.nextInt(20)));
                zones.add(x);
                zoneIds.add(x.id());
            }
            specs.put(ids[p], new PersonRuleSpec(zoneIds, p % 5 == 4 ? List.of() : NIGHTS, List.of()));
        }
        return new World(zones, specs, homes);
    }

    @Test
    void theTablePathEqualsTheObjectPathFixForFix() {
        Random rnd = new Random(11);
        int persons = 60;
        UUID[] ids = new UUID[persons];
        for (int p = 0; p < persons; p++) {
            ids[p] = new UUID(rnd.nextLong(), rnd.nextLong());
        }
        World w = world(rnd, persons, ids);
        ZoneSnapshot snapshot = ZoneSnapshot.buildRules(w.zones(), w.specs());
        PersonStateTable table = new PersonStateTable(snapshot.personIndexBound() + 10);
        PersonGeofenceState[] objects = new PersonGeofenceState[persons];
        java.util.Arrays.fill(objects, PersonGeofenceState.INITIAL);
        GeoPoint[] at = w.homes().toArray(new GeoPoint[0]);
        Instant[] time = new Instant[persons];
        java.util.Arrays.fill(time, Instant.parse("2025-03-03T12:00:00Z")); // 20:00 in Shanghai
        int changes = 0;
        int crossings = 0;
        int packedFixes = 0;
        for (int step = 0; step < 40_000; step++) {
            int p = rnd.nextInt(persons);
            if (step == 20_000) {
                // A swap: new exclusion zones for everyone, indexes kept.
                World next = world(rnd, persons, ids);
                snapshot = ZoneSnapshot.buildRules(next.zones(), next.specs(), snapshot);
            }
            if (step % 5_000 == 2_500) {
                // A restored state (as decoded after a restart) goes into the table by put.
                PersonGeofenceState restored = new PersonGeofenceState(objects[p].lastAcceptedTime(),
                        objects[p].lastAcceptedPosition(), objects[p].lastAcceptedAccuracy(), objects[p].tracks());
                table.put(snapshot.personIndex(ids[p]), restored);
            }
            double r = rnd.nextDouble();
            GeoPoint next = r < 0.02 ? offset(HANGZHOU, rnd.nextDouble(-4000, 4000), rnd.nextDouble(-4000, 4000))
                    : offset(at[p], rnd.nextDouble(-150, 150), rnd.nextDouble(-150, 150));
            at[p] = next;
            double accuracy = rnd.nextDouble() < 0.1 ? rnd.nextDouble(100, 400) : rnd.nextDouble(3, 25);
            Instant t = time[p].plus(Duration.ofSeconds(rnd.nextDouble() < 0.01 ? -30 : 20 + rnd.nextInt(200)));
            time[p] = t.isAfter(time[p]) ? t : time[p];
            Instant now = rnd.nextDouble() < 0.005 ? t.minus(Duration.ofMinutes(10)) : t;
            Fix fix = new Fix("dev" + p, t, next, accuracy, PositionSource.GNSS);

            Evaluation expected = EVALUATOR.evaluate(objects[p], fix, snapshot.zonesFor(ids[p]), now);
            objects[p] = expected.state();
            int index = snapshot.personIndex(ids[p]);
            packedFixes += table.isPackedFor(index, snapshot.rulesAt(index)) ? 1 : 0;
            FixOutcome actual = EVALUATOR.evaluate(table, index, fix, snapshot, now);
            assertEquals(expected.fixClass(), actual.fixClass(), "class at step " + step);
            assertEquals(expected.changes(), actual.changes(), "changes at step " + step);
            assertEquals(expected.possibleCrossings(), actual.possibleCrossings(), "crossings at step " + step);
            assertEquals(expected.state(), table.state(index), "state at step " + step);
            changes += expected.changes().size();
            crossings += expected.possibleCrossings().size();
        }
        // The streams must exercise what they claim to.
        assertTrue(changes > 100, "changes " + changes);
        assertTrue(crossings > 20, "crossings " + crossings);
        assertTrue(packedFixes > 20_000, "fixes on a packed row " + packedFixes);
    }

    /**
     * Batches ({@link GeofenceEvaluator#evaluate(PersonStateTable, FixBatch, ZoneSnapshot, Instant)}) of 1–24
     * fixes, a person often more than once in one batch, against the object path fix for fix with the batch's
     * {@code now}: same outcome for every fix and same state for every person after every batch, through
     * curfew windows, a snapshot swap and persons whose rules do not pack. Half the fixes go in as
     * {@code Fix} objects, half as their numbers (no object until the evaluator needs one).
     */
    @Test
    void batchesEqualTheObjectPathFixForFix() {
        Random rnd = new Random(23);
        int persons = 40;
        UUID[] ids = new UUID[persons];
        for (int p = 0; p < persons; p++) {
            ids[p] = new UUID(rnd.nextLong(), rnd.nextLong());
        }
        World w = world(rnd, persons, ids);
        ZoneSnapshot snapshot = ZoneSnapshot.buildRules(w.zones(), w.specs());
        PersonStateTable table = new PersonStateTable(snapshot.personIndexBound());
        PersonGeofenceState[] objects = new PersonGeofenceState[persons];
        java.util.Arrays.fill(objects, PersonGeofenceState.INITIAL);
        GeoPoint[] at = w.homes().toArray(new GeoPoint[0]);
        Instant clock = Instant.parse("2025-03-03T12:00:00Z"); // 20:00 in Shanghai
        FixBatch batch = new FixBatch(24);
        List<Evaluation> expected = new ArrayList<>();
        List<Fix> added = new ArrayList<>();
        Random how = new Random(29); // apart from rnd, so that the stream's draws stay as they were
        int changes = 0;
        int byNumbers = 0;
        int crossings = 0;
        int repeats = 0;
        for (int round = 0; round < 2_500; round++) {
            if (round == 1_250) {
                World next = world(rnd, persons, ids);
                snapshot = ZoneSnapshot.buildRules(next.zones(), next.specs(), snapshot);
            }
            batch.clear();
            expected.clear();
            added.clear();
            int size = 1 + rnd.nextInt(batch.capacity());
            // Persons drawn from a few, so that one person often has several fixes in a batch.
            int pool = 1 + rnd.nextInt(persons);
            boolean[] seen = new boolean[persons];
            for (int j = 0; j < size; j++) {
                clock = clock.plusSeconds(1 + rnd.nextInt(40)).plusNanos(how.nextInt(3) == 0 ? how.nextInt(1_000_000_000) : 0);
                int p = rnd.nextInt(pool);
                repeats += seen[p] ? 1 : 0;
                seen[p] = true;
                double r = rnd.nextDouble();
                at[p] = r < 0.02 ? offset(HANGZHOU, rnd.nextDouble(-4000, 4000), rnd.nextDouble(-4000, 4000))
                        : offset(at[p], rnd.nextDouble(-150, 150), rnd.nextDouble(-150, 150));
                double accuracy = rnd.nextDouble() < 0.1 ? rnd.nextDouble(100, 400) : rnd.nextDouble(3, 25);
                // Now and then a late fix (before the person's last one) or one from the future.
                Instant t = rnd.nextDouble() < 0.01 ? clock.minusSeconds(300)
                        : rnd.nextDouble() < 0.005 ? clock.plusSeconds(3_600) : clock;
                Fix fix = new Fix("dev" + p, t, at[p], accuracy, PositionSource.GNSS);
                added.add(fix);
                if (how.nextBoolean()) {
                    batch.add(snapshot.personIndex(ids[p]), fix);
                } else {
                    batch.add(snapshot.personIndex(ids[p]), fix.deviceId(), t.getEpochSecond(), t.getNano(),
                            at[p].lat(), at[p].lon(), accuracy, PositionSource.GNSS);
                    byNumbers++;
                }
            }
            Instant now = clock;
            for (int j = 0; j < size; j++) {
                int p = indexOf(ids, snapshot.personAt(batch.person(j)));
                Evaluation e = EVALUATOR.evaluate(objects[p], added.get(j), snapshot.zonesFor(ids[p]), now);
                objects[p] = e.state();
                expected.add(e);
            }
            EVALUATOR.evaluate(table, batch, snapshot, now);
            assertEquals(size, batch.size());
            for (int j = 0; j < size; j++) {
                Evaluation e = expected.get(j);
                FixOutcome actual = batch.outcome(j);
                String where = "round " + round + ", fix " + j;
                assertEquals(e.fixClass(), actual.fixClass(), "class, " + where);
                assertEquals(e.changes(), actual.changes(), "changes, " + where);
                assertEquals(e.possibleCrossings(), actual.possibleCrossings(), "crossings, " + where);
                assertEquals(added.get(j), batch.fix(j), "the fix, " + where);
                changes += e.changes().size();
                crossings += e.possibleCrossings().size();
            }
            for (int p = 0; p < persons; p++) {
                if (seen[p]) {
                    assertEquals(objects[p], table.state(snapshot.personIndex(ids[p])), "state, round " + round);
                }
            }
        }
        assertTrue(changes > 100, "changes " + changes);
        assertTrue(crossings > 20, "crossings " + crossings);
        assertTrue(repeats > 5_000, "fixes of a person already in the batch " + repeats);
        assertTrue(byNumbers > 10_000, "fixes added as numbers " + byNumbers);
    }

    private static int indexOf(UUID[] ids, UUID id) {
        for (int p = 0; p < ids.length; p++) {
            if (ids[p].equals(id)) {
                return p;
            }
        }
        throw new AssertionError("unknown person " + id);
    }

    @Test
    void aBatchHoldsUpToItsCapacityAndClears() {
        assertThrows(IllegalArgumentException.class, () -> new FixBatch(0));
        FixBatch batch = new FixBatch(2);
        Fix fix = new Fix("dev", Instant.parse("2025-03-03T12:00:00Z"), HANGZHOU, 10, PositionSource.GNSS);
        batch.add(0, fix);
        assertNull(batch.outcome(0), "no outcome before evaluation");
        batch.add(1, fix);
        assertTrue(batch.isFull());
        assertThrows(IllegalStateException.class, () -> batch.add(0, fix));
        assertThrows(IndexOutOfBoundsException.class, () -> batch.fix(2));
        batch.clear();
        assertEquals(0, batch.size());
        assertThrows(IndexOutOfBoundsException.class, () -> batch.person(0));
        assertThrows(NullPointerException.class, () -> batch.add(0, null));
    }

    /** A fix added as numbers is refused exactly where {@code Fix}, {@code GeoPoint} or {@code Instant} refuse it. */
    @Test
    void aFixAddedAsNumbersIsCheckedAsAFix() {
        FixBatch batch = new FixBatch(4);
        long s = Instant.parse("2025-03-03T12:00:00Z").getEpochSecond();
        assertThrows(NullPointerException.class, () -> batch.add(0, null, s, 0, 30, 120, 10, PositionSource.GNSS));
        assertThrows(NullPointerException.class, () -> batch.add(0, "dev", s, 0, 30, 120, 10, null));
        assertThrows(IllegalArgumentException.class, () -> batch.add(0, "dev", s, 0, 90.5, 120, 10, PositionSource.GNSS));
        assertThrows(IllegalArgumentException.class, () -> batch.add(0, "dev", s, 0, 30, -181, 10, PositionSource.GNSS));
        assertThrows(IllegalArgumentException.class, () -> batch.add(0, "dev", s, 0, Double.NaN, 120, 10,
                PositionSource.GNSS));
        assertThrows(IllegalArgumentException.class, () -> batch.add(0, "dev", s, 0, 30, 120, 0, PositionSource.GNSS));
        assertThrows(IllegalArgumentException.class, () -> batch.add(0, "dev", s, 0, 30, 120,
                Double.POSITIVE_INFINITY, PositionSource.GNSS));
        assertThrows(IllegalArgumentException.class, () -> batch.add(0, "dev", s, 1_000_000_000, 30, 120, 10,
                PositionSource.GNSS));
        assertThrows(IllegalArgumentException.class, () -> batch.add(0, "dev", s, -1, 30, 120, 10, PositionSource.GNSS));
        assertThrows(java.time.DateTimeException.class, () -> batch.add(0, "dev", Instant.MAX.getEpochSecond() + 1, 0,
                30, 120, 10, PositionSource.GNSS));
        assertEquals(0, batch.size(), "nothing refused was added");
        batch.add(3, "dev", s, 250, 30.25, 120.5, 12.5, PositionSource.WIFI);
        assertEquals(3, batch.person(0));
        assertEquals(new Fix("dev", Instant.ofEpochSecond(s, 250), new GeoPoint(30.25, 120.5), 12.5,
                PositionSource.WIFI), batch.fix(0));
        assertSame(batch.fix(0), batch.fix(0), "built once");
    }

    @Test
    void aFreshTableHoldsInitialStates() {
        PersonStateTable table = new PersonStateTable(3);
        assertEquals(PersonGeofenceState.INITIAL, table.state(2));
        assertEquals(3, table.capacity());
    }
}
