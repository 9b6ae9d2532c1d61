package org.tether.geofence.eval;

import java.util.List;

/**
 * The outcome of evaluating one fix: how it was classified, the person's next state, what changed,
 * and exclusion zones the path since the previous fix may have crossed.
 */
public record Evaluation(FixClass fixClass, PersonGeofenceState state, List<ViolationChange> changes,
                         List<PossibleCrossing> possibleCrossings) {

    public Evaluation {
        changes = List.copyOf(changes);
        possibleCrossings = List.copyOf(possibleCrossings);
    }

    public Evaluation(FixClass fixClass, PersonGeofenceState state, List<ViolationChange> changes) {
        this(fixClass, state, changes, List.of());
    }
}
