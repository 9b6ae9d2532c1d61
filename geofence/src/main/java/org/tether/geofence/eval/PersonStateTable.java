package org.tether.geofence.eval;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.zone.PersonRules;
import org.tether.geofence.zone.TrackLayout;

/**
 * Every person's {@link PersonGeofenceState}, by person index
 * ({@link org.tether.geofence.zone.ZoneSnapshot#personIndex}), kept so that a fix reads and writes one row of a flat {@code long[]} and allocates nothing: the last accepted
 * fix as numbers (epoch second, nano, lat, lon and accuracy bits) and each track packed in a {@code long}
 * (present, confirmed side, pending side, pending fix count) with its pending-since time as epoch nanoseconds
 * in the next one. Up to {@value #MAX_SLOTS} tracks (inclusion, curfew, 3 exclusion zones) fit a row; a person
 * with more, with tracks kept by key, with no accepted fix yet, or with a time outside 1970–2262 is held as the
 * immutable object instead ("object mode") until the general path can pack them again.
 *
 * <p>A packed row is laid out for the {@link PersonRules} instance it was written with: when a snapshot swap
 * gives the person other rules, their next evaluation re-aligns the row through the general path, once.
 *
 * <p>Not thread-safe per person, like the states it replaces: one person's evaluations must run one at a
 * time, and a hand-over between threads must carry a happens-before edge (a per-person queue or lock).
 * Different persons may be evaluated concurrently (they touch different array elements). Memory:
 * {@value #STRIDE} longs (128 bytes) and two references a person, plus the objects of persons in object mode.
 */
public final class PersonStateTable {

    static final int MAX_SLOTS = 5;
    static final int STRIDE = 16;
    private static final int SECOND = 0;
    private static final int NANO = 1;
    private static final int LAT = 2;
    private static final int LON = 3;
    private static final int ACCURACY = 4;
    /** Number of packed slots, or {@link #OBJECT_MODE}. */
    private static final int MODE = 5;
    /** Slot i: track word at TRACKS + 2i, pending-since epoch nanos at TRACKS + 2i + 1. */
    private static final int TRACKS = 6;
    private static final long OBJECT_MODE = -1L;

    // Track word: bit 0 present (0 = no track, the slot is null); bits 1-2 confirmed; bits 3-4 pending;
    // bits 5-36 pending fix count. Sides: 0 UNKNOWN / none, 1 INSIDE, 2 OUTSIDE.
    static final int UNKNOWN = 0;
    static final int INSIDE = 1;
    static final int OUTSIDE = 2;
    static final long NO_TRACK = 0;
    /** Counts stay below this (an int, as in {@link ZoneTrack}); the general path handles the rest. */
    static final long MAX_COUNT = Integer.MAX_VALUE - 1L;

    private final long[] rows;
    /** Per person: the rules a packed row's tracks are aligned with. */
    private final PersonRules[] alignedTo;
    /** Per person in object mode: the state. */
    private final PersonGeofenceState[] objects;

    /** A table for person indexes 0 … {@code capacity} − 1, everyone at {@link PersonGeofenceState#INITIAL}. */
    public PersonStateTable(int capacity) {
        rows = new long[STRIDE * capacity];
        for (int p = 0; p < capacity; p++) {
            rows[p * STRIDE + MODE] = OBJECT_MODE;
        }
        alignedTo = new PersonRules[capacity];
        objects = new PersonGeofenceState[capacity];
        Arrays.fill(objects, PersonGeofenceState.INITIAL);
    }

    public int capacity() {
        return alignedTo.length;
    }

    /** Person {@code p}'s state as the immutable object (allocates for a packed row): for persistence. */
    public PersonGeofenceState state(int p) {
        int r = p * STRIDE;
        if (rows[r + MODE] == OBJECT_MODE) {
            return objects[p];
        }
        TrackLayout layout = alignedTo[p].trackLayout();
        ZoneTrack[] slots = new ZoneTrack[layout.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = unpack(rows[r + TRACKS + 2 * i], rows[r + TRACKS + 2 * i + 1]);
        }
        return new PersonGeofenceState(Instant.ofEpochSecond(rows[r + SECOND], rows[r + NANO]),
                new GeoPoint(Double.longBitsToDouble(rows[r + LAT]), Double.longBitsToDouble(rows[r + LON])),
                Double.longBitsToDouble(rows[r + ACCURACY]), layout, slots, Map.of());
    }

    private static ZoneTrack unpack(long word, long since) {
        if (word == NO_TRACK) {
            return null;
        }
        Presence confirmed = presence(confirmed(word));
        int pending = pending(word);
        if (pending == UNKNOWN) {
            return ZoneTrack.settled(confirmed);
        }
        return new ZoneTrack(confirmed, presence(pending), (int) count(word),
                Instant.ofEpochSecond(Math.floorDiv(since, 1_000_000_000L), Math.floorMod(since, 1_000_000_000L)));
    }

    private static Presence presence(int side) {
        return side == INSIDE ? Presence.INSIDE : side == OUTSIDE ? Presence.OUTSIDE : Presence.UNKNOWN;
    }

    private static int side(Presence p) {
        return p == Presence.INSIDE ? INSIDE : p == Presence.OUTSIDE ? OUTSIDE : UNKNOWN;
    }

    /** Replaces person {@code p}'s state (a restored one, say); it is packed on their next evaluation. */
    public void put(int p, PersonGeofenceState state) {
        store(p, state, null);
    }

    /** Stores {@code state}, packed when it is aligned with {@code rules} and fits a row. */
    void store(int p, PersonGeofenceState state, PersonRules rules) {
        int r = p * STRIDE;
        if (rules == null || !fits(state, rules.trackLayout())) {
            rows[r + MODE] = OBJECT_MODE;
            objects[p] = state;
            alignedTo[p] = null;
            return;
        }
        ZoneTrack[] slots = state.slots();
        for (int i = 0; i < slots.length; i++) {
            ZoneTrack t = slots[i];
            long word = NO_TRACK;
            long since = 0;
            if (t != null) {
                word = word(side(t.confirmed()), t.pending() == null ? UNKNOWN : side(t.pending()),
                        t.pending() == null ? 0 : t.pendingFixes());
                since = t.pending() == null ? 0 : epochNanos(t.pendingSince());
            }
            rows[r + TRACKS + 2 * i] = word;
            rows[r + TRACKS + 2 * i + 1] = since;
        }
        rows[r + MODE] = slots.length;
        objects[p] = null;
        alignedTo[p] = rules;
        acceptFix(p, state.lastSecond(), state.lastNano(), state.lastLat(), state.lastLon(),
                state.lastAcceptedAccuracy());
    }

    private static boolean fits(PersonGeofenceState state, TrackLayout layout) {
        if (!state.hasLastAccepted() || state.layout() != layout || !state.others().isEmpty()
                || layout.size() > MAX_SLOTS || !fitsEpochNanos(state.lastAcceptedTime())) {
            return false;
        }
        for (ZoneTrack t : state.slots()) {
            if (t != null && t.pending() != null
                    && (t.pendingSince() == null || !fitsEpochNanos(t.pendingSince()) || t.pendingFixes() < 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code t} lies in 1970–2262, where epoch nanoseconds fit a long and so does the difference of
     * two of them: pending-since times are kept so and dwell times compared so.
     */
    static boolean fitsEpochNanos(Instant t) {
        return fitsEpochNanos(t.getEpochSecond());
    }

    static boolean fitsEpochNanos(long epochSecond) {
        return epochSecond >= 0 && epochSecond < 9_223_372_035L;
    }

    static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    static long word(int confirmed, int pending, long count) {
        return 1L | (long) confirmed << 1 | (long) pending << 3 | count << 5;
    }

    static int confirmed(long word) {
        return (int) (word >>> 1) & 3;
    }

    static int pending(long word) {
        return (int) (word >>> 3) & 3;
    }

    static long count(long word) {
        return word >>> 5;
    }

    /** Whether person {@code p}'s row is packed and aligned with {@code rules}. */
    boolean isPackedFor(int p, PersonRules rules) {
        return rows[p * STRIDE + MODE] != OBJECT_MODE && alignedTo[p] == rules;
    }

    /**
     * Reads one word from each cache line of person {@code p}'s row and their alignment, so that the lines
     * are on their way before the evaluation needs them; the result means nothing (see {@link FixBatch}).
     * An index out of range touches nothing.
     */
    long touch(int p) {
        int r = p * STRIDE;
        if (p < 0 || p >= alignedTo.length) {
            return 0;
        }
        // A row is 128 bytes, so it spans two or three 64-byte lines: words 0, 7 and 15 lie on every one.
        return rows[r] ^ rows[r + 7] ^ rows[r + STRIDE - 1] ^ (alignedTo[p] == null ? 1 : 0);
    }

    /** Whether person {@code p} is in the table and their row is packed (aligned with whichever rules). */
    boolean isPacked(int p) {
        return p >= 0 && p < alignedTo.length && rows[p * STRIDE + MODE] != OBJECT_MODE;
    }

    long trackWord(int p, int slot) {
        return rows[p * STRIDE + TRACKS + 2 * slot];
    }

    long pendingSince(int p, int slot) {
        return rows[p * STRIDE + TRACKS + 2 * slot + 1];
    }

    void setTrack(int p, int slot, long word, long since) {
        int k = p * STRIDE + TRACKS + 2 * slot;
        rows[k] = word;
        rows[k + 1] = since;
    }

    long lastSecond(int p) {
        return rows[p * STRIDE + SECOND];
    }

    int lastNano(int p) {
        return (int) rows[p * STRIDE + NANO];
    }

    double lastLat(int p) {
        return Double.longBitsToDouble(rows[p * STRIDE + LAT]);
    }

    double lastLon(int p) {
        return Double.longBitsToDouble(rows[p * STRIDE + LON]);
    }

    double lastAccuracy(int p) {
        return Double.longBitsToDouble(rows[p * STRIDE + ACCURACY]);
    }

    /** A packed row's new last accepted fix. */
    void acceptFix(int p, long second, int nano, double lat, double lon, double accuracy) {
        int r = p * STRIDE;
        rows[r + SECOND] = second;
        rows[r + NANO] = nano;
        rows[r + LAT] = Double.doubleToRawLongBits(lat);
        rows[r + LON] = Double.doubleToRawLongBits(lon);
        rows[r + ACCURACY] = Double.doubleToRawLongBits(accuracy);
    }
}
