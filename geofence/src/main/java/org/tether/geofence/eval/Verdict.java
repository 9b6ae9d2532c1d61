package org.tether.geofence.eval;

/**
 * What one fix says about one zone. UNCERTAIN means the accuracy circle (plus buffer) straddles the
 * boundary: the fix cannot tell, so it never flips a state by itself.
 */
public enum Verdict {
    INSIDE,
    OUTSIDE,
    UNCERTAIN
}
