package org.tether.geofence.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tether.geofence.zone.ZoneFixtures.HANGZHOU;
import static org.tether.geofence.zone.ZoneFixtures.circle;
import static org.tether.geofence.zone.ZoneFixtures.id;
import static org.tether.geofence.zone.ZoneFixtures.offset;
import static org.tether.geofence.zone.ZoneFixtures.polygon;
import static org.tether.geofence.zone.ZoneFixtures.rectangle;
import static org.tether.geofence.zone.ZoneFixtures.regular;
import static org.tether.geofence.zone.ZoneFixtures.ring;
import static org.tether.geofence.zone.ZoneFixtures.zone;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tether.geofence.fix.Fix;
import org.tether.geofence.fix.PositionSource;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.geo.Geodesy;
import org.tether.geofence.rule.CurfewSchedule;
import org.tether.geofence.rule.CurfewWindow;
import org.tether.geofence.rule.LeavePermit;
import org.tether.geofence.zone.PersonRuleSpec;
import org.tether.geofence.zone.PersonRules;
import org.tether.geofence.zone.PreparedZone;
import org.tether.geofence.zone.Zone;
import org.tether.geofence.zone.ZoneKind;
import org.tether.geofence.zone.ZoneSnapshot;

/**
 * The evaluator's newer rules: the union of adjacent inclusion zones, leave areas, curfew with a
 * home zone, possible crossings of exclusion zones between sparse fixes, and the speed check's
 * cheap bounds. Policy: the defaults (30 m buffer, 3 fixes over at least 60 s, 100 m/s); GNSS
 * fixes of 10 m accuracy unless said otherwise.
 */
class GeofenceRulesEvaluatorTest {

    private static final GeofencePolicy POLICY = GeofencePolicy.defaults();
    private static final GeofenceEvaluator EVALUATOR = new GeofenceEvaluator(POLICY);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final String DEVICE = "bracelet-860000000000002";
    private static final UUID PERSON = id("person");

    private static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static List<PreparedZone> prepare(Zone... zones) {
        List<PreparedZone> out = new ArrayList<>();
        for (Zone z : zones) {
            out.add(new PreparedZone(z));
        }
        return out;
    }

    /** One person's fix stream, fed in order, each returned state passed into the next call. */
    private static final class Person {
        final GeofenceEvaluator evaluator;
        final PersonRules rules;
        PersonGeofenceState state;
        final List<ViolationChange> changes = new ArrayList<>();
        final List<PossibleCrossing> crossings = new ArrayList<>();

        Person(PersonRules rules) {
            this(EVALUATOR, rules, PersonGeofenceState.INITIAL);
        }

        Person(GeofenceEvaluator evaluator, PersonRules rules, PersonGeofenceState state) {
            this.evaluator = evaluator;
            this.rules = rules;
            this.state = state;
        }

        Evaluation at(Instant time, GeoPoint p) {
            Evaluation e = evaluator.evaluate(state, new Fix(DEVICE, time, p, 10, PositionSource.GNSS), rules,
                    time.plusSeconds(5));
            state = e.state();
            changes.addAll(e.changes());
            crossings.addAll(e.possibleCrossings());
            return e;
        }

        Evaluation at(long second, GeoPoint p) {
            return at(t(second), p);
        }

        ZoneTrack track(String key) {
            return state.track(key);
        }
    }

    /** A state in which an OUT_OF_AREA is on: confirmed outside the inclusion area, last seen at {@code where}. */
    private static PersonGeofenceState outOfArea(GeoPoint where) {
        return new PersonGeofenceState(t(0), where, 10,
                Map.of(PersonGeofenceState.INCLUSION_TRACK, new ZoneTrack(Presence.OUTSIDE, null, 0, null)));
    }

    // =============================================================================================
    // (a) adjacent inclusion zones

    /** Two 2 km × 2 km squares side by side sharing the meridian through West Lake as an edge. */
    private static final Zone WEST_HALF = zone("west half", ZoneKind.INCLUSION,
            polygon(ring(HANGZHOU, new double[][] {{-2000, -1000}, {0, -1000}, {0, 1000}, {-2000, 1000}})));
    private static final Zone EAST_HALF = zone("east half", ZoneKind.INCLUSION,
            polygon(ring(HANGZHOU, new double[][] {{0, -1000}, {2000, -1000}, {2000, 1000}, {0, 1000}})));

    @Test
    void theSharedEdgeReallyIsShared() {
        PreparedZone union = PersonRules.unionOf(prepare(WEST_HALF, EAST_HALF));
        assertNotNull(union);
        assertEquals(1, union.zone().geometry().getNumGeometries(), "one polygon, not two");
        assertEquals(ZoneKind.INCLUSION, union.zone().kind());
        assertEquals(4326, union.zone().geometry().getSRID());
        // 5 m from the shared edge is 1 km from the union's boundary.
        GeoPoint p = offset(HANGZHOU, -5, 0);
        assertEquals(org.tether.geofence.zone.BoundaryProximity.INSIDE, union.locate(p, 900));
        assertEquals(org.tether.geofence.zone.BoundaryProximity.NEAR_BOUNDARY,
                new PreparedZone(WEST_HALF).locate(p, 40));
        // Fewer than two polygons: no union.
        assertNull(PersonRules.unionOf(prepare(WEST_HALF)));
        assertNull(PersonRules.unionOf(prepare(WEST_HALF, circle("c", ZoneKind.INCLUSION, HANGZHOU, 500))));
    }

    @Test
    void fiveMetresFromTheSharedEdgeIsInsideTheUnionAndEndsAnOutOfArea() {
        List<PreparedZone> both = prepare(WEST_HALF, EAST_HALF);
        Person p = new Person(EVALUATOR, new PersonRules(both, List.of()), outOfArea(offset(HANGZHOU, -3000, 0)));
        assertNotNull(p.rules.inclusionUnion());
        GeoPoint nearEdgeWest = offset(HANGZHOU, -5, 0);
        GeoPoint nearEdgeEast = offset(HANGZHOU, 5, 300);
        assertTrue(p.at(60, nearEdgeWest).changes().isEmpty());
        assertEquals(new ZoneTrack(Presence.OUTSIDE, Presence.INSIDE, 1, t(60)), p.track(PersonGeofenceState.INCLUSION_TRACK));
        assertTrue(p.at(90, nearEdgeEast).changes().isEmpty());
        Evaluation third = p.at(120, nearEdgeWest);
        assertEquals(1, third.changes().size());
        ViolationChange end = third.changes().get(0);
        assertEquals(ViolationType.OUT_OF_AREA, end.type());
        assertFalse(end.started());
        assertNull(end.zoneId());
        assertEquals(t(60), end.since());
        assertEquals(t(120), end.at());
        assertEquals(new ZoneTrack(Presence.INSIDE, null, 0, null), p.track(PersonGeofenceState.INCLUSION_TRACK));
    }

    @Test
    void withoutTheUnionOrWithOnlyOneZoneTheSamePlaceIsUncertain() {
        GeoPoint nearEdgeWest = offset(HANGZHOU, -5, 0);
        GeoPoint nearEdgeEast = offset(HANGZHOU, 5, 300);
        PersonRules noUnion = new PersonRules(prepare(WEST_HALF, EAST_HALF), null, List.of(), null, null, List.of());
        PersonRules westOnly = new PersonRules(prepare(WEST_HALF), List.of());
        for (PersonRules rules : List.of(noUnion, westOnly)) {
            Person p = new Person(EVALUATOR, rules, outOfArea(offset(HANGZHOU, -3000, 0)));
            for (int i = 1; i <= 10; i++) {
                assertTrue(p.at(60L * i, i % 2 == 0 ? nearEdgeWest : nearEdgeEast).changes().isEmpty());
            }
            // Every fix was UNCERTAIN: not even a pending return.
            assertEquals(new ZoneTrack(Presence.OUTSIDE, null, 0, null), p.track(PersonGeofenceState.INCLUSION_TRACK));
        }
    }

    @Test
    void outsideTheUnionIsStillOutOfArea() {
        Person p = new Person(new PersonRules(prepare(WEST_HALF, EAST_HALF), List.of()));
        p.at(0, offset(HANGZHOU, 1000, 0));
        assertEquals(Presence.INSIDE, p.track(PersonGeofenceState.INCLUSION_TRACK).confirmed());
        GeoPoint north = offset(HANGZHOU, 0, 1500); // 500 m north of the shared edge's end
        p.at(60, north);
        p.at(120, north);
        Evaluation e = p.at(180, north);
        assertEquals(1, e.changes().size());
        assertTrue(e.changes().get(0).started());
        assertEquals(ViolationType.OUT_OF_AREA, e.changes().get(0).type());
    }

    @Test
    void nearTheUnionsOuterBoundaryIsUncertain() {
        // 20 m outside the union's west edge: within accuracy + buffer, so neither in nor out.
        Person p = new Person(new PersonRules(prepare(WEST_HALF, EAST_HALF), List.of()));
        p.at(0, HANGZHOU);
        GeoPoint justOutside = offset(HANGZHOU, -2020, 0);
        for (int i = 1; i <= 10; i++) {
            assertTrue(p.at(60L * i, justOutside).changes().isEmpty());
        }
        assertEquals(new ZoneTrack(Presence.INSIDE, null, 0, null), p.track(PersonGeofenceState.INCLUSION_TRACK));
        // 100 m outside it is definite.
        for (int i = 11; i <= 13; i++) {
            p.at(60L * i, offset(HANGZHOU, -2100, 0));
        }
        assertEquals(1, p.changes.size());
    }

    @Test
    void theSnapshotPreparesTheUnionOncePerSetOfInclusionZones() {
        UUID other = id("other person");
        UUID single = id("single-zone person");
        ZoneSnapshot s = ZoneSnapshot.buildRules(List.of(WEST_HALF, EAST_HALF), Map.of(
                PERSON, PersonRuleSpec.zones(List.of(WEST_HALF.id(), EAST_HALF.id())),
                other, PersonRuleSpec.zones(List.of(EAST_HALF.id(), WEST_HALF.id())),
                single, PersonRuleSpec.zones(List.of(WEST_HALF.id()))));
        PreparedZone union = s.zonesFor(PERSON).inclusionUnion();
        assertNotNull(union);
        assertSame(union, s.zonesFor(other).inclusionUnion(), "same set in another order, same union");
        assertNull(s.zonesFor(single).inclusionUnion());
        // and it works through the snapshot as through the constructor
        Person p = new Person(EVALUATOR, s.zonesFor(PERSON), outOfArea(offset(HANGZHOU, -3000, 0)));
        p.at(60, offset(HANGZHOU, 5, 0));
        p.at(90, offset(HANGZHOU, 5, 0));
        assertEquals(1, p.at(120, offset(HANGZHOU, -5, 0)).changes().size());
    }

    // =============================================================================================
    // (b) leave

    /** Home area: 2 km × 2 km on West Lake. The hospital: a 500 m 12-gon 10 km east. */
    private static final Zone HOME_AREA = zone("home area", ZoneKind.INCLUSION, rectangle(HANGZHOU, 1000, 1000));
    private static final GeoPoint HOSPITAL_CENTRE = offset(HANGZHOU, 10_000, 0);
    private static final Zone HOSPITAL = zone("hospital", ZoneKind.INCLUSION, regular(HOSPITAL_CENTRE, 500, 12));
    private static final UUID LEAVE = id("leave to hospital");
    private static final Instant LEAVE_FROM = t(600);
    private static final Instant LEAVE_TO = t(3600);

    /** The person's rules through the snapshot: home area only, plus the leave to the hospital. */
    private static PersonRules withLeave() {
        PersonRuleSpec spec = new PersonRuleSpec(List.of(HOME_AREA.id()), List.of(),
                List.of(new PersonRuleSpec.LeaveSpec(LEAVE, LEAVE_FROM, LEAVE_TO, List.of(HOSPITAL.id()))));
        PersonRules rules = ZoneSnapshot.buildRules(List.of(HOME_AREA, HOSPITAL), Map.of(PERSON, spec)).zonesFor(PERSON);
        assertEquals(1, rules.inclusion().size(), "the hospital is a leave area, not an inclusion zone");
        assertEquals(1, rules.leaves().size());
        assertEquals(HOSPITAL, rules.leaves().get(0).areas().get(0).zone());
        return rules;
    }

    private static Person settledAtHome(PersonRules rules) {
        Person p = new Person(rules);
        p.at(0, HANGZHOU);
        p.at(60, offset(HANGZHOU, 30, 20));
        assertEquals(Presence.INSIDE, p.track(PersonGeofenceState.INCLUSION_TRACK).confirmed());
        return p;
    }

    @Test
    void insideAnActiveLeaveAreaIsNotOutOfArea() {
        Person p = settledAtHome(withLeave());
        for (long s = 600; s < 3600; s += 60) {
            Evaluation e = p.at(s, offset(HOSPITAL_CENTRE, (s % 300) - 150, 0));
            assertEquals(FixClass.ACCEPTED, e.fixClass());
            assertTrue(e.changes().isEmpty(), "at " + s);
        }
        assertEquals(new ZoneTrack(Presence.INSIDE, null, 0, null), p.track(PersonGeofenceState.INCLUSION_TRACK));
        assertTrue(p.changes.isEmpty());
    }

    @Test
    void afterTheLeaveEndsTheSamePlaceIsOutOfAreaAfterTheDwell() {
        Person p = settledAtHome(withLeave());
        p.at(600, HOSPITAL_CENTRE);
        p.at(3540, HOSPITAL_CENTRE);
        assertTrue(p.changes.isEmpty());
        // A fix exactly at the end is already outside the leave: [from, to).
        assertTrue(p.at(3600, HOSPITAL_CENTRE).changes().isEmpty());
        assertEquals(new ZoneTrack(Presence.INSIDE, Presence.OUTSIDE, 1, LEAVE_TO), p.track(PersonGeofenceState.INCLUSION_TRACK));
        assertTrue(p.at(3630, HOSPITAL_CENTRE).changes().isEmpty());
        Evaluation third = p.at(3660, HOSPITAL_CENTRE);
        assertEquals(1, third.changes().size());
        ViolationChange c = third.changes().get(0);
        assertEquals(ViolationType.OUT_OF_AREA, c.type());
        assertTrue(c.started());
        assertEquals(LEAVE_TO, c.since());
        assertEquals(t(3660), c.at());
        assertTrue(c.rule().contains("active leave area"), c.rule());
    }

    @Test
    void beforeTheLeaveStartsTheSamePlaceIsOutOfAreaAndTheStartEndsIt() {
        Person p = settledAtHome(withLeave());
        // Arrives at the hospital early (10 km in 4 min is plausible).
        p.at(300, HOSPITAL_CENTRE);
        p.at(360, HOSPITAL_CENTRE);
        Evaluation third = p.at(420, HOSPITAL_CENTRE);
        assertEquals(1, third.changes().size());
        assertTrue(third.changes().get(0).started());
        assertEquals(t(300), third.changes().get(0).since());
        assertTrue(p.at(599, HOSPITAL_CENTRE).changes().isEmpty(), "one second before the leave: still out");
        // From the leave's start the place is allowed: a return, confirmed after the dwell.
        p.at(600, HOSPITAL_CENTRE);
        p.at(630, HOSPITAL_CENTRE);
        Evaluation back = p.at(660, HOSPITAL_CENTRE);
        assertEquals(1, back.changes().size());
        ViolationChange end = back.changes().get(0);
        assertEquals(ViolationType.OUT_OF_AREA, end.type());
        assertFalse(end.started());
        assertEquals(LEAVE_FROM, end.since());
        assertEquals(2, p.changes.size());
    }

    @Test
    void anActiveLeaveToSomewhereElseDoesNotCover() {
        Person p = settledAtHome(withLeave());
        GeoPoint elsewhere = offset(HANGZHOU, 0, 8_000);
        p.at(700, elsewhere);
        p.at(760, elsewhere);
        assertEquals(1, p.at(820, elsewhere).changes().size());
    }

    @Test
    void aLeaveAreaCanBeACircle() {
        Zone clinic = circle("clinic", ZoneKind.INCLUSION, HOSPITAL_CENTRE, 400);
        PersonRules rules = new PersonRules(prepare(HOME_AREA), null, List.of(), null, null,
                List.of(new LeavePermit(LEAVE, LEAVE_FROM, LEAVE_TO, prepare(clinic))));
        Person p = settledAtHome(rules);
        for (long s = 600; s <= 900; s += 60) {
            assertTrue(p.at(s, offset(HOSPITAL_CENTRE, 100, 100)).changes().isEmpty());
        }
        // 500 m from the centre is outside the 400 m circle by more than 40 m: out of area.
        for (long s = 960; s <= 1080; s += 60) {
            p.at(s, offset(HOSPITAL_CENTRE, 0, 500));
        }
        assertEquals(1, p.changes.size());
    }

    // =============================================================================================
    // (c) curfew

    /** Monday 2025-03-03, Shanghai. */
    private static final LocalDate MONDAY = LocalDate.of(2025, 3, 3);
    private static final GeoPoint HOME_POINT = HANGZHOU;
    private static final Zone HOME = circle("home", ZoneKind.HOME, HOME_POINT, 100);
    private static final Zone DISTRICT = zone("district", ZoneKind.INCLUSION, rectangle(HANGZHOU, 5000, 5000));
    private static final GeoPoint AWAY = offset(HOME_POINT, 500, 0);

    private static Instant sh(LocalDate date, int hour, int minute) {
        return ZonedDateTime.of(date, LocalTime.of(hour, minute), SHANGHAI).toInstant();
    }

    private static PersonRules curfewRules() {
        PersonRuleSpec spec = new PersonRuleSpec(List.of(DISTRICT.id(), HOME.id()),
                List.of(new CurfewWindow(DayOfWeek.MONDAY, LocalTime.of(22, 0), LocalTime.of(6, 0))), List.of());
        PersonRules rules = ZoneSnapshot.buildRules(List.of(DISTRICT, HOME), Map.of(PERSON, spec)).zonesFor(PERSON);
        assertEquals(HOME, rules.home().zone());
        assertNotNull(rules.curfew());
        return rules;
    }

    private static List<ViolationChange> curfewChanges(Person p) {
        return p.changes.stream().filter(c -> c.type() == ViolationType.CURFEW_BREACH).toList();
    }

    @Test
    void awayFromHomeDuringTheWindowIsACurfewBreachAfterTheDwellAndEndsWhenBackHome() {
        Person p = new Person(curfewRules());
        p.at(sh(MONDAY, 21, 50), HOME_POINT);
        assertTrue(p.at(sh(MONDAY, 22, 0), AWAY).changes().isEmpty());
        assertTrue(p.at(sh(MONDAY, 22, 1), AWAY).changes().isEmpty());
        Evaluation third = p.at(sh(MONDAY, 22, 2), AWAY);
        assertEquals(1, third.changes().size());
        ViolationChange c = third.changes().get(0);
        assertEquals(ViolationType.CURFEW_BREACH, c.type());
        assertTrue(c.started());
        assertEquals(HOME.id(), c.zoneId());
        assertEquals(sh(MONDAY, 22, 0), c.since());
        assertEquals(sh(MONDAY, 22, 2), c.at());
        assertTrue(c.rule().contains("curfew") && c.rule().contains("30 m"), c.rule());
        assertEquals(Presence.OUTSIDE, p.track(PersonGeofenceState.CURFEW_TRACK).confirmed());

        p.at(sh(MONDAY, 22, 10), HOME_POINT);
        p.at(sh(MONDAY, 22, 11), offset(HOME_POINT, 20, 20));
        Evaluation back = p.at(sh(MONDAY, 22, 12), HOME_POINT);
        assertEquals(1, back.changes().size());
        ViolationChange end = back.changes().get(0);
        assertEquals(ViolationType.CURFEW_BREACH, end.type());
        assertFalse(end.started());
        assertEquals(HOME.id(), end.zoneId());
        assertEquals(sh(MONDAY, 22, 10), end.since());
        // Nothing about the inclusion area: the district covers all of this.
        assertEquals(2, p.changes.size());
    }

    @Test
    void awayFromHomeOutsideTheWindowIsNothing() {
        Person p = new Person(curfewRules());
        LocalDate tuesday = MONDAY.plusDays(1);
        for (int m = 0; m < 10; m++) {
            assertTrue(p.at(sh(MONDAY, 21, 40 + m), AWAY).changes().isEmpty());
        }
        for (int m = 0; m < 10; m++) {
            assertTrue(p.at(sh(tuesday, 6, m), AWAY).changes().isEmpty());
        }
        assertTrue(p.at(sh(tuesday, 22, 30), AWAY).changes().isEmpty(), "Tuesday night has no window");
        assertTrue(p.at(sh(tuesday, 22, 31), AWAY).changes().isEmpty());
        assertTrue(p.at(sh(tuesday, 22, 32), AWAY).changes().isEmpty());
        assertTrue(p.changes.isEmpty());
        assertFalse(p.state.tracks().containsKey(PersonGeofenceState.CURFEW_TRACK), "no curfew track outside windows");
    }

    @Test
    void aBreachStillOnWhenTheWindowEndsIsEndedAtTheFirstFixAfterIt() {
        Person p = new Person(curfewRules());
        LocalDate tuesday = MONDAY.plusDays(1);
        p.at(sh(MONDAY, 22, 0), HOME_POINT);
        p.at(sh(tuesday, 5, 50), AWAY);
        p.at(sh(tuesday, 5, 51), AWAY);
        p.at(sh(tuesday, 5, 52), AWAY);
        assertEquals(1, curfewChanges(p).size());
        assertTrue(p.at(sh(tuesday, 5, 59), AWAY).changes().isEmpty(), "still in the window");

        Instant first = sh(tuesday, 6, 3);
        Evaluation closed = p.at(first, AWAY);
        assertEquals(1, closed.changes().size());
        ViolationChange end = closed.changes().get(0);
        assertEquals(ViolationType.CURFEW_BREACH, end.type());
        assertFalse(end.started());
        assertEquals(HOME.id(), end.zoneId());
        assertEquals(first, end.since());
        assertEquals(first, end.at());
        assertTrue(end.rule().endsWith("(window closed)"), end.rule());
        assertFalse(closed.state().tracks().containsKey(PersonGeofenceState.CURFEW_TRACK));

        // Only once.
        assertTrue(p.at(sh(tuesday, 6, 4), AWAY).changes().isEmpty());
        assertEquals(2, curfewChanges(p).size());
    }

    @Test
    void aPendingBreachWhenTheWindowEndsEndsNothing() {
        Person p = new Person(curfewRules());
        LocalDate tuesday = MONDAY.plusDays(1);
        p.at(sh(MONDAY, 23, 0), HOME_POINT);
        p.at(sh(tuesday, 5, 58), AWAY);
        p.at(sh(tuesday, 5, 59), AWAY);
        assertEquals(Presence.OUTSIDE, p.track(PersonGeofenceState.CURFEW_TRACK).pending());
        assertTrue(p.at(sh(tuesday, 6, 0), AWAY).changes().isEmpty());
        assertTrue(p.changes.isEmpty());
        assertFalse(p.state.tracks().containsKey(PersonGeofenceState.CURFEW_TRACK));
    }

    @Test
    void theNextWindowStartsAfresh() {
        Person p = new Person(curfewRules());
        LocalDate tuesday = MONDAY.plusDays(1);
        p.at(sh(MONDAY, 22, 0), AWAY);
        p.at(sh(MONDAY, 22, 1), AWAY);
        p.at(sh(MONDAY, 22, 2), AWAY);
        p.at(sh(tuesday, 6, 0), AWAY);
        assertEquals(2, curfewChanges(p).size());
        // A week later, the first fix away is only the start of a streak.
        LocalDate next = MONDAY.plusWeeks(1);
        assertTrue(p.at(sh(next, 22, 0), AWAY).changes().isEmpty());
        assertEquals(new ZoneTrack(Presence.UNKNOWN, Presence.OUTSIDE, 1, sh(next, 22, 0)),
                p.track(PersonGeofenceState.CURFEW_TRACK));
    }

    @Test
    void theCurfewUsesTheHomePolicy() {
        // Home: no buffer, 2 fixes over 30 s; inclusion and exclusion keep the defaults.
        HysteresisPolicy def = new HysteresisPolicy(30, 3, Duration.ofSeconds(60));
        HysteresisPolicy home = new HysteresisPolicy(0, 2, Duration.ofSeconds(30));
        GeofenceEvaluator evaluator = new GeofenceEvaluator(new GeofencePolicy(def, def, home, 100, Duration.ofMinutes(2)));
        Person p = new Person(evaluator, curfewRules(), PersonGeofenceState.INITIAL);
        // 130 m from the centre of a 100 m home: outside by 30 m, which is more than 10 m accuracy + 0 buffer
        // but not more than 10 m + 30 m.
        GeoPoint justOut = Geodesy.destination(HOME_POINT, 45, 130);
        p.at(sh(MONDAY, 22, 0), justOut);
        Evaluation second = p.at(sh(MONDAY, 22, 0).plusSeconds(30), justOut);
        assertEquals(1, second.changes().size(), "two fixes over 30 s under the home policy");
        assertTrue(second.changes().get(0).rule().contains("0 m") && second.changes().get(0).rule().contains("2 fixes"),
                second.changes().get(0).rule());
    }

    @Test
    void withoutAHomeZoneOrWithoutACurfewThereIsNoCurfewTrack() {
        CurfewSchedule nightly = new CurfewSchedule(List.of(new CurfewWindow(DayOfWeek.MONDAY, LocalTime.of(22, 0),
                LocalTime.of(6, 0))));
        PersonRules noHome = new PersonRules(prepare(DISTRICT), null, List.of(), null, nightly, List.of());
        PersonRules noCurfew = new PersonRules(prepare(DISTRICT), null, List.of(), new PreparedZone(HOME), null, List.of());
        for (PersonRules rules : List.of(noHome, noCurfew)) {
            assertFalse(rules.curfewActiveAt(sh(MONDAY, 23, 0)));
            Person p = new Person(rules);
            for (int m = 0; m < 5; m++) {
                p.at(sh(MONDAY, 22, m), AWAY);
            }
            assertTrue(p.changes.isEmpty());
            assertFalse(p.state.tracks().containsKey(PersonGeofenceState.CURFEW_TRACK));
        }
        assertTrue(curfewRules().curfewActiveAt(sh(MONDAY, 23, 0)));
        assertFalse(curfewRules().curfewActiveAt(sh(MONDAY, 21, 0)));
    }

    // =============================================================================================
    // (d) possible crossings

    /** A 300 m exclusion circle and a 300 m exclusion 12-gon 4 km apart inside a 20 km district. */
    private static final GeoPoint SCHOOL_CENTRE = offset(HANGZHOU, 0, 2000);
    private static final Zone SCHOOL = circle("school", ZoneKind.EXCLUSION, SCHOOL_CENTRE, 300);
    private static final GeoPoint VICTIM_CENTRE = offset(HANGZHOU, 0, -2000);
    private static final Zone VICTIM = zone("victim's home", ZoneKind.EXCLUSION, regular(VICTIM_CENTRE, 300, 12));
    private static final Zone BIG_DISTRICT = zone("big district", ZoneKind.INCLUSION, rectangle(HANGZHOU, 10_000, 10_000));

    private static PersonRules exclusionRules() {
        return new PersonRules(prepare(BIG_DISTRICT), prepare(SCHOOL, VICTIM));
    }

    @Test
    void aPathAcrossAnExclusionCircleBetweenSparseFixesIsAPossibleCrossing() {
        Person p = new Person(exclusionRules());
        GeoPoint west = offset(SCHOOL_CENTRE, -1500, 50);
        GeoPoint east = offset(SCHOOL_CENTRE, 1500, -50);
        assertEquals(3000, Geodesy.distanceMeters(west, east), 5);
        assertTrue(p.at(0, west).possibleCrossings().isEmpty(), "no previous fix");
        Evaluation e = p.at(600, east);
        assertEquals(FixClass.ACCEPTED, e.fixClass());
        assertEquals(List.of(new PossibleCrossing(SCHOOL.id(), t(0), west, t(600), east)), e.possibleCrossings());
        assertTrue(e.changes().isEmpty(), "evidence for an officer, not an entry");
        assertEquals(Presence.OUTSIDE, e.state().track(SCHOOL.id().toString()).confirmed());
    }

    @Test
    void aPathAcrossAnExclusionPolygonBetweenSparseFixesIsAPossibleCrossing() {
        Person p = new Person(exclusionRules());
        GeoPoint south = offset(VICTIM_CENTRE, 200, -1500);
        GeoPoint north = offset(VICTIM_CENTRE, -200, 1500);
        p.at(0, south);
        Evaluation e = p.at(600, north);
        assertEquals(1, e.possibleCrossings().size());
        PossibleCrossing c = e.possibleCrossings().get(0);
        assertEquals(VICTIM.id(), c.zoneId());
        assertEquals(t(0), c.fromTime());
        assertEquals(south, c.from());
        assertEquals(t(600), c.toTime());
        assertEquals(north, c.to());
    }

    @Test
    void aPathThroughBothZonesReportsBoth() {
        Person p = new Person(exclusionRules());
        GeoPoint south = offset(HANGZHOU, 0, -3500);
        GeoPoint north = offset(HANGZHOU, 0, 3500);
        p.at(0, south);
        Evaluation e = p.at(1200, north); // 7 km in 20 min
        assertEquals(FixClass.ACCEPTED, e.fixClass());
        assertEquals(List.of(SCHOOL.id(), VICTIM.id()).stream().sorted().toList(),
                e.possibleCrossings().stream().map(PossibleCrossing::zoneId).sorted().toList());
    }

    @Test
    void aPathThatMissesTheZoneIsNoCrossing() {
        Person p = new Person(exclusionRules());
        // 3 km east–west, passing 500 m north of the school's centre (200 m clear of its rim).
        p.at(0, offset(SCHOOL_CENTRE, -1500, 500));
        Evaluation e = p.at(600, offset(SCHOOL_CENTRE, 1500, 500));
        assertTrue(e.possibleCrossings().isEmpty());
        p.at(1200, offset(VICTIM_CENTRE, 600, -1500));
        assertTrue(p.at(1800, offset(VICTIM_CENTRE, 600, 1500)).possibleCrossings().isEmpty());
        assertTrue(p.crossings.isEmpty());
    }

    @Test
    void aFixInsideTheZoneIsAnEntryNotACrossing() {
        // From outside to inside: the current fix's verdict is INSIDE.
        Person in = new Person(exclusionRules());
        in.at(0, offset(SCHOOL_CENTRE, -3000, 0));
        Evaluation e = in.at(600, SCHOOL_CENTRE);
        assertTrue(e.possibleCrossings().isEmpty());
        assertEquals(Presence.INSIDE, in.track(SCHOOL.id().toString()).pending());

        // From inside to outside across the zone: the previous fix was covered by it.
        Person out = new Person(exclusionRules());
        out.at(0, offset(SCHOOL_CENTRE, -100, 0));
        Evaluation leaving = out.at(600, offset(SCHOOL_CENTRE, 3000, 0));
        assertTrue(leaving.possibleCrossings().isEmpty());
        assertTrue(out.crossings.isEmpty());
    }

    @Test
    void whileAnEntryIsConfirmedNoCrossingIsReported() {
        // Confirmed inside the school zone, last seen outside to its west (a return is pending);
        // the next fix is on the far side. The entry already stands: no crossing on top of it.
        GeoPoint west = offset(SCHOOL_CENTRE, -1500, 0);
        PersonGeofenceState s = new PersonGeofenceState(t(0), west, 10, Map.of(
                PersonGeofenceState.INCLUSION_TRACK, new ZoneTrack(Presence.INSIDE, null, 0, null),
                SCHOOL.id().toString(), new ZoneTrack(Presence.INSIDE, Presence.OUTSIDE, 1, t(0))));
        Person p = new Person(EVALUATOR, exclusionRules(), s);
        assertTrue(p.at(600, offset(SCHOOL_CENTRE, 1500, 0)).possibleCrossings().isEmpty());
        // The same fixes from a state that is confirmed outside do report one.
        PersonGeofenceState outside = new PersonGeofenceState(t(0), west, 10, Map.of(
                SCHOOL.id().toString(), new ZoneTrack(Presence.OUTSIDE, null, 0, null)));
        Person q = new Person(EVALUATOR, exclusionRules(), outside);
        assertEquals(1, q.at(600, offset(SCHOOL_CENTRE, 1500, 0)).possibleCrossings().size());
    }

    @Test
    void aFixNearTheRimIsNoCrossing() {
        // The second fix is outside, but within accuracy + buffer of the rim: UNCERTAIN, so not judged.
        Person p = new Person(exclusionRules());
        p.at(0, offset(SCHOOL_CENTRE, -1500, 0));
        GeoPoint nearRim = Geodesy.destination(SCHOOL_CENTRE, 45, 320);
        assertTrue(p.at(600, nearRim).possibleCrossings().isEmpty());
    }

    @Test
    void aRejectedFixReportsNoCrossing() {
        Person p = new Person(exclusionRules());
        p.at(0, offset(SCHOOL_CENTRE, -1500, 0));
        Evaluation fast = p.at(10, offset(SCHOOL_CENTRE, 1500, 0)); // 3 km in 10 s
        assertEquals(FixClass.IMPLAUSIBLE_SPEED, fast.fixClass());
        assertTrue(fast.possibleCrossings().isEmpty());
    }

    // =============================================================================================
    // (e) the speed check's cheap bounds

    /** Classifies a second fix {@code seconds} after a first one at {@code a}; both 10 m accuracy. */
    private static FixClass second(GeoPoint a, GeoPoint b, long seconds) {
        Person p = new Person(PersonRules.NONE);
        assertEquals(FixClass.ACCEPTED, p.at(0, a).fixClass());
        return p.at(seconds, b).fixClass();
    }

    /** 100 m/s for 60 s plus both accuracy radii (10 m each). */
    private static final double LIMIT = 100 * 60 + 20;

    @Test
    void aLatitudeDifferenceAloneBeyondTheLimitIsImplausible() {
        GeoPoint a = GeoPoint.of(60, 30.3);
        GeoPoint b = Geodesy.destination(a, 0, 6_100);
        // The cheap lower bound already proves it: 110 574 m is the shortest degree of latitude.
        assertTrue(Math.abs(b.lat() - a.lat()) * 110_574 > LIMIT);
        assertEquals(FixClass.IMPLAUSIBLE_SPEED, second(a, b, 60));
        assertEquals(FixClass.IMPLAUSIBLE_SPEED, second(GeoPoint.of(0, 110), Geodesy.destination(GeoPoint.of(0, 110), 180, 6_030), 60));
    }

    @Test
    void justUnderTheLimitByGeodesicDistanceIsAcceptedAndJustOverIsNot() {
        List<GeoPoint> starts = List.of(GeoPoint.of(60, 30.3), GeoPoint.of(60.5, 120), GeoPoint.of(-60, 150),
                GeoPoint.of(0, 110), GeoPoint.of(-0.001, 110), GeoPoint.of(30.27, 120.16), GeoPoint.of(59.99, 179.99));
        for (GeoPoint a : starts) {
            for (double bearing : new double[] {0, 30, 45, 90, 135, 180, 270, 315}) {
                GeoPoint under = Geodesy.destination(a, bearing, LIMIT - 5);
                GeoPoint over = Geodesy.destination(a, bearing, LIMIT + 5);
                String at = "from " + a + " bearing " + bearing;
                assertEquals(LIMIT - 5, Geodesy.distanceMeters(a, under), 1e-3);
                assertEquals(FixClass.ACCEPTED, second(a, under, 60), "5 m under the limit " + at);
                assertEquals(FixClass.IMPLAUSIBLE_SPEED, second(a, over, 60), "5 m over the limit " + at);
            }
        }
    }

    @Test
    void eastWestNearSixtyNorthWhereDegreesOfLongitudeAreShort() {
        // At 60 N a degree of longitude is ~55.8 km: 6,015 m east is 0.108°, which a bound using the
        // equator's 111.3 km per degree would put at ~12 km and reject.
        GeoPoint a = GeoPoint.of(60, 30.3);
        GeoPoint under = Geodesy.destination(a, 90, LIMIT - 5);
        assertTrue((under.lon() - a.lon()) * 111_320 > 1.9 * LIMIT);
        assertEquals(FixClass.ACCEPTED, second(a, under, 60));
        assertEquals(FixClass.IMPLAUSIBLE_SPEED, second(a, Geodesy.destination(a, 90, LIMIT + 5), 60));
        // Across the antimeridian at 60 N the longitude difference is wrapped.
        GeoPoint b = GeoPoint.of(60, 179.99);
        GeoPoint across = Geodesy.destination(b, 90, LIMIT - 5);
        assertTrue(across.lon() < 0);
        assertEquals(FixClass.ACCEPTED, second(b, across, 60));
        assertEquals(FixClass.IMPLAUSIBLE_SPEED, second(b, Geodesy.destination(b, 90, LIMIT + 5), 60));
    }
}
