package org.tether.geofence.eval;

import java.util.List;

/** The outcome of evaluating one fix: how it was classified, the person's next state, and what changed. */
public record Evaluation(FixClass fixClass, PersonGeofenceState state, List<ViolationChange> changes) {

    public Evaluation {
        changes = List.copyOf(changes);
    }
}
