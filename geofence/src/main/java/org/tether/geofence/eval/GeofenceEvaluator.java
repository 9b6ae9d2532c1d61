package org.tether.geofence.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.tether.geofence.fix.Fix;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.geo.Geodesy;
import org.tether.geofence.rule.LeavePermit;
import org.tether.geofence.rule.CurfewSchedule;
import org.tether.geofence.zone.BoundaryProximity;
import org.tether.geofence.zone.PackedPersonRules;
import org.tether.geofence.zone.ZoneSnapshot;
import org.tether.geofence.zone.PersonRules;
import org.tether.geofence.zone.PreparedZone;
import org.tether.geofence.zone.TrackLayout;

/**
 * Evaluates one fix of one person against their rules: classifies the fix, derives an
 * accuracy-aware verdict per rule, advances the hysteresis state and reports confirmed changes.
 *
 * <p>Rules: the inclusion area (the union of inclusion zones, widened by the areas of any leave active
 * at the fix's time), each exclusion zone, and the home zone while a curfew window is on. A verdict
 * is definite only when the whole accuracy circle plus the rule's buffer lies on one side of the
 * boundary; otherwise it is UNCERTAIN, which never changes a state.
 *
 * <p>No clock, no I/O, no mutable state of its own, so thread-safe. The object path is a pure function
 * of its arguments; the caller must evaluate one person's fixes one at a time, in arrival order, feeding
 * each returned state into the next call. The int-indexed path ({@link #evaluate(PersonStateTable, int, Fix,
 * ZoneSnapshot, Instant)}) reads and writes the person's row of the given {@link PersonStateTable} instead,
 * under the same one-at-a-time rule per person.
 */
public final class GeofenceEvaluator {

    private final GeofencePolicy policy;
    // Dwell times as nanoseconds for the packed path (saturated: a dwell beyond ~292 years never elapses).
    private final long inclusionDwellNanos;
    private final long exclusionDwellNanos;
    private final long homeDwellNanos;
    private final long skewSeconds;
    private final int skewNanos;

    public GeofenceEvaluator(GeofencePolicy policy) {
        this.policy = policy;
        this.inclusionDwellNanos = nanos(policy.inclusion());
        this.exclusionDwellNanos = nanos(policy.exclusion());
        this.homeDwellNanos = nanos(policy.home());
        // Duration keeps 0 <= nanos < 1e9 and the sign in the seconds; bounded so that the sum in isFuture
        // cannot overflow a long (beyond the bound it is always outside the Instant range anyway).
        long seconds = policy.maxFutureSkew().getSeconds();
        this.skewSeconds = Math.max(-(1L << 60), Math.min(1L << 60, seconds));
        this.skewNanos = policy.maxFutureSkew().getNano();
    }

    private static long nanos(HysteresisPolicy h) {
        try {
            return h.dwellTime().toNanos();
        } catch (ArithmeticException e) {
            return h.dwellTime().isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /**
     * Evaluates {@code fix}. Cost: for a fix far from every boundary, a handful of array reads and
     * comparisons per rule (no allocation beyond the returned evaluation and state, whose track array
     * is shared with {@code state} when no track changes); the exact geometric tests run only for the
     * rules whose boundary the fix's accuracy circle may reach. The first evaluation after a snapshot
     * swap re-keys the state's tracks once.
     */
    public Evaluation evaluate(PersonGeofenceState state, Fix fix, PersonRules rules, Instant now) {
        FixClass fixClass = classify(state, fix, now);
        if (fixClass != FixClass.ACCEPTED) {
            return new Evaluation(fixClass, state, List.of());
        }
        state = state.alignedTo(rules.trackLayout());
        TrackUpdates tracks = new TrackUpdates(state.slots());
        List<ViolationChange> changes = List.of();
        List<PossibleCrossing> crossings = List.of();
        GeoPoint position = fix.position();
        // Metres per degree at the fix, once for every zone it is located against.
        double mLat = Geodesy.metersPerDegreeLat(position.lat());
        double mLon = Geodesy.metersPerDegreeLon(position.lat());

        if (!rules.inclusion().isEmpty()) {
            Verdict verdict = inclusionVerdict(fix, rules, mLat, mLon);
            changes = advance(tracks, state, TrackLayout.INCLUSION_SLOT, verdict, fix, policy.inclusion(),
                    Presence.INSIDE, ViolationType.OUT_OF_AREA, null, changes);
        }
        int exclusionCount = rules.exclusionCount();
        if (exclusionCount > 0) {
            double margin = fix.accuracyMeters() + policy.exclusion().bufferMeters();
            // The box of the margin around the fix, a little generous: a zone whose box it misses is
            // surely outside by more than the margin (the verdict locate would give).
            double lat = position.lat();
            double dLat = margin * 1.01 / mLat;
            double dLon = margin * 1.01 / Math.max(1e-6, Geodesy.metersPerDegreeLon(Math.min(89.9, Math.abs(lat) + dLat)));
            double minX = position.lon() - dLon;
            double maxX = position.lon() + dLon;
            double minY = lat - dLat;
            double maxY = lat + dLat;
            // The same box stretched to the previous fix: a zone it misses cannot have been crossed.
            boolean hasLast = state.hasLastAccepted();
            double pMinX = minX;
            double pMaxX = maxX;
            double pMinY = minY;
            double pMaxY = maxY;
            if (hasLast) {
                pMinX = Math.min(pMinX, state.lastLon());
                pMaxX = Math.max(pMaxX, state.lastLon());
                pMinY = Math.min(pMinY, state.lastLat());
                pMaxY = Math.max(pMaxY, state.lastLat());
            }
            List<PreparedZone> near = null;
            if (rules.exclusionsIndexed()) {
                near = rules.exclusionsNear(new Envelope(pMinX, pMaxX, pMinY, pMaxY));
                if (near.size() < exclusionCount) {
                    changes = leaveDistantZones(tracks, state, fix, rules, near, changes);
                }
            }
            int n = near == null ? exclusionCount : near.size();
            for (int j = 0; j < n; j++) {
                int i = near == null ? j : rules.exclusion().indexOf(near.get(j));
                int slot = TrackLayout.FIRST_EXCLUSION_SLOT + i;
                ZoneTrack before = state.slot(slot);
                if (!rules.exclusionBoxMeets(i, pMinX, pMaxX, pMinY, pMaxY)) {
                    // Far from the fix and from the path since the last one: outside, and nothing to
                    // cross. Most fixes end here for every zone, without touching the zone itself.
                    if (before.confirmed() != Presence.OUTSIDE || before.pending() != null) {
                        changes = advance(tracks, state, slot, Verdict.OUTSIDE, fix, policy.exclusion(),
                                Presence.OUTSIDE, ViolationType.EXCLUSION_ZONE_ENTRY, rules.exclusion(i), changes);
                    }
                    continue;
                }
                PreparedZone zone = rules.exclusion(i);
                Verdict verdict = rules.exclusionBoxMeets(i, minX, maxX, minY, maxY)
                        ? verdict(zone.locate(position, margin, mLat, mLon))
                        : Verdict.OUTSIDE;
                changes = advance(tracks, state, slot, verdict, fix, policy.exclusion(), Presence.OUTSIDE,
                        ViolationType.EXCLUSION_ZONE_ENTRY, zone, changes);
                if (hasLast && verdict == Verdict.OUTSIDE
                        && before.confirmed() != Presence.INSIDE
                        && !rules.exclusionBoxMissedBy(i, state.lastLon(), state.lastLat(), position.lon(), position.lat())
                        && !zone.covers(state.lastAcceptedPosition())
                        && zone.crossedBy(state.lastAcceptedPosition(), position)) {
                    if (crossings.isEmpty()) {
                        crossings = new ArrayList<>(1);
                    }
                    crossings.add(new PossibleCrossing(zone.zone().id(), state.lastAcceptedTime(),
                            state.lastAcceptedPosition(), fix.time(), position));
                }
            }
        }
        if (rules.home() != null && rules.curfew() != null) {
            changes = curfew(tracks, state, fix, rules, changes);
        }
        PersonGeofenceState next = state.next(fix.time(), position, fix.accuracyMeters(), tracks.result());
        return new Evaluation(FixClass.ACCEPTED, next, changes, crossings);
    }

    /**
     * Evaluates {@code fix} of the person with index {@code person} in {@code snapshot} (see
     * {@link ZoneSnapshot#personIndex}), reading and updating their state in {@code states}: the same
     * classification, verdicts, changes and crossings as {@link #evaluate(PersonGeofenceState, Fix, PersonRules,
     * Instant)} on the state {@code states} holds, and the same next state.
     *
     * <p>Cost: when no violation starts or ends (almost every fix), one row of {@code states} and one block of
     * {@link ZoneSnapshot#packedRules()} are read, the exact geometric tests run only for rules whose boundary
     * the fix may reach, the tracks move in place, and nothing is allocated (possible crossings excepted).
     * Otherwise — a person whose rules or state do not pack — the state is rebuilt as an object, evaluated by
     * the general path and stored back.
     *
     * <p>Thread-safe for different persons; one person's fixes must be evaluated one at a time (see
     * {@link PersonStateTable}).
     */
    public FixOutcome evaluate(PersonStateTable states, int person, Fix fix, ZoneSnapshot snapshot, Instant now) {
        PersonRules rules = snapshot.rulesAt(person);
        PackedPersonRules packed = snapshot.packedRules();
        if (states.isPackedFor(person, rules) && packed.isPacked(person)) {
            Instant time = fix.time();
            GeoPoint position = fix.position();
            FixOutcome outcome = packedFix(states, person, time.getEpochSecond(), time.getNano(), position.lat(),
                    position.lon(), fix.accuracyMeters(), time, position, packed, now);
            if (outcome != null) {
                return outcome;
            }
        }
        return general(states, person, fix, rules, now);
    }

    /** Fix {@code j} of {@code batch}, as {@link #evaluate(PersonStateTable, int, Fix, ZoneSnapshot, Instant)}. */
    private FixOutcome evaluate(PersonStateTable states, FixBatch batch, int j, ZoneSnapshot snapshot, Instant now) {
        int person = batch.person(j);
        PersonRules rules = snapshot.rulesAt(person);
        PackedPersonRules packed = snapshot.packedRules();
        if (states.isPackedFor(person, rules) && packed.isPacked(person)) {
            // From the numbers: no Fix, Instant or GeoPoint unless a change or crossing is reported.
            Fix built = batch.fixIfBuilt(j);
            FixOutcome outcome = packedFix(states, person, batch.second(j), batch.nano(j), batch.lat(j),
                    batch.lon(j), batch.accuracy(j), built == null ? null : built.time(),
                    built == null ? null : built.position(), packed, now);
            if (outcome != null) {
                return outcome;
            }
        }
        return general(states, person, batch.fix(j), rules, now);
    }

    /** The object path on the person's state, stored back in the table. */
    private FixOutcome general(PersonStateTable states, int person, Fix fix, PersonRules rules, Instant now) {
        Evaluation ev = evaluate(states.state(person), fix, rules, now);
        states.store(person, ev.state(), rules);
        return FixOutcome.of(ev);
    }

    /**
     * Evaluates every fix of {@code batch} in order, as {@link #evaluate(PersonStateTable, int, Fix, ZoneSnapshot,
     * Instant)} would one after the other with the same {@code now} (the time the batch is evaluated), and
     * stores each outcome in the batch: the same verdicts, changes, crossings and next states.
     *
     * <p>First every fix's state row and packed rules block are touched (independent loads, so their cache
     * misses overlap instead of being taken one after the other), then the fixes are evaluated. A person may
     * appear more than once; their fixes are evaluated in batch order. Thread-safe under the same rule as the
     * single-fix method: one person's fixes one at a time, so one person must not be in two batches evaluated
     * concurrently.
     */
    public void evaluate(PersonStateTable states, FixBatch batch, ZoneSnapshot snapshot, Instant now) {
        int n = batch.size();
        PackedPersonRules packed = snapshot.packedRules();
        long touched = 0;
        for (int j = 0; j < n; j++) {
            int p = batch.person(j);
            touched += states.touch(p) ^ packed.touch(p) ^ (snapshot.rulesAt(p) == PersonRules.NONE ? 1 : 0);
        }
        // Then, with the rows and blocks at hand, the rings of the exclusion zones each fix's path may reach
        // (a box around the last fix and this one, widened by the margin at a generous 50 km a degree;
        // a wrong guess costs a load, never a verdict).
        for (int j = 0; j < n; j++) {
            int p = batch.person(j);
            if (!states.isPacked(p)) {
                continue;
            }
            double lat = batch.lat(j);
            double lon = batch.lon(j);
            double lastLat = states.lastLat(p);
            double lastLon = states.lastLon(p);
            double widen = (batch.accuracy(j) + policy.exclusion().bufferMeters()) / 50_000;
            touched += packed.touchZonesNear(p, Math.min(lon, lastLon) - widen, Math.max(lon, lastLon) + widen,
                    Math.min(lat, lastLat) - widen, Math.max(lat, lastLat) + widen);
        }
        batch.touched = touched;
        for (int j = 0; j < n; j++) {
            batch.setOutcome(j, evaluate(states, batch, j, snapshot, now));
        }
    }

    /**
     * The general path's answer for a person whose state is packed, computed from the packed row and rules,
     * or null when a number would leave the row's range (the caller then takes the general path). Reads as the
     * general path does, rule by rule, in two passes: first every verdict and the changes it reports (with the
     * same rule text; nothing written), then the tracks and the last fix are written to the row.
     */
    private FixOutcome packedFix(PersonStateTable states, int p, long second, int nano, double lat, double lon,
                                 double accuracy, Instant time, GeoPoint position, PackedPersonRules packed,
                                 Instant now) {
        // time and position: the fix's objects when the caller has them, else null and built only when a
        // change, a crossing or an exact test needs them (rare), so that most fixes allocate nothing.
        long s1 = states.lastSecond(p);
        int n1 = states.lastNano(p);
        double lastLat = states.lastLat(p);
        double lastLon = states.lastLon(p);
        FixClass fixClass = classify(true, s1, n1, lastLat, lastLon, states.lastAccuracy(p), second, nano, lat, lon,
                accuracy, now);
        if (fixClass != FixClass.ACCEPTED) {
            return FixOutcome.nothing(fixClass); // the state stays as it is
        }
        if (!PersonStateTable.fitsEpochNanos(second)) {
            return null;
        }
        long timeNanos = second * 1_000_000_000L + nano;
        double mLat = Geodesy.metersPerDegreeLat(lat);
        double mLon = Geodesy.metersPerDegreeLon(lat);
        // Pass 1: a verdict per slot (2 bits each: 0 not evaluated, else VERDICT_CODE) and the changes to
        // report, nothing written.
        int verdicts = 0;
        List<ViolationChange> changes = List.of();

        PreparedZone inclusion = packed.inclusion(p);
        if (inclusion != null) {
            // One inclusion zone, no union, no leave (else not packed): its locate is the inclusion verdict.
            Verdict v = verdict(inclusion.locate(lat, lon, accuracy + policy.inclusion().bufferMeters(), mLat, mLon));
            int t = transition(states, p, TrackLayout.INCLUSION_SLOT, v, timeNanos, policy.inclusion().dwellFixes(),
                    inclusionDwellNanos, PersonStateTable.INSIDE);
            if (t == GENERAL_PATH) {
                return null;
            }
            if (t != NO_CHANGE) {
                time = time != null ? time : Instant.ofEpochSecond(second, nano);
                changes = add(changes, change(ViolationType.OUT_OF_AREA, t, null, states, p,
                        TrackLayout.INCLUSION_SLOT, time, RuleText.outside(policy.inclusion())));
            }
            verdicts |= code(v) << (2 * TrackLayout.INCLUSION_SLOT);
        }
        List<PossibleCrossing> crossings = List.of();
        int exclusionCount = packed.exclusionCount(p);
        if (exclusionCount > 0) {
            // The same boxes as the general path.
            double margin = accuracy + policy.exclusion().bufferMeters();
            double dLat = margin * 1.01 / mLat;
            double dLon = margin * 1.01 / Math.max(1e-6, Geodesy.metersPerDegreeLon(Math.min(89.9, Math.abs(lat) + dLat)));
            double minX = lon - dLon;
            double maxX = lon + dLon;
            double minY = lat - dLat;
            double maxY = lat + dLat;
            double pMinX = Math.min(minX, lastLon);
            double pMaxX = Math.max(maxX, lastLon);
            double pMinY = Math.min(minY, lastLat);
            double pMaxY = Math.max(maxY, lastLat);
            for (int i = 0; i < exclusionCount; i++) {
                int slot = TrackLayout.FIRST_EXCLUSION_SLOT + i;
                long word = states.trackWord(p, slot);
                if (!packed.exclusionBoxMeets(p, i, pMinX, pMaxX, pMinY, pMaxY)) {
                    // Far from the fix and the path: outside, nothing to cross; a track at rest outside
                    // hears nothing (as in the general path), any other hears OUTSIDE.
                    if (word != PersonStateTable.word(PersonStateTable.OUTSIDE, PersonStateTable.UNKNOWN, 0)) {
                        int t = transition(states, p, slot, Verdict.OUTSIDE, timeNanos,
                                policy.exclusion().dwellFixes(), exclusionDwellNanos, PersonStateTable.OUTSIDE);
                        if (t == GENERAL_PATH) {
                            return null;
                        }
                        if (t != NO_CHANGE) {
                            PreparedZone zone = packed.exclusion(p, i);
                            time = time != null ? time : Instant.ofEpochSecond(second, nano);
                            changes = add(changes, change(ViolationType.EXCLUSION_ZONE_ENTRY, t, zone, states, p, slot,
                                    time, RuleText.inside(zone, policy.exclusion())));
                        }
                        verdicts |= code(Verdict.OUTSIDE) << (2 * slot);
                    }
                    continue;
                }
                PreparedZone zone = packed.exclusion(p, i);
                Verdict v = Verdict.OUTSIDE;
                if (packed.exclusionBoxMeets(p, i, minX, maxX, minY, maxY)) {
                    position = position != null ? position : new GeoPoint(lat, lon);
                    v = verdict(zone.locate(position, margin, mLat, mLon));
                }
                int t = transition(states, p, slot, v, timeNanos, policy.exclusion().dwellFixes(),
                        exclusionDwellNanos, PersonStateTable.OUTSIDE);
                if (t == GENERAL_PATH) {
                    return null;
                }
                if (t != NO_CHANGE) {
                    time = time != null ? time : Instant.ofEpochSecond(second, nano);
                    changes = add(changes, change(ViolationType.EXCLUSION_ZONE_ENTRY, t, zone, states, p, slot, time,
                            RuleText.inside(zone, policy.exclusion())));
                }
                verdicts |= code(v) << (2 * slot);
                if (v == Verdict.OUTSIDE && PersonStateTable.confirmed(word) != PersonStateTable.INSIDE
                        && !packed.exclusionBoxMissedBy(p, i, lastLon, lastLat, lon, lat)) {
                    GeoPoint last = new GeoPoint(lastLat, lastLon);
                    position = position != null ? position : new GeoPoint(lat, lon);
                    if (!zone.covers(last) && zone.crossedBy(last, position)) {
                        if (crossings.isEmpty()) {
                            crossings = new ArrayList<>(1);
                        }
                        time = time != null ? time : Instant.ofEpochSecond(second, nano);
                        crossings.add(new PossibleCrossing(zone.zone().id(), Instant.ofEpochSecond(s1, n1), last,
                                time, position));
                    }
                }
            }
        }
        CurfewSchedule curfew = packed.curfew(p);
        boolean dropCurfewTrack = false;
        if (curfew != null) {
            int slot = TrackLayout.CURFEW_SLOT;
            if (curfew.isActiveAt(second)) {
                double margin = accuracy + policy.home().bufferMeters();
                int home = packed.homeVerdict(p, lat, lon, margin);
                if (home == PackedPersonRules.HOME_UNDECIDED) {
                    position = position != null ? position : new GeoPoint(lat, lon);
                }
                Verdict v = home == PackedPersonRules.HOME_INSIDE ? Verdict.INSIDE
                        : home == PackedPersonRules.HOME_OUTSIDE ? Verdict.OUTSIDE
                        : verdict(packed.home(p).locate(position, margin));
                int t = transition(states, p, slot, v, timeNanos, policy.home().dwellFixes(), homeDwellNanos,
                        PersonStateTable.INSIDE);
                if (t == GENERAL_PATH) {
                    return null;
                }
                if (t != NO_CHANGE) {
                    time = time != null ? time : Instant.ofEpochSecond(second, nano);
                    changes = add(changes, change(ViolationType.CURFEW_BREACH, t, packed.home(p), states, p, slot,
                            time, RuleText.home(policy.home())));
                }
                verdicts |= code(v) << (2 * slot);
            } else {
                long word = states.trackWord(p, slot);
                if (word != PersonStateTable.NO_TRACK) {
                    if (PersonStateTable.confirmed(word) == PersonStateTable.OUTSIDE) {
                        // The window closed on a breach: it ends.
                        time = time != null ? time : Instant.ofEpochSecond(second, nano);
                        changes = add(changes, new ViolationChange(ViolationType.CURFEW_BREACH, false,
                                packed.home(p).zone().id(), time, time,
                                RuleText.home(policy.home()) + " (window closed)"));
                    }
                    dropCurfewTrack = true;
                }
            }
        }
        // Pass 2: write.
        if (inclusion != null) {
            apply(states, p, TrackLayout.INCLUSION_SLOT, verdicts, timeNanos, policy.inclusion().dwellFixes(),
                    inclusionDwellNanos, PersonStateTable.INSIDE);
        }
        for (int i = 0; i < exclusionCount; i++) {
            apply(states, p, TrackLayout.FIRST_EXCLUSION_SLOT + i, verdicts, timeNanos, policy.exclusion().dwellFixes(),
                    exclusionDwellNanos,
                    PersonStateTable.OUTSIDE);
        }
        if (curfew != null) {
            if (dropCurfewTrack) {
                states.setTrack(p, TrackLayout.CURFEW_SLOT, PersonStateTable.NO_TRACK, 0);
            } else {
                apply(states, p, TrackLayout.CURFEW_SLOT, verdicts, timeNanos, policy.home().dwellFixes(),
                        homeDwellNanos, PersonStateTable.INSIDE);
            }
        }
        states.acceptFix(p, second, nano, lat, lon, accuracy);
        return crossings.isEmpty() && changes.isEmpty() ? FixOutcome.nothing(FixClass.ACCEPTED)
                : new FixOutcome(FixClass.ACCEPTED, changes, crossings);
    }

    private static final int NOT_EVALUATED = 0;
    /** {@code Verdict.values()} clones its array on every call: once here instead. */
    private static final Verdict[] VERDICTS = Verdict.values();

    private static int code(Verdict v) {
        return v.ordinal() + 1; // INSIDE 1, OUTSIDE 2, UNCERTAIN 3
    }

    private static Verdict verdictOf(int code) {
        return VERDICTS[code - 1];
    }

    private static final int NO_CHANGE = 0;
    private static final int STARTS = 1;
    private static final int ENDS = 2;
    private static final int GENERAL_PATH = -1;

    /**
     * Whether moving the packed track in {@code slot} with {@code verdict} starts or ends a violation (as
     * {@code advance} decides it): {@link #STARTS}, {@link #ENDS} or {@link #NO_CHANGE}; {@link #GENERAL_PATH}
     * when it would overflow the packed count.
     */
    private int transition(PersonStateTable states, int p, int slot, Verdict verdict, long timeNanos,
                           int dwellFixes, long dwellNanos, int compliant) {
        long before = states.trackWord(p, slot);
        if (verdict == Verdict.UNCERTAIN) {
            return NO_CHANGE;
        }
        if (PersonStateTable.count(before) >= PersonStateTable.MAX_COUNT) {
            return GENERAL_PATH;
        }
        long after = nextWord(before, states.pendingSince(p, slot), verdict, timeNanos, dwellFixes, dwellNanos,
                compliant);
        int was = PersonStateTable.confirmed(before);
        int is = PersonStateTable.confirmed(after);
        if (was == is) {
            return NO_CHANGE;
        }
        int violating = compliant == PersonStateTable.INSIDE ? PersonStateTable.OUTSIDE : PersonStateTable.INSIDE;
        return is == violating ? STARTS : was == violating ? ENDS : NO_CHANGE;
    }

    /**
     * The change {@code advance} reports for the packed track in {@code slot} (read before it moves): since
     * its pending time when it had one, else the fix's time.
     */
    private static ViolationChange change(ViolationType type, int transition, PreparedZone zone,
                                          PersonStateTable states, int p, int slot, Instant time, String rule) {
        long word = states.trackWord(p, slot);
        Instant since = time;
        if (PersonStateTable.pending(word) != PersonStateTable.UNKNOWN) {
            long nanos = states.pendingSince(p, slot);
            since = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        }
        return new ViolationChange(type, transition == STARTS, zone == null ? null : zone.zone().id(), since,
                time, rule);
    }

    /** Writes the track in {@code slot} moved by its verdict from pass 1. */
    private void apply(PersonStateTable states, int p, int slot, int verdicts, long timeNanos, int dwellFixes,
                       long dwellNanos, int compliant) {
        int code = (verdicts >>> (2 * slot)) & 3;
        if (code == NOT_EVALUATED) {
            return;
        }
        long before = states.trackWord(p, slot);
        long since = states.pendingSince(p, slot);
        long after = nextWord(before, since, verdictOf(code), timeNanos, dwellFixes, dwellNanos, compliant);
        if (after == before) {
            return;
        }
        int pending = PersonStateTable.pending(after);
        long afterSince = pending == PersonStateTable.UNKNOWN ? 0
                : PersonStateTable.count(after) == 1 ? timeNanos : since;
        states.setTrack(p, slot, after, afterSince);
    }

    /**
     * {@link ZoneTrack#next} on a packed track (see {@link PersonStateTable}): the same transitions, times as
     * epoch nanoseconds (exact in the range the table admits). An absent track behaves as {@link ZoneTrack#INITIAL}
     * and stays absent when nothing moves.
     */
    private static long nextWord(long word, long since, Verdict verdict, long timeNanos, int dwellFixes,
                                 long dwellNanos, int compliant) {
        if (verdict == Verdict.UNCERTAIN) {
            return word;
        }
        int target = verdict == Verdict.INSIDE ? PersonStateTable.INSIDE : PersonStateTable.OUTSIDE;
        int confirmed = PersonStateTable.confirmed(word);
        int pending = PersonStateTable.pending(word);
        if (target == confirmed) {
            return pending == PersonStateTable.UNKNOWN ? word
                    : PersonStateTable.word(confirmed, PersonStateTable.UNKNOWN, 0);
        }
        if (confirmed == PersonStateTable.UNKNOWN && target == compliant) {
            return PersonStateTable.word(target, PersonStateTable.UNKNOWN, 0);
        }
        long count = target == pending ? PersonStateTable.count(word) + 1 : 1;
        long start = target == pending ? since : timeNanos;
        if (count >= dwellFixes && timeNanos - start >= dwellNanos) {
            return PersonStateTable.word(target, PersonStateTable.UNKNOWN, 0);
        }
        return PersonStateTable.word(confirmed, target, count);
    }

    /**
     * Zones the index did not return are far from the fix: outside, surely. Only tracks not already
     * at rest outside need to hear it (a pending entry resets, a confirmed one ends).
     */
    private List<ViolationChange> leaveDistantZones(TrackUpdates tracks, PersonGeofenceState state, Fix fix,
                                                    PersonRules rules, List<PreparedZone> near,
                                                    List<ViolationChange> changes) {
        List<PreparedZone> exclusion = rules.exclusion();
        for (int i = 0; i < exclusion.size(); i++) {
            int slot = TrackLayout.FIRST_EXCLUSION_SLOT + i;
            ZoneTrack t = state.slot(slot);
            if (t.confirmed() != Presence.INSIDE && t.pending() == null) {
                continue;
            }
            PreparedZone zone = exclusion.get(i);
            if (near.contains(zone)) {
                continue;
            }
            changes = advance(tracks, state, slot, Verdict.OUTSIDE, fix, policy.exclusion(), Presence.OUTSIDE,
                    ViolationType.EXCLUSION_ZONE_ENTRY, zone, changes);
        }
        return changes;
    }

    /** While a window is on, the home zone is an inclusion rule; when it goes off, a breach ends. */
    private List<ViolationChange> curfew(TrackUpdates tracks, PersonGeofenceState state, Fix fix, PersonRules rules,
                                         List<ViolationChange> changes) {
        int slot = TrackLayout.CURFEW_SLOT;
        if (rules.curfew().isActiveAt(fix.time())) {
            Verdict verdict = verdict(rules.home().locate(fix.position(),
                    fix.accuracyMeters() + policy.home().bufferMeters()));
            return advance(tracks, state, slot, verdict, fix, policy.home(), Presence.INSIDE,
                    ViolationType.CURFEW_BREACH, rules.home(), changes);
        }
        if (tracks.remove(slot) && state.slot(slot).confirmed() == Presence.OUTSIDE) {
            return add(changes, new ViolationChange(ViolationType.CURFEW_BREACH, false, rules.home().zone().id(),
                    fix.time(), fix.time(), RuleText.home(policy.home()) + " (window closed)"));
        }
        return changes;
    }

    /**
     * Moves one track with the verdict and records a started or ended violation when the confirmed
     * side changes to or from the violating side. The rule's text is written only then.
     */
    private List<ViolationChange> advance(TrackUpdates tracks, PersonGeofenceState state, int slot, Verdict verdict,
                                          Fix fix, HysteresisPolicy h, Presence compliant, ViolationType type,
                                          PreparedZone zone, List<ViolationChange> changes) {
        ZoneTrack before = state.slot(slot);
        ZoneTrack after = before.next(verdict, fix.time(), h, compliant);
        if (after != before) {
            tracks.put(slot, after);
        }
        if (after.confirmed() == before.confirmed()) {
            return changes;
        }
        Presence violating = compliant == Presence.INSIDE ? Presence.OUTSIDE : Presence.INSIDE;
        boolean started = after.confirmed() == violating;
        if (!started && before.confirmed() != violating) {
            return changes;
        }
        Instant since = before.pendingSince() != null ? before.pendingSince() : fix.time();
        java.util.UUID zoneId = zone == null ? null : zone.zone().id();
        String rule = switch (type) {
            case OUT_OF_AREA -> RuleText.outside(policy.inclusion());
            case EXCLUSION_ZONE_ENTRY -> RuleText.inside(zone, policy.exclusion());
            case CURFEW_BREACH -> RuleText.home(policy.home());
        };
        return add(changes, new ViolationChange(type, started, zoneId, since, fix.time(), rule));
    }

    /** Appends to a list that starts as the shared empty one, so fixes without a change allocate none. */
    private static <T> List<T> add(List<T> list, T item) {
        List<T> out = list.isEmpty() ? new ArrayList<>(2) : list;
        out.add(item);
        return out;
    }

    /**
     * {@code time.isAfter(now.plus(maxFutureSkew))} without the {@code Instant} that {@code plus} allocates
     * (it was most of the fast path's allocation); the same expression decides where the sum would leave
     * the {@code Instant} range (so it throws as before).
     */
    private boolean isFuture(long ts, int tn, Instant now) {
        long s = now.getEpochSecond() + skewSeconds;
        long n = now.getNano() + skewNanos;
        if (n >= 1_000_000_000L) {
            s++;
            n -= 1_000_000_000L;
        }
        if (s < Instant.MIN.getEpochSecond() || s > Instant.MAX.getEpochSecond()) {
            return Instant.ofEpochSecond(ts, tn).isAfter(now.plus(policy.maxFutureSkew()));
        }
        return ts > s || ts == s && tn > n;
    }

    private FixClass classify(PersonGeofenceState state, Fix fix, Instant now) {
        return classify(state.hasLastAccepted(), state.lastSecond(), state.lastNano(), state.lastLat(), state.lastLon(),
                state.lastAcceptedAccuracy(), fix.time().getEpochSecond(), fix.time().getNano(), fix.position().lat(),
                fix.position().lon(), fix.accuracyMeters(), now);
    }

    /** Classifies {@code fix} against the last accepted fix given as plain numbers (no pointer chasing). */
    private FixClass classify(boolean hasLast, long s1, int n1, double lat1, double lon1, double acc1, long s2, int n2,
                              double lat2, double lon2, double acc2, Instant now) {
        if (isFuture(s2, n2, now)) {
            return FixClass.FUTURE;
        }
        if (!hasLast) {
            return FixClass.ACCEPTED;
        }
        if (s2 < s1 || s2 == s1 && n2 <= n1) {
            return FixClass.LATE;
        }
        // Exactly Duration.between(last, time).toNanos().
        double seconds = Math.addExact(Math.multiplyExact(s2 - s1, 1_000_000_000L), n2 - n1) / 1e9;
        // Both positions may be off by their accuracy: only distance beyond that proves speed.
        double slack = acc1 + acc2;
        double maxMeters = policy.maxSpeedMetersPerSecond() * seconds + slack;
        // Cheap bounds first, so most fixes need no geodesic: a degree of latitude is 110.57–111.70 km,
        // a degree of longitude at most 111.70 km × cos(the smallest |latitude| on the way).
        double dLatDeg = Math.abs(lat2 - lat1);
        if (dLatDeg * 110_574 > maxMeters) {
            return FixClass.IMPLAUSIBLE_SPEED;
        }
        double dLonDeg = Math.abs(lon2 - lon1);
        if (dLonDeg > 180) {
            dLonDeg = 360 - dLonDeg;
        }
        double minAbsLat = Math.signum(lat1) != Math.signum(lat2) ? 0 : Math.min(Math.abs(lat1), Math.abs(lat2));
        double upper = dLatDeg * 111_700 + dLonDeg * 111_700 * Math.cos(Math.toRadians(minAbsLat));
        if (upper <= maxMeters) {
            return FixClass.ACCEPTED;
        }
        double meters = Geodesy.distanceMeters(new GeoPoint(lat1, lon1), new GeoPoint(lat2, lon2));
        return meters > maxMeters ? FixClass.IMPLAUSIBLE_SPEED : FixClass.ACCEPTED;
    }

    /**
     * Inside if the union of inclusion zones (or an active leave area) surely holds the whole circle;
     * outside only if none of them touches it.
     */
    private Verdict inclusionVerdict(Fix fix, PersonRules rules, double mLat, double mLon) {
        double margin = fix.accuracyMeters() + policy.inclusion().bufferMeters();
        boolean allOutside = true;
        PreparedZone union = rules.inclusionUnion();
        if (union != null) {
            BoundaryProximity p = union.locate(fix.position(), margin, mLat, mLon);
            if (p == BoundaryProximity.INSIDE) {
                return Verdict.INSIDE;
            }
            allOutside = p == BoundaryProximity.OUTSIDE;
        }
        for (PreparedZone zone : rules.inclusion()) {
            if (union != null && !zone.zone().isCircle()) {
                continue; // already judged through the union
            }
            BoundaryProximity p = zone.locate(fix.position(), margin, mLat, mLon);
            if (p == BoundaryProximity.INSIDE) {
                return Verdict.INSIDE;
            }
            allOutside &= p == BoundaryProximity.OUTSIDE;
        }
        for (LeavePermit leave : rules.leaves()) {
            if (!leave.isActiveAt(fix.time())) {
                continue;
            }
            for (PreparedZone area : leave.areas()) {
                BoundaryProximity p = area.locate(fix.position(), margin, mLat, mLon);
                if (p == BoundaryProximity.INSIDE) {
                    return Verdict.INSIDE;
                }
                allOutside &= p == BoundaryProximity.OUTSIDE;
            }
        }
        return allOutside ? Verdict.OUTSIDE : Verdict.UNCERTAIN;
    }

    private static Verdict verdict(BoundaryProximity p) {
        return switch (p) {
            case INSIDE -> Verdict.INSIDE;
            case OUTSIDE -> Verdict.OUTSIDE;
            case NEAR_BOUNDARY -> Verdict.UNCERTAIN;
        };
    }
}
