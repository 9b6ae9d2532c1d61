package org.tether.server.geofence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tether.gateway.decode.DeviceFix;
import org.tether.geofence.eval.Evaluation;
import org.tether.geofence.eval.GeofenceEvaluator;
import org.tether.geofence.eval.PersonGeofenceState;
import org.tether.geofence.zone.PersonRules;

/**
 * Runs the geofence engine over one message's fixes for one person, oldest first (phones upload
 * backlogs in any order), starting from the state the caller loaded. Stateless and thread-safe: the
 * state lives in the database and is passed in and out.
 */
public final class PersonFixEvaluator {

    private final GeofenceEvaluator evaluator;

    public PersonFixEvaluator(GeofenceEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    public PersonEvaluation evaluate(PersonGeofenceState state, List<DeviceFix> fixes, PersonRules rules, Instant now) {
        List<DeviceFix> ordered = new ArrayList<>(fixes);
        ordered.sort(Comparator.comparing(f -> f.fix().time()));
        List<EvaluatedFix> out = new ArrayList<>(ordered.size());
        for (DeviceFix f : ordered) {
            Evaluation e = evaluator.evaluate(state, f.fix(), rules, now);
            state = e.state();
            out.add(new EvaluatedFix(f, e.fixClass(), e.changes(), e.possibleCrossings()));
        }
        return new PersonEvaluation(out, state);
    }
}
