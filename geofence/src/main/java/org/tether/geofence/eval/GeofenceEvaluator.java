package org.tether.geofence.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tether.geofence.fix.Fix;
import org.tether.geofence.geo.Geodesy;
import org.tether.geofence.zone.BoundaryProximity;
import org.tether.geofence.zone.PersonZones;
import org.tether.geofence.zone.PreparedZone;

/**
 * Evaluates one fix of one person against their zones: classifies the fix, derives an
 * accuracy-aware verdict per rule, advances the hysteresis state and reports confirmed changes.
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

    public Evaluation evaluate(PersonGeofenceState state, Fix fix, PersonZones zones, Instant now) {
        FixClass fixClass = classify(state, fix, now);
        if (fixClass != FixClass.ACCEPTED) {
            return new Evaluation(fixClass, state, List.of());
        }
        Map<String, ZoneTrack> tracks = new HashMap<>(state.tracks());
        List<ViolationChange> changes = new ArrayList<>();

        if (!zones.inclusion().isEmpty()) {
            Verdict verdict = inclusionVerdict(fix, zones.inclusion());
            ZoneTrack before = state.track(PersonGeofenceState.INCLUSION_TRACK);
            ZoneTrack after = before.next(verdict, fix.time(), policy.inclusion(), Presence.INSIDE);
            tracks.put(PersonGeofenceState.INCLUSION_TRACK, after);
            if (after.confirmed() != before.confirmed()) {
                if (after.confirmed() == Presence.OUTSIDE) {
                    changes.add(new ViolationChange(ViolationType.OUT_OF_AREA, true, null, since(before, fix), fix.time(),
                            outsideRule(policy.inclusion())));
                } else if (before.confirmed() == Presence.OUTSIDE) {
                    changes.add(new ViolationChange(ViolationType.OUT_OF_AREA, false, null, since(before, fix), fix.time(),
                            outsideRule(policy.inclusion())));
                }
            }
        }
        for (PreparedZone zone : zones.exclusion()) {
            String key = zone.zone().id().toString();
            Verdict verdict = verdict(zone.locate(fix.position(), fix.accuracyMeters() + policy.exclusion().bufferMeters()));
            ZoneTrack before = state.track(key);
            ZoneTrack after = before.next(verdict, fix.time(), policy.exclusion(), Presence.OUTSIDE);
            tracks.put(key, after);
            if (after.confirmed() != before.confirmed()) {
                if (after.confirmed() == Presence.INSIDE) {
                    changes.add(new ViolationChange(ViolationType.EXCLUSION_ZONE_ENTRY, true, zone.zone().id(),
                            since(before, fix), fix.time(), insideRule(zone, policy.exclusion())));
                } else if (before.confirmed() == Presence.INSIDE) {
                    changes.add(new ViolationChange(ViolationType.EXCLUSION_ZONE_ENTRY, false, zone.zone().id(),
                            since(before, fix), fix.time(), insideRule(zone, policy.exclusion())));
                }
            }
        }
        PersonGeofenceState next = new PersonGeofenceState(fix.time(), fix.position(), fix.accuracyMeters(), tracks);
        return new Evaluation(FixClass.ACCEPTED, next, changes);
    }

    private static Instant since(ZoneTrack before, Fix fix) {
        return before.pendingSince() != null ? before.pendingSince() : fix.time();
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
        double meters = Geodesy.distanceMeters(state.lastAcceptedPosition(), fix.position())
                - state.lastAcceptedAccuracy() - fix.accuracyMeters();
        if (meters > 0 && meters / seconds > policy.maxSpeedMetersPerSecond()) {
            return FixClass.IMPLAUSIBLE_SPEED;
        }
        return FixClass.ACCEPTED;
    }

    /** Inside if any inclusion zone surely holds the whole circle; outside only if none touches it. */
    private Verdict inclusionVerdict(Fix fix, List<PreparedZone> inclusion) {
        double margin = fix.accuracyMeters() + policy.inclusion().bufferMeters();
        boolean allOutside = true;
        for (PreparedZone zone : inclusion) {
            BoundaryProximity p = zone.locate(fix.position(), margin);
            if (p == BoundaryProximity.INSIDE) {
                return Verdict.INSIDE;
            }
            allOutside &= p == BoundaryProximity.OUTSIDE;
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
        return "outside every inclusion zone by more than accuracy + " + fmt(h.bufferMeters()) + " m for "
                + h.dwellFixes() + " fixes and " + h.dwellTime().toSeconds() + " s";
    }

    private static String insideRule(PreparedZone zone, HysteresisPolicy h) {
        return "inside exclusion zone '" + zone.zone().name() + "' by more than accuracy + " + fmt(h.bufferMeters())
                + " m for " + h.dwellFixes() + " fixes and " + h.dwellTime().toSeconds() + " s";
    }

    private static String fmt(double meters) {
        return meters == Math.rint(meters) ? Long.toString((long) meters) : Double.toString(meters);
    }
}
