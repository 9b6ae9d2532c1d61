package org.tether.geofence.eval;

import java.util.List;

/**
 * What evaluating one fix against a {@link PersonStateTable} reports: how the fix was classified, the
 * violations it started or ended, and the exclusion zones the path since the previous fix may have crossed.
 * The person's next state is in the table. Fixes that report nothing share one instance per class, so the
 * common case allocates nothing. Immutable.
 */
public record FixOutcome(FixClass fixClass, List<ViolationChange> changes, List<PossibleCrossing> possibleCrossings) {

    private static final FixOutcome[] NOTHING = new FixOutcome[FixClass.values().length];

    static {
        for (FixClass c : FixClass.values()) {
            NOTHING[c.ordinal()] = new FixOutcome(c, List.of(), List.of());
        }
    }

    public FixOutcome {
        changes = List.copyOf(changes);
        possibleCrossings = List.copyOf(possibleCrossings);
    }

    /** A fix of class {@code c} that changed nothing: a shared instance. */
    public static FixOutcome nothing(FixClass c) {
        return NOTHING[c.ordinal()];
    }

    static FixOutcome of(Evaluation e) {
        return e.changes().isEmpty() && e.possibleCrossings().isEmpty() ? nothing(e.fixClass())
                : new FixOutcome(e.fixClass(), e.changes(), e.possibleCrossings());
    }
}
