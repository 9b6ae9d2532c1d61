package org.tether.server.ingest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.tether.geofence.eval.PersonGeofenceState;
import org.tether.server.geofence.EvaluatedFix;

/**
 * One message's worth of work for the store: its evaluated fixes, the person's geofence state after
 * them, and the fixes refused within it.
 */
public record IngestBatch(String topic, String deviceId, UUID personId, Instant receivedAt,
                          List<EvaluatedFix> fixes, PersonGeofenceState stateAfter, List<DeadLetter> refused) {

    public IngestBatch {
        fixes = List.copyOf(fixes);
        refused = List.copyOf(refused);
    }
}
