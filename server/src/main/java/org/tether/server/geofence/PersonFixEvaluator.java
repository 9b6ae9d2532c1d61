package org.tether.server.geofence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tether.gateway.decode.DeviceFix;
import org.tether.geofence.eval.Evaluation;
import org.tether.geofence.eval.GeofenceEvaluator;
import org.tether.geofence.eval.PersonGeofenceState;
import org.tether.geofence.zone.PersonRules;
import org.tether.geofence.zone.ZoneSnapshot;

/**
 * Runs the geofence engine over each person's fixes in time order and keeps each person's state
 * between messages. The state is restored from the database at start ({@link #restore}) and the
 * state after each message is committed with that message's fixes, so a restart neither repeats
 * nor loses a transition.
 *
 * <p>Not thread-safe by design: it belongs to the ingest verticle and is only touched from its event
 * loop, which receives messages in broker order.
 */
public final class PersonFixEvaluator {

    private final GeofenceEvaluator evaluator;
    private final Map<UUID, PersonGeofenceState> states = new HashMap<>();

    public PersonFixEvaluator(GeofenceEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    public void restore(Map<UUID, PersonGeofenceState> persisted) {
        states.putAll(persisted);
    }

    /** Evaluates a message's fixes for one person, oldest first (phones upload backlogs in any order). */
    public PersonEvaluation evaluate(UUID personId, List<DeviceFix> fixes, ZoneSnapshot zones, Instant now) {
        PersonRules rules = zones.zonesFor(personId);
        List<DeviceFix> ordered = new ArrayList<>(fixes);
        ordered.sort(Comparator.comparing(f -> f.fix().time()));
        PersonGeofenceState state = states.getOrDefault(personId, PersonGeofenceState.INITIAL);
        List<EvaluatedFix> out = new ArrayList<>(ordered.size());
        for (DeviceFix f : ordered) {
            Evaluation e = evaluator.evaluate(state, f.fix(), rules, now);
            state = e.state();
            out.add(new EvaluatedFix(f, e.fixClass(), e.changes(), e.possibleCrossings()));
        }
        states.put(personId, state);
        return new PersonEvaluation(out, state);
    }
}
