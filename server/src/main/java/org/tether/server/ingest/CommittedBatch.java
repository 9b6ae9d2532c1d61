package org.tether.server.ingest;

import java.util.List;
import org.tether.server.alert.Alert;
import org.tether.server.geofence.EvaluatedFix;

/**
 * What one batch came to once its transaction committed: the alerts it changed, its fixes as the
 * geofence engine classified them (oldest first), and — only for a batch that asked
 * ({@link IngestBatch#reportStored()}) — which of those fixes were new rows rather than duplicates.
 *
 * @param stored aligned with {@code fixes}: true = inserted now, false = already stored (a duplicate);
 *     empty when the batch did not ask
 */
public record CommittedBatch(List<Alert> alerts, List<EvaluatedFix> fixes, List<Boolean> stored) {

    public CommittedBatch {
        alerts = List.copyOf(alerts);
        fixes = List.copyOf(fixes);
        stored = List.copyOf(stored);
    }
}
