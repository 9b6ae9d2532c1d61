package org.tether.server.ingest;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.tether.gateway.decode.DeviceEvent;
import org.tether.geofence.eval.PersonGeofenceState;
import org.tether.geofence.eval.PossibleCrossing;
import org.tether.geofence.eval.ViolationChange;
import org.tether.geofence.zone.ZoneSnapshot;
import org.tether.server.alert.Alert;
import org.tether.server.alert.AlertRepository;
import org.tether.server.alert.AlertType;
import org.tether.server.alert.EventAlertRules;
import org.tether.server.alert.Severity;
import org.tether.server.geofence.EvaluatedFix;
import org.tether.server.geofence.PersonEvaluation;
import org.tether.server.geofence.PersonFixEvaluator;
import org.tether.server.registry.LiveRegistry;

/**
 * Commits what a group of messages produced — positions, device events, each person's geofence state
 * after them, the alerts they raised or cleared, refused input — in one transaction, so a crash
 * leaves either all of it or none (and the unacknowledged messages are redelivered). The geofence
 * evaluation itself runs inside the transaction, against states locked there.
 */
public final class IngestStore {

    private final Pool pool;
    private final PositionWriter positions;
    private final EventWriter events;
    private final AlertRepository alerts;
    private final DeadLetterRepository deadLetters;
    private final GeofenceStateRepository states;
    private final PersonFixEvaluator evaluator;
    private final LiveRegistry registry;
    private final Clock clock;

    public IngestStore(Pool pool, PositionWriter positions, EventWriter events, AlertRepository alerts,
                       DeadLetterRepository deadLetters, GeofenceStateRepository states, PersonFixEvaluator evaluator,
                       LiveRegistry registry, Clock clock) {
        this.pool = pool;
        this.positions = positions;
        this.events = events;
        this.alerts = alerts;
        this.deadLetters = deadLetters;
        this.states = states;
        this.evaluator = evaluator;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Evaluates the group's fixes against their persons' row-locked geofence states and commits
     * everything. A retry after an outage evaluates again from the stored states, so it can neither
     * repeat nor skip a transition.
     *
     * @return per batch, in order: the alerts it changed (in the order the changes happened), its
     *     evaluated fixes and, when it asked, which of them were new
     */
    public Future<List<CommittedBatch>> commit(List<IngestBatch> batches) {
        Set<UUID> persons = new TreeSet<>();
        batches.stream().filter(b -> !b.fixes().isEmpty()).forEach(b -> persons.add(b.personId()));
        boolean report = batches.stream().anyMatch(IngestBatch::reportStored);
        return pool.withTransaction(tx -> states.lockAndLoad(tx, persons).compose(loaded -> {
            Map<UUID, PersonGeofenceState> current = new HashMap<>(loaded);
            List<List<EvaluatedFix>> evaluated = evaluate(batches, current);
            // The writes do not depend on each other: issued together, the connection pipelines them, so
            // they cost one round trip instead of one each (on a busy machine a round trip is what a
            // commit waits for most). A failure aborts the transaction, and the first error is reported.
            // Only a group holding an upload that must answer per fix pays for returning the new rows' keys.
            Future<List<PositionWriter.Key>> inserted = report ? positions.insertReporting(tx, batches, evaluated)
                    : positions.insert(tx, batches, evaluated).map(n -> List.of());
            Future<Void> refused = deadLetters.store(tx, batches.stream().flatMap(b -> b.refused().stream()).toList());
            Future<Void> saved = states.saveAll(tx, current);
            Future<Map<EventWriter.Key, Long>> newEvents = events.insert(tx, batches);
            return Future.all(inserted, refused, saved, newEvents)
                    .compose(v -> applyChanges(tx, batches, evaluated, newEvents.result()))
                    .map(alerts -> committed(batches, evaluated, alerts, report ? inserted.result() : null));
        }));
    }

    private static List<CommittedBatch> committed(List<IngestBatch> batches, List<List<EvaluatedFix>> evaluated,
                                                  List<List<Alert>> alerts, List<PositionWriter.Key> newRows) {
        Set<PositionWriter.Key> unclaimed = newRows == null ? Set.of() : new HashSet<>(newRows);
        List<CommittedBatch> out = new ArrayList<>(batches.size());
        for (int i = 0; i < batches.size(); i++) {
            List<Boolean> stored = new ArrayList<>();
            if (newRows != null) {
                // Every batch claims its new rows in statement order, so of equal keys the first one is "new".
                for (EvaluatedFix f : evaluated.get(i)) {
                    boolean isNew = unclaimed.remove(new PositionWriter.Key(batches.get(i).deviceId(),
                            f.fix().fix().time()));
                    if (batches.get(i).reportStored()) {
                        stored.add(isNew);
                    }
                }
            }
            out.add(new CommittedBatch(alerts.get(i), evaluated.get(i), stored));
        }
        return out;
    }

    private List<List<EvaluatedFix>> evaluate(List<IngestBatch> batches, Map<UUID, PersonGeofenceState> current) {
        ZoneSnapshot zones = registry.current().zones();
        Instant now = clock.instant();
        List<List<EvaluatedFix>> out = new ArrayList<>(batches.size());
        for (IngestBatch b : batches) {
            if (b.fixes().isEmpty()) {
                out.add(List.of());
                continue;
            }
            PersonEvaluation e = evaluator.evaluate(current.getOrDefault(b.personId(), PersonGeofenceState.INITIAL),
                    b.fixes(), zones.zonesFor(b.personId()), now);
            current.put(b.personId(), e.stateAfter());
            out.add(e.fixes());
        }
        return out;
    }

    private Future<List<List<Alert>>> applyChanges(SqlConnection tx, List<IngestBatch> batches,
                                                   List<List<EvaluatedFix>> evaluated,
                                                   Map<EventWriter.Key, Long> newEvents) {
        List<List<Alert>> changedPerBatch = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (int i = 0; i < batches.size(); i++) {
            IngestBatch batch = batches.get(i);
            List<Alert> changed = new ArrayList<>();
            changedPerBatch.add(changed);
            for (EvaluatedFix f : evaluated.get(i)) {
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
