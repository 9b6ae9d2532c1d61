package org.tether.server.geofence;

import java.util.List;
import org.tether.geofence.eval.FixClass;
import org.tether.geofence.eval.ViolationChange;
import org.tether.gateway.decode.DeviceFix;

/** A fix with the engine's verdict on it: how it was classified and what rule changes it confirmed. */
public record EvaluatedFix(DeviceFix fix, FixClass fixClass, List<ViolationChange> changes) {

    public EvaluatedFix {
        changes = List.copyOf(changes);
    }
}
