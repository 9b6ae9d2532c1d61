package org.tether.geofence.eval;

import org.tether.geofence.zone.PreparedZone;

/**
 * The human-readable statement of a rule, for an alert's evidence. Built only when a violation starts
 * or ends (a few fixes in a hundred), never on the per-fix path. Stateless and thread-safe.
 */
final class RuleText {

    private RuleText() {
    }

    static String outside(HysteresisPolicy h) {
        return "outside every inclusion zone and active leave area by more than accuracy + "
                + fmt(h.bufferMeters()) + " m for " + dwell(h);
    }

    static String inside(PreparedZone zone, HysteresisPolicy h) {
        return "inside exclusion zone '" + zone.zone().name() + "' by more than accuracy + " + fmt(h.bufferMeters())
                + " m for " + dwell(h);
    }

    static String home(HysteresisPolicy h) {
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
