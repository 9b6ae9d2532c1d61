package org.tether.geofence.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tether.geofence.zone.ZoneFixtures.HANGZHOU;
import static org.tether.geofence.zone.ZoneFixtures.id;
import static org.tether.geofence.zone.ZoneFixtures.offset;
import static org.tether.geofence.zone.ZoneFixtures.rectangle;
import static org.tether.geofence.zone.ZoneFixtures.regular;
import static org.tether.geofence.zone.ZoneFixtures.zone;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ZoneSnapshotTest {

    private static final UUID ALICE = id("person alice");
    private static final UUID BOB = id("person bob");

    /** 西湖区 as a shared inclusion zone, a per-person home zone and a victim's street as exclusion. */
    private static final Zone DISTRICT = zone("Xihu district", ZoneKind.INCLUSION, rectangle(HANGZHOU, 4000, 4000));
    private static final Zone ALICE_WORK = zone("Alice's workplace", ZoneKind.INCLUSION,
            regular(offset(HANGZHOU, 6000, 0), 300, 12));
    private static final Zone VICTIM_HOME = zone("victim's home", ZoneKind.EXCLUSION,
            regular(offset(HANGZHOU, 1500, 1500), 200, 12));
    private static final Zone SCHOOL = zone("primary school", ZoneKind.EXCLUSION,
            regular(offset(HANGZHOU, -1500, 800), 150, 12));

    private static ZoneSnapshot snapshot() {
        return ZoneSnapshot.build(List.of(DISTRICT, ALICE_WORK, VICTIM_HOME, SCHOOL), Map.of(
                ALICE, List.of(DISTRICT.id(), VICTIM_HOME.id(), ALICE_WORK.id()),
                BOB, List.of(SCHOOL.id(), DISTRICT.id())));
    }

    @Test
    void aSharedZoneIsPreparedOnceForEveryone() {
        ZoneSnapshot s = snapshot();
        PreparedZone forAlice = s.zonesFor(ALICE).inclusion().get(0);
        PreparedZone forBob = s.zonesFor(BOB).inclusion().get(0);
        assertSame(DISTRICT, forAlice.zone());
        assertSame(forAlice, forBob);
        assertSame(forAlice, s.zone(DISTRICT.id()).orElseThrow());
        assertEquals(4, s.zoneCount());
    }

    @Test
    void zonesAreSplitByKindInAssignmentOrder() {
        ZoneSnapshot s = snapshot();
        PersonRules alice = s.zonesFor(ALICE);
        assertEquals(List.of(DISTRICT, ALICE_WORK), alice.inclusion().stream().map(PreparedZone::zone).toList());
        assertEquals(List.of(VICTIM_HOME), alice.exclusion().stream().map(PreparedZone::zone).toList());
        PersonRules bob = s.zonesFor(BOB);
        assertEquals(List.of(DISTRICT), bob.inclusion().stream().map(PreparedZone::zone).toList());
        assertEquals(List.of(SCHOOL), bob.exclusion().stream().map(PreparedZone::zone).toList());
    }

    @Test
    void anUnknownPersonHasNoZones() {
        PersonRules none = snapshot().zonesFor(id("person nobody"));
        assertTrue(none.isEmpty());
        assertTrue(none.inclusion().isEmpty());
        assertTrue(none.exclusion().isEmpty());
        assertTrue(ZoneSnapshot.EMPTY.zonesFor(ALICE).isEmpty());
        assertEquals(0, ZoneSnapshot.EMPTY.zoneCount());
        assertTrue(ZoneSnapshot.EMPTY.zone(DISTRICT.id()).isEmpty());
    }

    @Test
    void anAssignmentNamingAnUnknownZoneIsIgnored() {
        UUID deleted = id("deleted zone");
        ZoneSnapshot s = ZoneSnapshot.build(List.of(DISTRICT, SCHOOL),
                Map.of(ALICE, List.of(deleted, DISTRICT.id(), deleted, SCHOOL.id()), BOB, List.of(deleted)));
        PersonRules alice = s.zonesFor(ALICE);
        assertEquals(List.of(DISTRICT), alice.inclusion().stream().map(PreparedZone::zone).toList());
        assertEquals(List.of(SCHOOL), alice.exclusion().stream().map(PreparedZone::zone).toList());
        assertTrue(s.zonesFor(BOB).isEmpty());
        assertTrue(s.zone(deleted).isEmpty());
        assertEquals(2, s.zoneCount());
    }

    @Test
    void aZoneNobodyIsAssignedIsStillPrepared() {
        ZoneSnapshot s = ZoneSnapshot.build(List.of(DISTRICT, SCHOOL), Map.of(ALICE, List.of(DISTRICT.id())));
        assertSame(SCHOOL, s.zone(SCHOOL.id()).orElseThrow().zone());
        assertTrue(s.zonesFor(ALICE).exclusion().isEmpty());
    }

    @Test
    void theSnapshotDoesNotSeeLaterChangesToItsInputs() {
        List<Zone> zones = new ArrayList<>(List.of(DISTRICT));
        List<UUID> aliceIds = new ArrayList<>(List.of(DISTRICT.id()));
        Map<UUID, List<UUID>> assignments = new HashMap<>(Map.of(ALICE, aliceIds));
        ZoneSnapshot s = ZoneSnapshot.build(zones, assignments);

        zones.add(SCHOOL);
        aliceIds.add(SCHOOL.id());
        assignments.put(BOB, List.of(DISTRICT.id()));

        assertEquals(1, s.zoneCount());
        assertTrue(s.zonesFor(ALICE).exclusion().isEmpty());
        assertTrue(s.zonesFor(BOB).isEmpty());
        PersonRules alice = s.zonesFor(ALICE);
        assertThrows(UnsupportedOperationException.class, () -> alice.inclusion().clear());
    }

    @Test
    void personIndexesAreDenseAndSurviveARebuild() {
        ZoneSnapshot s = snapshot();
        int alice = s.personIndex(ALICE);
        int bob = s.personIndex(BOB);
        assertEquals(java.util.Set.of(0, 1), java.util.Set.of(alice, bob));
        assertSame(s.zonesFor(ALICE), s.rulesAt(alice));
        assertSame(s.zonesFor(BOB), s.rulesAt(bob));
        assertEquals(ALICE, s.personAt(alice));
        assertEquals(-1, s.personIndex(id("stranger")));
        assertSame(PersonRules.NONE, s.rulesAt(2));
        assertSame(PersonRules.NONE, s.rulesAt(-1));

        // Bob leaves, Carol arrives: Alice keeps her index, Bob's becomes a hole, Carol gets a new one.
        UUID carol = id("person carol");
        ZoneSnapshot next = ZoneSnapshot.buildRules(List.of(DISTRICT, VICTIM_HOME, SCHOOL), Map.of(
                ALICE, PersonRuleSpec.zones(List.of(DISTRICT.id(), VICTIM_HOME.id())),
                carol, PersonRuleSpec.zones(List.of(SCHOOL.id()))), s);
        assertEquals(alice, next.personIndex(ALICE));
        assertEquals(-1, next.personIndex(BOB));
        assertEquals(2, next.personIndex(carol));
        assertSame(PersonRules.NONE, next.rulesAt(bob));
        assertEquals(null, next.personAt(bob));
        assertEquals(3, next.personIndexBound());
        assertEquals(2, next.personCount());
        assertEquals(List.of(SCHOOL), next.rulesAt(2).exclusion().stream().map(PreparedZone::zone).toList());
    }
}
