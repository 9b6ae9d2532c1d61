package org.tether.server.ingest;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tether.gateway.decode.DeviceEvent;
import org.tether.geofence.eval.PersonGeofenceState;
import org.tether.geofence.eval.PossibleCrossing;
import org.tether.geofence.eval.ViolationChange;
import org.tether.server.alert.Alert;
import org.tether.server.alert.AlertRepository;
import org.tether.server.alert.AlertType;
import org.tether.server.alert.EventAlertRules;
import org.tether.server.alert.Severity;
import org.tether.server.geofence.EvaluatedFix;

/**
 * Commits what a group of messages produced — positions, device events, each person's geofence state
 * after them, the alerts they raised or cleared, refused input — in one transaction, so a crash
 * leaves either all of it or none (and the unacknowledged messages are redelivered).
 */
public final class IngestStore {

    private final Pool pool;
    private final PositionWriter positions;
    private final EventWriter events;
    private final AlertRepository alerts;
    private final DeadLetterRepository deadLetters;
    private final GeofenceStateRepository states;

    public IngestStore(Pool pool, PositionWriter positions, EventWriter events, AlertRepository alerts,
                       DeadLetterRepository deadLetters, GeofenceStateRepository states) {
        this.pool = pool;
        this.positions = positions;
        this.events = events;
        this.alerts = alerts;
        this.deadLetters = deadLetters;
        this.states = states;
    }

    /** @return per batch, in order, the alerts it changed, in the order the changes happened */
    public Future<List<List<Alert>>> commit(List<IngestBatch> batches) {
        return pool.withTransaction(tx -> positions.insert(tx, batches)
                .compose(inserted -> deadLetters.store(tx, batches.stream().flatMap(b -> b.refused().stream()).toList()))
                .compose(v -> saveStates(tx, batches))
                .compose(v -> events.insert(tx, batches))
                .compose(newEvents -> applyChanges(tx, batches, newEvents)));
    }

    /** The last state per person in the group: earlier ones are superseded within the same transaction. */
    private Future<Void> saveStates(SqlConnection tx, List<IngestBatch> batches) {
        Map<UUID, PersonGeofenceState> last = new LinkedHashMap<>();
        for (IngestBatch b : batches) {
            if (b.personId() != null && b.stateAfter() != null) {
                last.put(b.personId(), b.stateAfter());
            }
        }
        Future<Void> chain = Future.succeededFuture();
        for (Map.Entry<UUID, PersonGeofenceState> e : last.entrySet()) {
            chain = chain.compose(v -> states.save(tx, e.getKey(), e.getValue()));
        }
        return chain;
    }

    private Future<List<List<Alert>>> applyChanges(SqlConnection tx, List<IngestBatch> batches,
                                                   Map<EventWriter.Key, Long> newEvents) {
        List<List<Alert>> changedPerBatch = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (IngestBatch batch : batches) {
            List<Alert> changed = new ArrayList<>();
            changedPerBatch.add(changed);
            for (EvaluatedFix f : batch.fixes()) {
                for (ViolationChange c : f.changes()) {
                    chain = chain.compose(v -> geofenceChange(tx, batch, c)).map(a -> add(changed, a));
                }
                for (PossibleCrossing c : f.possibleCrossings()) {
                    chain = chain.compose(v -> possibleCrossing(tx, batch, c)).map(a -> add(changed, Optional.of(a)));
                }
            }
            for (DeviceEvent e : batch.events()) {
                Long eventId = newEvents.get(new EventWriter.Key(batch.deviceId(), e.type().name(), e.time()));
                if (eventId == null || batch.personId() == null) {
                    continue; // a redelivered event: its alert effect is already committed
                }
                Optional<EventAlertRules.Action> action = EventAlertRules.forEvent(e.type(), batch.deviceKind());
                if (action.isPresent()) {
                    chain = chain.compose(v -> eventChange(tx, batch, e, eventId, action.get()))
                            .map(a -> add(changed, a));
                }
            }
        }
        return chain.map(v -> changedPerBatch);
    }

    private Future<Optional<Alert>> geofenceChange(SqlConnection tx, IngestBatch batch, ViolationChange c) {
        AlertType type = AlertType.valueOf(c.type().name());
        return c.started()
                ? alerts.raise(tx, batch.personId(), type, c.zoneId(), c.since(), c.at(), c.rule()).map(Optional::of)
                : alerts.clearCondition(tx, batch.personId(), type, c.zoneId(), c.at());
    }

    private Future<Alert> possibleCrossing(SqlConnection tx, IngestBatch batch, PossibleCrossing c) {
        long minutes = Duration.between(c.fromTime(), c.toTime()).toMinutes();
        String rule = "possible crossing: the straight path between two fixes " + minutes
                + " min apart passes through the exclusion zone; neither fix is inside it";
        return alerts.raise(tx, batch.personId(), AlertType.EXCLUSION_ZONE_ENTRY, Severity.MEDIUM, c.zoneId(),
                AlertRepository.dedupKey(AlertType.EXCLUSION_ZONE_ENTRY, c.zoneId()) + ":possible", c.fromTime(),
                c.toTime(), rule);
    }

    private Future<Optional<Alert>> eventChange(SqlConnection tx, IngestBatch batch, DeviceEvent e, long eventId,
                                                EventAlertRules.Action action) {
        if (action.raise()) {
            return alerts.raiseFromEvent(tx, batch.personId(), action.type(), batch.deviceId(), e.time(), eventId,
                    "device " + batch.deviceId() + " reported " + e.type()).map(Optional::of);
        }
        return alerts.clearCondition(tx, batch.personId(), AlertRepository.deviceKey(action.type(), batch.deviceId()),
                e.time());
    }

    private static Void add(List<Alert> changed, Optional<Alert> alert) {
        alert.ifPresent(changed::add);
        return null;
    }
}
