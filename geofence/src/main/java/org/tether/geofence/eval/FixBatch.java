package org.tether.geofence.eval;

import java.util.Objects;
import org.tether.geofence.fix.Fix;

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
 * <p>Not thread-safe: one batch belongs to one thread at a time.
 */
public final class FixBatch {

    private final int[] persons;
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
        if (size == persons.length) {
            throw new IllegalStateException("batch full: " + size + " fixes");
        }
        persons[size] = person;
        fixes[size] = Objects.requireNonNull(fix, "fix");
        outcomes[size] = null;
        size++;
    }

    public int person(int j) {
        Objects.checkIndex(j, size);
        return persons[j];
    }

    public Fix fix(int j) {
        Objects.checkIndex(j, size);
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
