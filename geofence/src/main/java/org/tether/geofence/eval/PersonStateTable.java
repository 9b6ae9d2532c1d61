package org.tether.geofence.eval;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.zone.PersonRules;
import org.tether.geofence.zone.TrackLayout;

/**
 * Every person's {@link PersonGeofenceState}, by person index ({@link org.tether.geofence.zone.ZoneSnapshot#personIndex}),
 * kept so that the common fix reads and writes one small row of a flat {@code long[]} and allocates nothing:
 * the last accepted fix as numbers (epoch second, nano, lat, lon and accuracy bits) and the tracks packed
 * {@value #BITS_PER_TRACK} bits a slot in one {@code long} — possible whenever every track is at rest
 * (nothing pending), which is the state of almost every person almost all the time. A person with a pending
 * track, tracks kept by key, or no accepted fix yet is held as the immutable object instead ("object mode")
 * until a later fix settles them again.
 *
 * <p>A packed row is laid out for the {@link PersonRules} instance it was written with: when a snapshot swap
 * gives the person other rules, their next evaluation re-aligns the row through the general path, once.
 *
 * <p>Not thread-safe per person, like the states it replaces: one person's evaluations must run one at a
 * time, and a hand-over between threads must carry a happens-before edge (a per-person queue or lock).
 * Different persons may be evaluated concurrently (they touch different array elements). Memory: 48 bytes
 * a row plus two references a person ({@value #STRIDE} longs), and the objects of persons in object mode.
 */
public final class PersonStateTable {

    static final int STRIDE = 6;
    private static final int SECOND = 0;
    private static final int NANO = 1;
    private static final int LAT = 2;
    private static final int LON = 3;
    private static final int ACCURACY = 4;
    private static final int TRACKS = 5;

    static final int BITS_PER_TRACK = 2;
    private static final int MAX_PACKED_SLOTS = 63 / BITS_PER_TRACK;
    /** Track codes: no track (null slot), at rest on UNKNOWN, INSIDE, OUTSIDE. */
    static final int NO_TRACK = 0;
    static final int REST_UNKNOWN = 1;
    static final int REST_INSIDE = 2;
    static final int REST_OUTSIDE = 3;
    /** The tracks word of a row in object mode. */
    private static final long OBJECT_MODE = -1L;

    private final long[] rows;
    /** Per person: the rules a packed row's tracks are aligned with. */
    private final PersonRules[] alignedTo;
    /** Per person in object mode: the state. */
    private final PersonGeofenceState[] objects;

    /** A table for person indexes 0 … {@code capacity} − 1, everyone at {@link PersonGeofenceState#INITIAL}. */
    public PersonStateTable(int capacity) {
        rows = new long[STRIDE * capacity];
        for (int p = 0; p < capacity; p++) {
            rows[p * STRIDE + TRACKS] = OBJECT_MODE;
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
        long word = rows[r + TRACKS];
        if (word == OBJECT_MODE) {
            return objects[p];
        }
        TrackLayout layout = alignedTo[p].trackLayout();
        ZoneTrack[] slots = new ZoneTrack[layout.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = switch ((int) (word >>> (BITS_PER_TRACK * i)) & 3) {
                case REST_UNKNOWN -> ZoneTrack.INITIAL;
                case REST_INSIDE -> ZoneTrack.settled(Presence.INSIDE);
                case REST_OUTSIDE -> ZoneTrack.settled(Presence.OUTSIDE);
                default -> null;
            };
        }
        return new PersonGeofenceState(Instant.ofEpochSecond(rows[r + SECOND], rows[r + NANO]),
                new GeoPoint(Double.longBitsToDouble(rows[r + LAT]), Double.longBitsToDouble(rows[r + LON])),
                Double.longBitsToDouble(rows[r + ACCURACY]), layout, slots, Map.of());
    }

    /** Replaces person {@code p}'s state (a restored one, say); it is packed on their next evaluation. */
    public void put(int p, PersonGeofenceState state) {
        store(p, state, null);
    }

    /** Stores {@code state}, packed when it is at rest and aligned with {@code rules}. */
    void store(int p, PersonGeofenceState state, PersonRules rules) {
        int r = p * STRIDE;
        long word = rules == null ? OBJECT_MODE : pack(state, rules.trackLayout());
        rows[r + TRACKS] = word;
        if (word == OBJECT_MODE) {
            objects[p] = state;
            alignedTo[p] = null;
            return;
        }
        objects[p] = null;
        alignedTo[p] = rules;
        rows[r + SECOND] = state.lastSecond();
        rows[r + NANO] = state.lastNano();
        rows[r + LAT] = Double.doubleToRawLongBits(state.lastLat());
        rows[r + LON] = Double.doubleToRawLongBits(state.lastLon());
        rows[r + ACCURACY] = Double.doubleToRawLongBits(state.lastAcceptedAccuracy());
    }

    private static long pack(PersonGeofenceState state, TrackLayout layout) {
        if (!state.hasLastAccepted() || state.layout() != layout || !state.others().isEmpty()
                || layout.size() > MAX_PACKED_SLOTS) {
            return OBJECT_MODE;
        }
        ZoneTrack[] slots = state.slots();
        long word = 0;
        for (int i = 0; i < slots.length; i++) {
            ZoneTrack t = slots[i];
            if (t == null) {
                continue;
            }
            if (t.pending() != null) {
                return OBJECT_MODE;
            }
            long code = switch (t.confirmed()) {
                case UNKNOWN -> REST_UNKNOWN;
                case INSIDE -> REST_INSIDE;
                case OUTSIDE -> REST_OUTSIDE;
            };
            word |= code << (BITS_PER_TRACK * i);
        }
        return word;
    }

    /** Whether person {@code p}'s row is packed and aligned with {@code rules}. */
    boolean isPackedFor(int p, PersonRules rules) {
        return rows[p * STRIDE + TRACKS] != OBJECT_MODE && alignedTo[p] == rules;
    }

    long tracks(int p) {
        return rows[p * STRIDE + TRACKS];
    }

    static int track(long tracks, int slot) {
        return (int) (tracks >>> (BITS_PER_TRACK * slot)) & 3;
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

    /** A packed row's new last accepted fix, its tracks unchanged. */
    void acceptFix(int p, long second, int nano, double lat, double lon, double accuracy) {
        int r = p * STRIDE;
        rows[r + SECOND] = second;
        rows[r + NANO] = nano;
        rows[r + LAT] = Double.doubleToRawLongBits(lat);
        rows[r + LON] = Double.doubleToRawLongBits(lon);
        rows[r + ACCURACY] = Double.doubleToRawLongBits(accuracy);
    }
}
