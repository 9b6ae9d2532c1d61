package org.tether.server.geofence;

import java.util.List;
import org.tether.geofence.eval.FixClass;
import org.tether.geofence.eval.PossibleCrossing;
import org.tether.geofence.eval.ViolationChange;
import org.tether.gateway.decode.DeviceFix;

/** A fix with the engine's verdict on it: its class, the rule changes it confirmed, possible crossings. */
public record EvaluatedFix(DeviceFix fix, FixClass fixClass, List<ViolationChange> changes,
                           List<PossibleCrossing> possibleCrossings) {

    public EvaluatedFix {
        changes = List.copyOf(changes);
        possibleCrossings = List.copyOf(possibleCrossings);
    }
}
