package org.tether.server.geofence;

import java.util.List;
import org.tether.geofence.eval.PersonGeofenceState;

/** A message's fixes for one person, evaluated, and the person's state after the last of them. */
public record PersonEvaluation(List<EvaluatedFix> fixes, PersonGeofenceState stateAfter) {

    public PersonEvaluation {
        fixes = List.copyOf(fixes);
    }
}
