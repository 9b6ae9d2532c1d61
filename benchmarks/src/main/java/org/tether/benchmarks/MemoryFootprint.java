package org.tether.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.tether.benchmarks.data.CountyDataset;
import org.tether.geofence.eval.FixBatch;
import org.tether.geofence.eval.FixOutcome;
import org.tether.geofence.eval.PersonStateTable;
import org.tether.geofence.eval.FixClass;
import org.tether.geofence.eval.GeofenceEvaluator;
import org.tether.geofence.eval.GeofencePolicy;
import org.tether.geofence.eval.PersonGeofenceState;
import org.tether.geofence.fix.Fix;
import org.tether.geofence.zone.ZoneSnapshot;

/**
 * Heap held by the geofence engine for the benchmark county: the prepared {@link ZoneSnapshot} (zone
 * geometries, prepared geometries and segment trees, per-person rules) and the per-person
 * {@link PersonGeofenceState}s after every person's fixes have been evaluated (so the lazily built JTS
 * indexes and the hysteresis tracks exist, as in steady state).
 *
 * <p>Measured by difference of the heap in use after full collections, dropping one structure at a
 * time, so that each figure is what that structure alone keeps alive.
 *
 * <pre>java -Xmx16g -cp benchmarks/target/tether-benchmarks.jar org.tether.benchmarks.MemoryFootprint [persons] [fixesPerPerson]</pre>
 */
public final class MemoryFootprint {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private MemoryFootprint() {
    }

    public static void main(String[] args) {
        int persons = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int fixesPerPerson = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        CountyDataset.Config config = new CountyDataset.Config(CountyDataset.Config.DEFAULT_SEED, persons,
                fixesPerPerson);

        long t0 = System.nanoTime();
        CountyDataset dataset = CountyDataset.generate(config);
        long t1 = System.nanoTime();
        long withDataset = usedAfterGc();
        ZoneSnapshot snapshot = dataset.buildSnapshot();
        long t2 = System.nanoTime();
        long withSnapshot = usedAfterGc();

        GeofenceEvaluator evaluator = new GeofenceEvaluator(GeofencePolicy.defaults());
        // The states as the ingest fast path holds them: a table by person index.
        PersonStateTable states = new PersonStateTable(snapshot.personIndexBound());
        java.util.UUID[] personIds = dataset.personIds();
        String[] deviceIds = dataset.deviceIds();
        CountyDataset.Fixes fixes = dataset.fixes();
        Map<FixClass, Long> classes = new EnumMap<>(FixClass.class);
        long changes = 0;
        long crossings = 0;
        long t3 = System.nanoTime();
        // Through the batch path, as GeofenceEvaluationBenchmark.evaluateBatch (fixes added as numbers): batches of consecutive fixes,
        // each evaluated at its newest fix's time.
        FixBatch batch = new FixBatch(GeofenceEvaluationBenchmark.BATCH);
        for (int i = 0; i < fixes.size(); i++) {
            int p = fixes.person[i];
            long second = fixes.epochSecond(i, 0);
            batch.add(snapshot.personIndex(personIds[p]), deviceIds[p], second, 0, fixes.lat[i], fixes.lon[i],
                    fixes.accuracy[i], fixes.source(i));
            if (batch.isFull() || i == fixes.size() - 1) {
                evaluator.evaluate(states, batch, snapshot, Instant.ofEpochSecond(second));
                for (int j = 0; j < batch.size(); j++) {
                    FixOutcome ev = batch.outcome(j);
                    classes.merge(ev.fixClass(), 1L, Long::sum);
                    changes += ev.changes().size();
                    crossings += ev.possibleCrossings().size();
                }
                batch.clear();
            }
        }
        long t4 = System.nanoTime();
        // The same stream one fix at a time into a second table (dropped before measuring): the verdicts must
        // not depend on batching.
        long[] single = replayFixByFix(evaluator, snapshot, personIds, deviceIds, fixes);
        System.out.printf(Locale.ROOT, "fix by fix: %,d accepted, %,d violation changes, %,d possible crossings"
                + " (%s the batch replay)%n", single[0], single[1], single[2],
                single[0] == classes.getOrDefault(FixClass.ACCEPTED, 0L) && single[1] == changes
                        && single[2] == crossings ? "same as" : "DIFFERENT FROM");
        long evaluated = usedAfterGc();
        states = null;
        long withoutStates = usedAfterGc();
        dataset = null;
        personIds = null;
        deviceIds = null;
        fixes = null;
        long snapshotOnly = usedAfterGc();
        if (snapshot.personCount() != persons) { // keeps the snapshot reachable up to here
            throw new IllegalStateException();
        }
        snapshot = null;
        long nothing = usedAfterGc();

        double scale = 100_000.0 / persons;
        long statesBytes = evaluated - withoutStates;
        long snapshotBytes = snapshotOnly - nothing;
        long lazyBytes = withoutStates - withSnapshot;
        long preparedEagerBytes = withSnapshot - withDataset;
        System.out.printf(Locale.ROOT, "persons: %,d; zones: %,d; fixes evaluated: %,d (%d per person)%n",
                persons, 1 + persons * (1 + CountyDataset.EXCLUSIONS_PER_PERSON), (long) persons * fixesPerPerson,
                fixesPerPerson);
        System.out.printf(Locale.ROOT, "generate dataset: %.1f s; build snapshot: %.1f s; evaluate all fixes once"
                + " (cold JIT): %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t4 - t3) / 1e9);
        System.out.printf(Locale.ROOT, "fix classes: %s; violation changes: %,d; possible crossings: %,d%n",
                classes, changes, crossings);
        System.out.printf(Locale.ROOT, "snapshot (rules + prepared zones + geometries)      : %8.1f MB  (%.1f MB per 100,000 persons)%n",
                mb(snapshotBytes), mb(snapshotBytes) * scale);
        System.out.printf(Locale.ROOT, "  of which prepared at build (trees, rules, not geometry): %8.1f MB%n",
                mb(preparedEagerBytes));
        System.out.printf(Locale.ROOT, "  of which built lazily by JTS during evaluation          : %8.1f MB%n",
                mb(lazyBytes));
        System.out.printf(Locale.ROOT, "states after evaluation                             : %8.1f MB  (%.1f MB per 100,000 persons, %.0f bytes per person)%n",
                mb(statesBytes), mb(statesBytes) * scale, (double) statesBytes / persons);
        System.out.printf(Locale.ROOT, "MEMORY_PER_100K_MB=%.1f%n", mb(snapshotBytes + statesBytes) * scale);
        System.out.printf(Locale.ROOT, "SNAPSHOT_PER_100K_MB=%.1f%n", mb(snapshotBytes) * scale);
        System.out.printf(Locale.ROOT, "STATES_PER_100K_MB=%.1f%n", mb(statesBytes) * scale);
    }

    private static long[] replayFixByFix(GeofenceEvaluator evaluator, ZoneSnapshot snapshot, java.util.UUID[] personIds,
                                         String[] deviceIds, CountyDataset.Fixes fixes) {
        PersonStateTable table = new PersonStateTable(snapshot.personIndexBound());
        long[] counts = new long[3];
        for (int i = 0; i < fixes.size(); i++) {
            Fix fix = fixes.fix(i, 0, deviceIds);
            FixOutcome ev = evaluator.evaluate(table, snapshot.personIndex(personIds[fixes.person[i]]), fix, snapshot,
                    fix.time());
            counts[0] += ev.fixClass() == FixClass.ACCEPTED ? 1 : 0;
            counts[1] += ev.changes().size();
            counts[2] += ev.possibleCrossings().size();
        }
        return counts;
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    /** Heap in use after collections have stopped freeing anything. */
    static long usedAfterGc() {
        long previous = Long.MAX_VALUE;
        long used = 0;
        for (int i = 0; i < 6; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = MEMORY.getHeapMemoryUsage().getUsed();
            if (i >= 2 && Math.abs(previous - used) < 1024 * 1024) {
                break;
            }
            previous = used;
        }
        return used;
    }
}
