package org.tether.benchmarks;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.tether.benchmarks.data.CountyDataset;
import org.tether.geofence.eval.Evaluation;
import org.tether.geofence.eval.FixBatch;
import org.tether.geofence.eval.FixOutcome;
import org.tether.geofence.eval.PersonStateTable;
import org.tether.geofence.eval.GeofenceEvaluator;
import org.tether.geofence.eval.GeofencePolicy;
import org.tether.geofence.eval.PersonGeofenceState;
import org.tether.geofence.fix.Fix;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.zone.PersonRules;
import org.tether.geofence.zone.ZoneSnapshot;

/**
 * Fix evaluations per second on one core, the way the ingest pipeline does them: per op one fix of the
 * {@link CountyDataset} stream (100,000 persons sharing a 2,400-vertex county, each with three exclusion
 * polygons, a home circle and a curfew) is turned into a {@link Fix}, the person's rules are looked up in
 * the {@link ZoneSnapshot} by the person index resolved once at setup (as the server does when a device is
 * bound; {@link ZoneSnapshot#rulesAt(int)}, an array read), the person's {@link PersonGeofenceState} is evaluated and the
 * returned state stored back: classification, every rule's verdict and the hysteresis update included.
 *
 * <p>{@link #evaluateBatch} does the same for {@value #BATCH} consecutive fixes per invocation through the batch
 * API ({@link FixBatch}; the score is still fixes per second), {@link #evaluateFix} one fix per invocation, and
 * {@link #evaluateFixObjectState} the object path (UUID lookup, immutable state) for comparison.
 *
 * <p>The stream is replayed round after round; each replay's times follow the previous one's, so a
 * person's fixes always move forward in time (and through curfew windows opening and closing). The server
 * clock {@code now} is the fix's own time (a fix evaluated as it arrives).
 *
 * <p>Besides JMH's wall-clock score, CPU time is read around each measurement iteration and the trial prints
 * {@code CPU_OPS_PER_SEC} (evaluations per CPU-second of the benchmark thread) and
 * {@code PROCESS_CPU_OPS_PER_SEC} (per CPU-second of the whole JVM, so GC and JIT threads included): figures
 * less disturbed than wall-clock by other processes on a shared machine ({@link CpuMeter}).
 *
 * <p>The heap is set to 14 GB although the 100,000-person snapshot and states hold about 0.86 GB (see
 * {@link MemoryFootprint}): measured side by side with huge pages on, a 4 GB heap ran 19–36 % slower
 * (docs/benchmarks.md, run of 2026-12-03 19:18 UTC), so the figures keep the room the runs before had.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
// Transparent huge pages for the heap, as the server is run (README): with 4 KB pages the random walk over
// 100,000 persons' rows misses the TLB and every method slowed by 30-45 % within a fork (docs/benchmarks.md).
@Fork(value = 1, jvmArgsAppend = {"-Xms14g", "-Xmx14g", "-XX:+UseTransparentHugePages"})
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
public class GeofenceEvaluationBenchmark {

    @Param({"100000"})
    public int persons;

    @Param({"20"})
    public int fixesPerPerson;

    /**
     * The replay the measurement starts with (≥ 1; the setup's replay is pass 0). A pass moves the stream's
     * clock by 20 minutes, so e.g. 30 starts at 07:50 local time, outside the nightly curfew, for a
     * measurement that does not cross a curfew window's end.
     */
    @Param({"1"})
    public long firstPass;

    private ZoneSnapshot snapshot;
    private GeofenceEvaluator evaluator;
    private UUID[] personIds;
    /** The dataset's person p → their snapshot person index, resolved once as at device binding. */
    private int[] personIndex;
    private String[] deviceIds;
    private PersonGeofenceState[] states;
    private PersonStateTable table;
    private CountyDataset.Fixes fixes;
    private int[] person;
    private double[] lat;
    private double[] lon;
    private double[] accuracy;
    /** Fixes per batch in {@link #evaluateBatch}. */
    static final int BATCH = 16;
    private final FixBatch batch = new FixBatch(BATCH);
    private int cursor;
    private long pass;
    private long ops;
    // CPU accounting of the measurement iterations
    private boolean measuring;
    private long iterationOps;
    private long iterationCpu;
    private long iterationProcessCpu;
    private long measuredOps;
    private long measuredCpuNanos;
    private long measuredProcessCpuNanos;

    @Setup(Level.Trial)
    public void setUp() {
        long t0 = System.nanoTime();
        CountyDataset dataset = CountyDataset.generate(
                new CountyDataset.Config(CountyDataset.Config.DEFAULT_SEED, persons, fixesPerPerson));
        long t1 = System.nanoTime();
        snapshot = dataset.buildSnapshot();
        long t2 = System.nanoTime();
        evaluator = new GeofenceEvaluator(GeofencePolicy.defaults());
        personIds = dataset.personIds();
        deviceIds = dataset.deviceIds();
        fixes = dataset.fixes();
        person = fixes.person;
        lat = fixes.lat;
        lon = fixes.lon;
        accuracy = fixes.accuracy;
        personIndex = new int[persons];
        for (int p = 0; p < persons; p++) {
            personIndex[p] = snapshot.personIndex(personIds[p]);
        }
        states = new PersonGeofenceState[persons];
        Arrays.fill(states, PersonGeofenceState.INITIAL);
        table = new PersonStateTable(snapshot.personIndexBound());
        // One replay of the whole stream before measuring: every person gets a hysteresis state and JTS
        // builds its lazy indexes (point-in-area locators, segment intersectors) for every zone the fixes
        // touch, as on a server that has been running for a while. Measurement starts at pass firstPass.
        for (int i = 0; i < person.length; i++) {
            int p = person[i];
            Fix fix = fixes.fix(i, 0, deviceIds);
            states[p] = evaluator.evaluate(states[p], fix, snapshot.zonesFor(personIds[p]), fix.time()).state();
            evaluator.evaluate(table, personIndex[p], fix, snapshot, fix.time());
        }
        long t3 = System.nanoTime();
        if (firstPass < 1) {
            throw new IllegalArgumentException("firstPass must be at least 1: " + firstPass);
        }
        cursor = 0;
        pass = firstPass;
        System.out.printf("%n[setup] %,d persons, %,d zones, county %,d vertices, %,d fixes; generated in %.1f s,"
                        + " snapshot built in %.1f s, first replay of the stream (cold) in %.1f s%n", persons,
                snapshot.zoneCount(), dataset.county().getNumPoints(), fixes.size(), (t1 - t0) / 1e9,
                (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        iterationOps = ops;
        iterationCpu = CpuMeter.threadNanos();
        iterationProcessCpu = CpuMeter.processNanos();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        long cpu = CpuMeter.threadNanos() - iterationCpu;
        long processCpu = CpuMeter.processNanos() - iterationProcessCpu;
        long n = ops - iterationOps;
        if (measuring) {
            measuredOps += n;
            measuredCpuNanos += cpu;
            measuredProcessCpuNanos += processCpu;
        }
        System.out.printf(" [%,.0f ops per CPU-second of the thread, %,.0f of the JVM] ", n / (cpu / 1e9),
                n / (processCpu / 1e9));
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.printf("%nCPU_OPS_PER_SEC=%.0f%nPROCESS_CPU_OPS_PER_SEC=%.0f%n",
                measuredOps / (measuredCpuNanos / 1e9), measuredOps / (measuredProcessCpuNanos / 1e9));
    }

    /**
     * The ingest fast path: the person's index (resolved at binding), their state in a
     * {@link PersonStateTable}, the rules read from the snapshot's packed block.
     */
    @Benchmark
    public void evaluateFix(Blackhole bh) {
        int i = cursor;
        int p = person[i];
        Instant time = Instant.ofEpochSecond(fixes.epochSecond(i, pass));
        Fix fix = new Fix(deviceIds[p], time, new GeoPoint(lat[i], lon[i]), accuracy[i], fixes.source(i));
        FixOutcome outcome = evaluator.evaluate(table, personIndex[p], fix, snapshot, time);
        bh.consume(outcome);
        if (++i == person.length) {
            i = 0;
            pass++;
        }
        cursor = i;
        ops++;
    }

    /**
     * The ingest fast path on batches of {@value #BATCH} consecutive fixes of the stream (as a group commit
     * hands them over): per fix, the person index and device id looked up and the fix's numbers (time, position,
     * accuracy, source) put in the batch as ingest decodes them from a message
     * ({@link FixBatch#add(int, String, long, int, double, double, double, org.tether.geofence.fix.PositionSource)},
     * checked as a {@code Fix} is; no {@code Fix}, {@code Instant} or {@code GeoPoint} unless the evaluator needs
     * one), then {@link GeofenceEvaluator#evaluate(PersonStateTable, FixBatch, ZoneSnapshot, Instant)} with
     * {@code now} the newest fix's time (one {@code Instant} a batch). One invocation is {@value #BATCH}
     * operations, so the score is fixes per second.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void evaluateBatch(Blackhole bh) {
        FixBatch b = batch;
        b.clear();
        int i = cursor;
        long second = 0;
        for (int j = 0; j < BATCH; j++) {
            int p = person[i];
            second = fixes.epochSecond(i, pass);
            b.add(personIndex[p], deviceIds[p], second, 0, lat[i], lon[i], accuracy[i], fixes.source(i));
            if (++i == person.length) {
                i = 0;
                pass++;
            }
        }
        evaluator.evaluate(table, b, snapshot, Instant.ofEpochSecond(second));
        for (int j = 0; j < BATCH; j++) {
            bh.consume(b.outcome(j));
        }
        cursor = i;
        ops += BATCH;
    }

    /**
     * The object path, as before the state table: the rules looked up by person id
     * ({@link ZoneSnapshot#zonesFor(UUID)}), an immutable {@link PersonGeofenceState} per person, a new one per fix.
     */
    @Benchmark
    @Warmup(iterations = 2, time = 10)
    @Measurement(iterations = 3, time = 10)
    public void evaluateFixObjectState(Blackhole bh) {
        int i = cursor;
        int p = person[i];
        Instant time = Instant.ofEpochSecond(fixes.epochSecond(i, pass));
        Fix fix = new Fix(deviceIds[p], time, new GeoPoint(lat[i], lon[i]), accuracy[i], fixes.source(i));
        PersonRules rules = snapshot.zonesFor(personIds[p]);
        Evaluation ev = evaluator.evaluate(states[p], fix, rules, time);
        states[p] = ev.state();
        bh.consume(ev.changes());
        bh.consume(ev.possibleCrossings());
        if (++i == person.length) {
            i = 0;
            pass++;
        }
        cursor = i;
        ops++;
    }
}
