package org.tether.geofence.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.tether.geofence.fix.Fix;
import org.tether.geofence.geo.Geodesy;
import org.tether.geofence.rule.LeavePermit;
import org.tether.geofence.zone.BoundaryProximity;
import org.tether.geofence.zone.PersonRules;
import org.tether.geofence.zone.PreparedZone;

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

    public Evaluation evaluate(PersonGeofenceState state, Fix fix, PersonRules rules, Instant now) {
        FixClass fixClass = classify(state, fix, now);
        if (fixClass != FixClass.ACCEPTED) {
            return new Evaluation(fixClass, state, List.of());
        }
        TrackUpdates tracks = new TrackUpdates(state.tracks());
        List<ViolationChange> changes = new ArrayList<>(1);
        List<PossibleCrossing> crossings = List.of();

        if (!rules.inclusion().isEmpty()) {
            Verdict verdict = inclusionVerdict(fix, rules);
            advance(tracks, state, PersonGeofenceState.INCLUSION_TRACK, verdict, fix, policy.inclusion(),
                    Presence.INSIDE, ViolationType.OUT_OF_AREA, null, outsideRule(policy.inclusion()), changes);
        }
        List<PreparedZone> near = rules.exclusion();
        if (!near.isEmpty()) {
            Envelope box = box(fix, fix.accuracyMeters() + policy.exclusion().bufferMeters());
            if (state.lastAcceptedPosition() != null) {
                box.expandToInclude(state.lastAcceptedPosition().lon(), state.lastAcceptedPosition().lat());
            }
            near = rules.exclusionsNear(box);
            if (near.size() < rules.exclusion().size()) {
                leaveDistantZones(tracks, state, fix, rules, near, changes);
            }
        }
        for (PreparedZone zone : near) {
            String key = zone.trackKey();
            Verdict verdict = verdict(zone.locate(fix.position(), fix.accuracyMeters() + policy.exclusion().bufferMeters()));
            advance(tracks, state, key, verdict, fix, policy.exclusion(), Presence.OUTSIDE,
                    ViolationType.EXCLUSION_ZONE_ENTRY, zone, insideRule(zone, policy.exclusion()), changes);
            if (state.lastAcceptedPosition() != null && verdict == Verdict.OUTSIDE
                    && state.track(key).confirmed() != Presence.INSIDE
                    && !zone.covers(state.lastAcceptedPosition())
                    && zone.crossedBy(state.lastAcceptedPosition(), fix.position())) {
                if (crossings.isEmpty()) {
                    crossings = new ArrayList<>(1);
                }
                crossings.add(new PossibleCrossing(zone.zone().id(), state.lastAcceptedTime(),
                        state.lastAcceptedPosition(), fix.time(), fix.position()));
            }
        }
        if (rules.home() != null && rules.curfew() != null) {
            curfew(tracks, state, fix, rules, changes);
        }
        PersonGeofenceState next = new PersonGeofenceState(fix.time(), fix.position(), fix.accuracyMeters(),
                tracks.result());
        return new Evaluation(FixClass.ACCEPTED, next, changes, crossings);
    }

    /**
     * Zones the index did not return are far from the fix: outside, surely. Only tracks not already
     * at rest outside need to hear it (a pending entry resets, a confirmed one ends).
     */
    private void leaveDistantZones(TrackUpdates tracks, PersonGeofenceState state, Fix fix, PersonRules rules,
                                   List<PreparedZone> near, List<ViolationChange> changes) {
        for (Map.Entry<String, ZoneTrack> e : state.tracks().entrySet()) {
            ZoneTrack t = e.getValue();
            if (t.confirmed() != Presence.INSIDE && t.pending() == null) {
                continue;
            }
            PreparedZone zone = rules.exclusionByKey(e.getKey());
            if (zone == null || near.contains(zone)) {
                continue;
            }
            advance(tracks, state, e.getKey(), Verdict.OUTSIDE, fix, policy.exclusion(), Presence.OUTSIDE,
                    ViolationType.EXCLUSION_ZONE_ENTRY, zone, insideRule(zone, policy.exclusion()), changes);
        }
    }

    /** The lon/lat box of {@code meters} around the fix, a little generous. */
    private static Envelope box(Fix fix, double meters) {
        double lat = fix.position().lat();
        double dLat = meters * 1.01 / Geodesy.metersPerDegreeLat(lat);
        double dLon = meters * 1.01 / Math.max(1e-6, Geodesy.metersPerDegreeLon(Math.min(89.9, Math.abs(lat) + dLat)));
        return new Envelope(fix.position().lon() - dLon, fix.position().lon() + dLon, lat - dLat, lat + dLat);
    }

    /** While a window is on, the home zone is an inclusion rule; when it goes off, a breach ends. */
    private void curfew(TrackUpdates tracks, PersonGeofenceState state, Fix fix, PersonRules rules,
                        List<ViolationChange> changes) {
        String key = PersonGeofenceState.CURFEW_TRACK;
        String rule = homeRule(policy.home());
        if (rules.curfew().isActiveAt(fix.time())) {
            Verdict verdict = verdict(rules.home().locate(fix.position(),
                    fix.accuracyMeters() + policy.home().bufferMeters()));
            advance(tracks, state, key, verdict, fix, policy.home(), Presence.INSIDE, ViolationType.CURFEW_BREACH,
                    rules.home(), rule, changes);
        } else if (tracks.remove(key) && state.track(key).confirmed() == Presence.OUTSIDE) {
            changes.add(new ViolationChange(ViolationType.CURFEW_BREACH, false, rules.home().zone().id(), fix.time(),
                    fix.time(), rule + " (window closed)"));
        }
    }

    /**
     * Moves one track with the verdict and records a started or ended violation when the confirmed
     * side changes to or from the violating side.
     */
    private static void advance(TrackUpdates tracks, PersonGeofenceState state, String key, Verdict verdict,
                                Fix fix, HysteresisPolicy h, Presence compliant, ViolationType type,
                                PreparedZone zone, String rule, List<ViolationChange> changes) {
        ZoneTrack before = state.track(key);
        ZoneTrack after = before.next(verdict, fix.time(), h, compliant);
        if (after != before) {
            tracks.put(key, after);
        }
        if (after.confirmed() == before.confirmed()) {
            return;
        }
        Presence violating = compliant == Presence.INSIDE ? Presence.OUTSIDE : Presence.INSIDE;
        Instant since = before.pendingSince() != null ? before.pendingSince() : fix.time();
        java.util.UUID zoneId = zone == null ? null : zone.zone().id();
        if (after.confirmed() == violating) {
            changes.add(new ViolationChange(type, true, zoneId, since, fix.time(), rule));
        } else if (before.confirmed() == violating) {
            changes.add(new ViolationChange(type, false, zoneId, since, fix.time(), rule));
        }
    }

    private FixClass classify(PersonGeofenceState state, Fix fix, Instant now) {
        if (fix.time().isAfter(now.plus(policy.maxFutureSkew()))) {
            return FixClass.FUTURE;
        }
        if (state.lastAcceptedTime() == null) {
            return FixClass.ACCEPTED;
        }
        if (!fix.time().isAfter(state.lastAcceptedTime())) {
            return FixClass.LATE;
        }
        double seconds = Duration.between(state.lastAcceptedTime(), fix.time()).toNanos() / 1e9;
        // Both positions may be off by their accuracy: only distance beyond that proves speed.
        double slack = state.lastAcceptedAccuracy() + fix.accuracyMeters();
        double maxMeters = policy.maxSpeedMetersPerSecond() * seconds + slack;
        // Cheap bounds first, so most fixes need no geodesic: a degree of latitude is 110.57–111.70 km,
        // a degree of longitude at most 111.70 km × cos(the smallest |latitude| on the way).
        double lat1 = state.lastAcceptedPosition().lat();
        double lat2 = fix.position().lat();
        double dLatDeg = Math.abs(lat2 - lat1);
        if (dLatDeg * 110_574 > maxMeters) {
            return FixClass.IMPLAUSIBLE_SPEED;
        }
        double dLonDeg = Math.abs(fix.position().lon() - state.lastAcceptedPosition().lon());
        if (dLonDeg > 180) {
            dLonDeg = 360 - dLonDeg;
        }
        double minAbsLat = Math.signum(lat1) != Math.signum(lat2) ? 0 : Math.min(Math.abs(lat1), Math.abs(lat2));
        double upper = dLatDeg * 111_700 + dLonDeg * 111_700 * Math.cos(Math.toRadians(minAbsLat));
        if (upper <= maxMeters) {
            return FixClass.ACCEPTED;
        }
        double meters = Geodesy.distanceMeters(state.lastAcceptedPosition(), fix.position());
        return meters > maxMeters ? FixClass.IMPLAUSIBLE_SPEED : FixClass.ACCEPTED;
    }

    /**
     * Inside if the union of inclusion zones (or an active leave area) surely holds the whole circle;
     * outside only if none of them touches it.
     */
    private Verdict inclusionVerdict(Fix fix, PersonRules rules) {
        double margin = fix.accuracyMeters() + policy.inclusion().bufferMeters();
        boolean allOutside = true;
        PreparedZone union = rules.inclusionUnion();
        if (union != null) {
            BoundaryProximity p = union.locate(fix.position(), margin);
            if (p == BoundaryProximity.INSIDE) {
                return Verdict.INSIDE;
            }
            allOutside = p == BoundaryProximity.OUTSIDE;
        }
        for (PreparedZone zone : rules.inclusion()) {
            if (union != null && !zone.zone().isCircle()) {
                continue; // already judged through the union
            }
            BoundaryProximity p = zone.locate(fix.position(), margin);
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
                BoundaryProximity p = area.locate(fix.position(), margin);
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

    private static String outsideRule(HysteresisPolicy h) {
        return "outside every inclusion zone and active leave area by more than accuracy + "
                + fmt(h.bufferMeters()) + " m for " + dwell(h);
    }

    private static String insideRule(PreparedZone zone, HysteresisPolicy h) {
        return "inside exclusion zone '" + zone.zone().name() + "' by more than accuracy + " + fmt(h.bufferMeters())
                + " m for " + dwell(h);
    }

    private static String homeRule(HysteresisPolicy h) {
        return "away from home by more than accuracy + " + fmt(h.bufferMeters()) + " m during a curfew window for "
                + dwell(h);
    }

    private static String dwell(HysteresisPolicy h) {
        return h.dwellFixes() + " fixes and " + h.dwellTime().toSeconds() + " s";
    }

    private static String fmt(double meters) {
        return meters == Math.rint(meters) ? Long.toString((long) meters) : Double.toString(meters);
    }
}
