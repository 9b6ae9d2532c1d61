package org.tether.geofence.eval;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.zone.TrackLayout;

/**
 * Everything the engine remembers about one person between fixes: small, immutable and made of
 * plain values so the server can persist it ({@link PersonStateCodec}) and restore it after a restart.
 *
 * <p>Tracks are held in an array aligned with the person's {@link TrackLayout} (inclusion, curfew, then
 * each exclusion zone), so the evaluator reaches them by position and, when a fix changes no track,
 * the next state shares the previous one's array. Tracks whose key is not in the layout (a zone no
 * longer assigned, or any track of a state built from a map or just decoded) are kept by key beside it
 * and re-aligned when the layout next matches. {@link #tracks()} presents both as one map; equality
 * is by value (times, position, accuracy and that map), whatever the layout.
 *
 * <p>Immutable and thread-safe.
 */
public final class PersonGeofenceState {

    /** Key of the track for the union of a person's inclusion zones. */
    public static final String INCLUSION_TRACK = TrackLayout.INCLUSION_KEY;

    /** Key of the track for the home zone while a curfew window is on. */
    public static final String CURFEW_TRACK = TrackLayout.CURFEW_KEY;

    private static final ZoneTrack[] NO_SLOTS = new ZoneTrack[0];

    public static final PersonGeofenceState INITIAL = new PersonGeofenceState(null, null, 0, Map.of());

    private final Instant lastAcceptedTime;
    private final GeoPoint lastAcceptedPosition;
    private final double lastAcceptedAccuracy;
    // The same last fix as plain numbers: the evaluator reads these, so it does not chase the Instant
    // and GeoPoint objects (two cache misses per fix across 100,000 persons).
    private final long lastSecond;
    private final int lastNano;
    private final double lastLat;
    private final double lastLon;
    private final TrackLayout layout;
    /** Aligned with {@link #layout}; null where the track has never left its initial state. Never mutated. */
    private final ZoneTrack[] slots;
    /** Tracks whose key the layout does not hold. */
    private final Map<String, ZoneTrack> others;

    /**
     * @param lastAcceptedTime time of the last accepted fix, or null
     * @param lastAcceptedPosition its position, or null
     * @param lastAcceptedAccuracy its accuracy radius in metres (0 when none)
     * @param tracks hysteresis state per track key: {@link #INCLUSION_TRACK}, {@link #CURFEW_TRACK} or an
     *     exclusion zone's id
     */
    public PersonGeofenceState(Instant lastAcceptedTime, GeoPoint lastAcceptedPosition, double lastAcceptedAccuracy,
                               Map<String, ZoneTrack> tracks) {
        this(lastAcceptedTime, lastAcceptedPosition, lastAcceptedAccuracy, TrackLayout.EMPTY, NO_SLOTS,
                Map.copyOf(tracks));
    }

    /** Takes {@code slots} as is: the caller must not change it afterwards. */
    PersonGeofenceState(Instant lastAcceptedTime, GeoPoint lastAcceptedPosition, double lastAcceptedAccuracy,
                        TrackLayout layout, ZoneTrack[] slots, Map<String, ZoneTrack> others) {
        this.lastAcceptedTime = lastAcceptedTime;
        this.lastAcceptedPosition = lastAcceptedPosition;
        this.lastAcceptedAccuracy = lastAcceptedAccuracy;
        this.lastSecond = lastAcceptedTime == null ? 0 : lastAcceptedTime.getEpochSecond();
        this.lastNano = lastAcceptedTime == null ? 0 : lastAcceptedTime.getNano();
        this.lastLat = lastAcceptedPosition == null ? Double.NaN : lastAcceptedPosition.lat();
        this.lastLon = lastAcceptedPosition == null ? Double.NaN : lastAcceptedPosition.lon();
        this.layout = layout;
        this.slots = slots;
        this.others = others;
    }

    public Instant lastAcceptedTime() {
        return lastAcceptedTime;
    }

    public GeoPoint lastAcceptedPosition() {
        return lastAcceptedPosition;
    }

    public double lastAcceptedAccuracy() {
        return lastAcceptedAccuracy;
    }

    /** Every track by key, as an unmodifiable map built on each call (O(tracks)): not for hot paths. */
    public Map<String, ZoneTrack> tracks() {
        if (slots.length == 0) {
            return others;
        }
        Map<String, ZoneTrack> all = new HashMap<>(others);
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                all.put(layout.key(i), slots[i]);
            }
        }
        return Map.copyOf(all);
    }

    /** The track under {@code key}; {@link ZoneTrack#INITIAL} when there is none. */
    public ZoneTrack track(String key) {
        int slot = layout.slotOf(key);
        if (slot >= 0) {
            ZoneTrack t = slots[slot];
            return t == null ? ZoneTrack.INITIAL : t;
        }
        return others.getOrDefault(key, ZoneTrack.INITIAL);
    }

    boolean hasLastAccepted() {
        return lastAcceptedTime != null;
    }

    long lastSecond() {
        return lastSecond;
    }

    int lastNano() {
        return lastNano;
    }

    double lastLat() {
        return lastLat;
    }

    double lastLon() {
        return lastLon;
    }

    TrackLayout layout() {
        return layout;
    }

    /** The track in {@code slot} of the layout; {@link ZoneTrack#INITIAL} when there is none. */
    ZoneTrack slot(int slot) {
        ZoneTrack t = slots[slot];
        return t == null ? ZoneTrack.INITIAL : t;
    }

    boolean hasSlot(int slot) {
        return slots[slot] != null;
    }

    /** The slot array itself, for copy-on-write by {@link TrackUpdates}: never to be modified. */
    ZoneTrack[] slots() {
        return slots;
    }

    Map<String, ZoneTrack> others() {
        return others;
    }

    /** The state after an accepted fix: new last fix, the given slots, the same tracks kept by key. */
    PersonGeofenceState next(Instant time, GeoPoint position, double accuracy, ZoneTrack[] nextSlots) {
        return new PersonGeofenceState(time, position, accuracy, layout, nextSlots, others);
    }

    /**
     * This state with its tracks in {@code target}'s order: itself when already so (the common case,
     * an identity check), else re-keyed once (after a snapshot swap, or for a decoded state).
     */
    PersonGeofenceState alignedTo(TrackLayout target) {
        if (layout == target) {
            return this;
        }
        Map<String, ZoneTrack> rest = new HashMap<>(others);
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                rest.put(layout.key(i), slots[i]);
            }
        }
        ZoneTrack[] aligned = new ZoneTrack[target.size()];
        for (int i = 0; i < aligned.length; i++) {
            aligned[i] = rest.get(target.key(i));
        }
        for (int i = 0; i < aligned.length; i++) {
            rest.remove(target.key(i));
        }
        return new PersonGeofenceState(lastAcceptedTime, lastAcceptedPosition, lastAcceptedAccuracy, target, aligned,
                rest.isEmpty() ? Map.of() : Map.copyOf(rest));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersonGeofenceState s && Objects.equals(lastAcceptedTime, s.lastAcceptedTime)
                && Objects.equals(lastAcceptedPosition, s.lastAcceptedPosition)
                && Double.compare(lastAcceptedAccuracy, s.lastAcceptedAccuracy) == 0 && tracks().equals(s.tracks());
    }

    @Override
    public int hashCode() {
        return Objects.hash(lastAcceptedTime, lastAcceptedPosition, lastAcceptedAccuracy, tracks());
    }

    @Override
    public String toString() {
        return "PersonGeofenceState[lastAcceptedTime=" + lastAcceptedTime + ", lastAcceptedPosition="
                + lastAcceptedPosition + ", lastAcceptedAccuracy=" + lastAcceptedAccuracy + ", tracks=" + tracks() + "]";
    }
}
