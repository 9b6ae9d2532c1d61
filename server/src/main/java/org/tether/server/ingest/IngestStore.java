package org.tether.server.ingest;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.tether.geofence.eval.PossibleCrossing;
import org.tether.geofence.eval.ViolationChange;
import org.tether.server.alert.Alert;
import org.tether.server.alert.AlertRepository;
import org.tether.server.alert.AlertType;
import org.tether.server.alert.Severity;
import org.tether.server.geofence.EvaluatedFix;

/**
 * Commits what one message produced — positions, the person's geofence state after them, the alerts
 * they raised or cleared, refused fixes —
 * in one transaction, so a crash leaves either all of it or none (and the unacknowledged message is
 * redelivered).
 */
public final class IngestStore {

    private final Pool pool;
    private final PositionWriter positions;
    private final AlertRepository alerts;
    private final DeadLetterRepository deadLetters;
    private final GeofenceStateRepository states;

    public IngestStore(Pool pool, PositionWriter positions, AlertRepository alerts, DeadLetterRepository deadLetters,
                       GeofenceStateRepository states) {
        this.pool = pool;
        this.positions = positions;
        this.alerts = alerts;
        this.deadLetters = deadLetters;
        this.states = states;
    }

    /** @return the alerts that changed, in the order the changes happened */
    public Future<List<Alert>> commit(IngestBatch batch) {
        return pool.withTransaction(tx -> positions
                .insert(tx, batch.deviceId(), batch.personId(), batch.receivedAt().atOffset(ZoneOffset.UTC), batch.fixes())
                .compose(inserted -> deadLetters.store(tx, batch.refused()))
                .compose(v -> states.save(tx, batch.personId(), batch.stateAfter()))
                .compose(v -> applyChanges(tx, batch)));
    }

    public Future<Void> deadLetter(DeadLetter letter) {
        return deadLetters.store(pool, List.of(letter));
    }

    private Future<List<Alert>> applyChanges(SqlConnection tx, IngestBatch batch) {
        List<Alert> changed = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (EvaluatedFix f : batch.fixes()) {
            for (ViolationChange c : f.changes()) {
                AlertType type = AlertType.valueOf(c.type().name());
                chain = chain.compose(v -> c.started()
                        ? alerts.raise(tx, batch.personId(), type, c.zoneId(), c.since(), c.at(), c.rule())
                                .map(a -> {
                                    changed.add(a);
                                    return null;
                                })
                        : alerts.clearCondition(tx, batch.personId(), type, c.zoneId(), c.at())
                                .map(a -> {
                                    a.ifPresent(changed::add);
                                    return null;
                                }));
            }
            for (PossibleCrossing c : f.possibleCrossings()) {
                long minutes = Duration.between(c.fromTime(), c.toTime()).toMinutes();
                String rule = "possible crossing: the straight path between two fixes " + minutes
                        + " min apart passes through the exclusion zone; neither fix is inside it";
                chain = chain.compose(v -> alerts.raise(tx, batch.personId(), AlertType.EXCLUSION_ZONE_ENTRY,
                                Severity.MEDIUM, c.zoneId(), AlertRepository.dedupKey(AlertType.EXCLUSION_ZONE_ENTRY,
                                        c.zoneId()) + ":possible", c.fromTime(), c.toTime(), rule)
                        .map(a -> {
                            changed.add(a);
                            return null;
                        }));
            }
        }
        return chain.map(v -> changed);
    }
}
