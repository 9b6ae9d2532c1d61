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
 * <p>A pure function of its arguments: no clock, no I/O, no mutable state, so thread-safe. The caller
 * must evaluate one person's fixes one at a time, in arrival order, feeding each returned state into
 * the next call.
 */
public final class GeofenceEvaluator {

    private final GeofencePolicy policy;

    public GeofenceEvaluator(GeofencePolicy policy) {
        this.policy = policy;
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
     * <p>Cost: when the person's tracks are all at rest and none would move (almost every fix), one row of
     * {@code states} and one block of {@link ZoneSnapshot#packedRules()} are read, the exact geometric tests run
     * only for rules whose boundary the fix may reach, and nothing is allocated. Otherwise the state is
     * rebuilt as an object, evaluated by the general path and stored back (packed again once at rest).
     *
     * <p>Thread-safe for different persons; one person's fixes must be evaluated one at a time (see
     * {@link PersonStateTable}).
     */
    public FixOutcome evaluate(PersonStateTable states, int person, Fix fix, ZoneSnapshot snapshot, Instant now) {
        PersonRules rules = snapshot.rulesAt(person);
        PackedPersonRules packed = snapshot.packedRules();
        if (states.isPackedFor(person, rules) && packed.isPacked(person)) {
            FixOutcome outcome = atRest(states, person, fix, rules, packed, now);
            if (outcome != null) {
                return outcome;
            }
        }
        Evaluation ev = evaluate(states.state(person), fix, rules, now);
        states.store(person, ev.state(), rules);
        return FixOutcome.of(ev);
    }

    /**
     * The general path's answer for a person whose tracks are all at rest, computed from the packed row
     * and rules, or null when some track would move (the caller then takes the general path, which also
     * writes the rule text). Reads as the general path does, rule by rule; writes only the last fix.
     */
    private FixOutcome atRest(PersonStateTable states, int p, Fix fix, PersonRules rules, PackedPersonRules packed,
                              Instant now) {
        long s1 = states.lastSecond(p);
        int n1 = states.lastNano(p);
        double lastLat = states.lastLat(p);
        double lastLon = states.lastLon(p);
        FixClass fixClass = classify(true, s1, n1, lastLat, lastLon, states.lastAccuracy(p), fix, now);
        if (fixClass != FixClass.ACCEPTED) {
            return FixOutcome.nothing(fixClass); // the state stays as it is
        }
        long tracks = states.tracks(p);
        GeoPoint position = fix.position();
        double lat = position.lat();
        double lon = position.lon();
        double accuracy = fix.accuracyMeters();
        double mLat = Geodesy.metersPerDegreeLat(lat);
        double mLon = Geodesy.metersPerDegreeLon(lat);

        PreparedZone inclusion = packed.inclusion(p);
        if (inclusion != null) {
            // One inclusion zone, no union, no leave (else not packed): its locate is the inclusion verdict.
            Verdict v = verdict(inclusion.locate(position, accuracy + policy.inclusion().bufferMeters(), mLat, mLon));
            if (moves(PersonStateTable.track(tracks, TrackLayout.INCLUSION_SLOT), v)) {
                return null;
            }
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
                int code = PersonStateTable.track(tracks, TrackLayout.FIRST_EXCLUSION_SLOT + i);
                if (!packed.exclusionBoxMeets(p, i, pMinX, pMaxX, pMinY, pMaxY)) {
                    if (code != PersonStateTable.REST_OUTSIDE) {
                        return null; // the general path would settle or start this track
                    }
                    continue;
                }
                PreparedZone zone = rules.exclusion(i);
                Verdict v = packed.exclusionBoxMeets(p, i, minX, maxX, minY, maxY)
                        ? verdict(zone.locate(position, margin, mLat, mLon))
                        : Verdict.OUTSIDE;
                if (moves(code, v)) {
                    return null;
                }
                if (v == Verdict.OUTSIDE && code != PersonStateTable.REST_INSIDE
                        && !packed.exclusionBoxMissedBy(p, i, lastLon, lastLat, lon, lat)) {
                    GeoPoint last = new GeoPoint(lastLat, lastLon);
                    if (!zone.covers(last) && zone.crossedBy(last, position)) {
                        if (crossings.isEmpty()) {
                            crossings = new ArrayList<>(1);
                        }
                        crossings.add(new PossibleCrossing(zone.zone().id(), Instant.ofEpochSecond(s1, n1), last,
                                fix.time(), position));
                    }
                }
            }
        }
        CurfewSchedule curfew = packed.curfew(p);
        if (curfew != null) {
            int code = PersonStateTable.track(tracks, TrackLayout.CURFEW_SLOT);
            if (curfew.isActiveAt(fix.time())) {
                double margin = accuracy + policy.home().bufferMeters();
                int home = packed.homeVerdict(p, lat, lon, margin);
                Verdict v = home == PackedPersonRules.HOME_INSIDE ? Verdict.INSIDE
                        : home == PackedPersonRules.HOME_OUTSIDE ? Verdict.OUTSIDE
                        : verdict(rules.home().locate(position, margin));
                if (moves(code, v)) {
                    return null;
                }
            } else if (code != PersonStateTable.NO_TRACK) {
                return null; // the window closed: the general path drops the track (and may end a breach)
            }
        }
        states.acceptFix(p, fix.time().getEpochSecond(), fix.time().getNano(), lat, lon, accuracy);
        return crossings.isEmpty() ? FixOutcome.nothing(FixClass.ACCEPTED)
                : new FixOutcome(FixClass.ACCEPTED, List.of(), crossings);
    }

    /**
     * Whether a track at rest (code of {@link PersonStateTable}) moves on {@code verdict}: exactly when
     * {@link ZoneTrack#next} would return another track. UNCERTAIN moves nothing; a definite verdict leaves
     * only a track already confirmed on that side alone (UNKNOWN or no track settles, the other side pends).
     */
    private static boolean moves(int code, Verdict verdict) {
        return switch (verdict) {
            case UNCERTAIN -> false;
            case INSIDE -> code != PersonStateTable.REST_INSIDE;
            case OUTSIDE -> code != PersonStateTable.REST_OUTSIDE;
        };
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

    private FixClass classify(PersonGeofenceState state, Fix fix, Instant now) {
        return classify(state.hasLastAccepted(), state.lastSecond(), state.lastNano(), state.lastLat(), state.lastLon(),
                state.lastAcceptedAccuracy(), fix, now);
    }

    /** Classifies {@code fix} against the last accepted fix given as plain numbers (no pointer chasing). */
    private FixClass classify(boolean hasLast, long s1, int n1, double lat1, double lon1, double acc1, Fix fix,
                              Instant now) {
        if (fix.time().isAfter(now.plus(policy.maxFutureSkew()))) {
            return FixClass.FUTURE;
        }
        if (!hasLast) {
            return FixClass.ACCEPTED;
        }
        long s2 = fix.time().getEpochSecond();
        int n2 = fix.time().getNano();
        if (s2 < s1 || s2 == s1 && n2 <= n1) {
            return FixClass.LATE;
        }
        // Exactly Duration.between(last, time).toNanos().
        double seconds = Math.addExact(Math.multiplyExact(s2 - s1, 1_000_000_000L), n2 - n1) / 1e9;
        // Both positions may be off by their accuracy: only distance beyond that proves speed.
        double slack = acc1 + fix.accuracyMeters();
        double maxMeters = policy.maxSpeedMetersPerSecond() * seconds + slack;
        // Cheap bounds first, so most fixes need no geodesic: a degree of latitude is 110.57–111.70 km,
        // a degree of longitude at most 111.70 km × cos(the smallest |latitude| on the way).
        double lat2 = fix.position().lat();
        double dLatDeg = Math.abs(lat2 - lat1);
        if (dLatDeg * 110_574 > maxMeters) {
            return FixClass.IMPLAUSIBLE_SPEED;
        }
        double dLonDeg = Math.abs(fix.position().lon() - lon1);
        if (dLonDeg > 180) {
            dLonDeg = 360 - dLonDeg;
        }
        double minAbsLat = Math.signum(lat1) != Math.signum(lat2) ? 0 : Math.min(Math.abs(lat1), Math.abs(lat2));
        double upper = dLatDeg * 111_700 + dLonDeg * 111_700 * Math.cos(Math.toRadians(minAbsLat));
        if (upper <= maxMeters) {
            return FixClass.ACCEPTED;
        }
        double meters = Geodesy.distanceMeters(new GeoPoint(lat1, lon1), fix.position());
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
