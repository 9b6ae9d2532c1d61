package org.tether.geofence.eval;

import java.time.Instant;
import java.util.Objects;
import org.tether.geofence.fix.Fix;
import org.tether.geofence.fix.PositionSource;
import org.tether.geofence.geo.GeoPoint;

/**
 * A small batch of fixes (person index and fix, in arrival order) for
 * {@link GeofenceEvaluator#evaluate(PersonStateTable, FixBatch, org.tether.geofence.zone.ZoneSnapshot,
 * java.time.Instant)}, and the outcome of each after
 * evaluation. Meant to be filled from what one ingest step hands over (a group commit's fixes, say), evaluated,
 * read and cleared, again and again: it is reused so that batching allocates nothing.
 *
 * <p>Why batches: with many persons in random order every fix starts on cache lines nobody has read for a
 * while (its person's state row and packed rules). Evaluated one at a time, those misses are taken one after
 * the other; a batch first issues the loads of all its fixes together, so the memory system serves them in
 * parallel, and then evaluates each fix with its lines already at hand.
 *
 * <p>A fix goes in either as a {@link Fix} or as its numbers
 * ({@link #add(int, String, long, int, double, double, double, PositionSource)}), the way ingest decodes a
 * message: then no {@code Fix}, {@code Instant} or {@code GeoPoint} is built unless the fix needs the general
 * path or reports a change ({@link #fix(int)} builds it on demand). Both give the same outcome.
 *
 * <p>Not thread-safe: one batch belongs to one thread at a time.
 */
public final class FixBatch {

    private final int[] persons;
    private final String[] deviceIds;
    private final long[] seconds;
    private final int[] nanos;
    private final double[] lats;
    private final double[] lons;
    private final double[] accuracies;
    private final PositionSource[] sources;
    /** The fix as an object: as added, or built on demand from the numbers; null until then. */
    private final Fix[] fixes;
    private final FixOutcome[] outcomes;
    private int size;
    /**
     * What the loads that bring a batch's lines into the cache read, kept only so that the compiler cannot
     * drop them as unused. Has no meaning.
     */
    long touched;

    /** An empty batch holding up to {@code capacity} fixes. */
    public FixBatch(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        persons = new int[capacity];
        deviceIds = new String[capacity];
        seconds = new long[capacity];
        nanos = new int[capacity];
        lats = new double[capacity];
        lons = new double[capacity];
        accuracies = new double[capacity];
        sources = new PositionSource[capacity];
        fixes = new Fix[capacity];
        outcomes = new FixOutcome[capacity];
    }

    public int capacity() {
        return persons.length;
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == persons.length;
    }

    /**
     * Appends the fix of the person with index {@code person} (see
     * {@link org.tether.geofence.zone.ZoneSnapshot#personIndex}); its outcome is unset until the batch is evaluated.
     *
     * @throws IllegalStateException when the batch is full
     */
    public void add(int person, Fix fix) {
        Objects.requireNonNull(fix, "fix");
        int j = slot();
        persons[j] = person;
        deviceIds[j] = fix.deviceId();
        seconds[j] = fix.time().getEpochSecond();
        nanos[j] = fix.time().getNano();
        lats[j] = fix.position().lat();
        lons[j] = fix.position().lon();
        accuracies[j] = fix.accuracyMeters();
        sources[j] = fix.source();
        fixes[j] = fix;
        outcomes[j] = null;
        size++;
    }

    /**
     * Appends a fix given as its numbers, as {@link #add(int, Fix)} with
     * {@code new Fix(deviceId, Instant.ofEpochSecond(epochSecond, nano), new GeoPoint(lat, lon), accuracyMeters,
     * source)} but without building those objects: the same checks, the same outcome.
     *
     * @param nano nanoseconds within the second, 0 – 999,999,999
     * @throws IllegalStateException when the batch is full
     * @throws IllegalArgumentException (or {@link java.time.DateTimeException} for a time beyond the
     *         {@code Instant} range) when {@code Fix}, {@code GeoPoint} or {@code Instant} would refuse the values
     */
    public void add(int person, String deviceId, long epochSecond, int nano, double lat, double lon,
                    double accuracyMeters, PositionSource source) {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(source, "source");
        if (nano < 0 || nano > 999_999_999 || epochSecond < Instant.MIN.getEpochSecond()
                || epochSecond > Instant.MAX.getEpochSecond()) {
            Instant.ofEpochSecond(epochSecond, nano); // throws as Instant does; a nano out of range is normalised
            throw new IllegalArgumentException("nano out of range [0, 999999999]: " + nano);
        }
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            new GeoPoint(lat, lon); // throws with GeoPoint's message
        }
        if (!(accuracyMeters > 0) || Double.isInfinite(accuracyMeters)) {
            throw new IllegalArgumentException("accuracy must be a positive number of metres: " + accuracyMeters);
        }
        int j = slot();
        persons[j] = person;
        deviceIds[j] = deviceId;
        seconds[j] = epochSecond;
        nanos[j] = nano;
        lats[j] = lat;
        lons[j] = lon;
        accuracies[j] = accuracyMeters;
        sources[j] = source;
        fixes[j] = null;
        outcomes[j] = null;
        size++;
    }

    private int slot() {
        if (size == persons.length) {
            throw new IllegalStateException("batch full: " + size + " fixes");
        }
        return size;
    }

    public int person(int j) {
        Objects.checkIndex(j, size);
        return persons[j];
    }

    /** Fix {@code j} as an object: the one added, or built from its numbers (once; allocates then). */
    public Fix fix(int j) {
        Objects.checkIndex(j, size);
        Fix fix = fixes[j];
        if (fix == null) {
            fix = new Fix(deviceIds[j], Instant.ofEpochSecond(seconds[j], nanos[j]), new GeoPoint(lats[j], lons[j]),
                    accuracies[j], sources[j]);
            fixes[j] = fix;
        }
        return fix;
    }

    // The numbers of fix j, for the evaluator (j < size, unchecked).

    long second(int j) {
        return seconds[j];
    }

    int nano(int j) {
        return nanos[j];
    }

    double lat(int j) {
        return lats[j];
    }

    double lon(int j) {
        return lons[j];
    }

    double accuracy(int j) {
        return accuracies[j];
    }

    /** Fix {@code j}'s object when it is at hand (added as one or already built), else null. */
    Fix fixIfBuilt(int j) {
        return fixes[j];
    }

    /** Fix {@code j}'s outcome once the batch has been evaluated, else null. */
    public FixOutcome outcome(int j) {
        Objects.checkIndex(j, size);
        return outcomes[j];
    }

    void setOutcome(int j, FixOutcome outcome) {
        outcomes[j] = outcome;
    }

    /**
     * Empties the batch. The fixes and outcomes stay referenced until overwritten by the next ones (at most
     * {@link #capacity()} of each): clearing them would cost a store per slot on every batch.
     */
    public void clear() {
        size = 0;
    }
}
