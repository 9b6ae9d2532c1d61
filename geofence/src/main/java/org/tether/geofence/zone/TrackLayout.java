package org.tether.geofence.zone;

import java.util.Arrays;
import java.util.List;

/**
 * The order in which a person's hysteresis tracks are kept: slot {@value #INCLUSION_SLOT} for the
 * inclusion area, slot {@value #CURFEW_SLOT} for the curfew (home) rule, then one slot per exclusion
 * zone in the order of {@link PersonRules#exclusion()}. A person's state stores its tracks in an array
 * in this order, so the evaluator finds a track by position instead of hashing a string key; the keys
 * (the zone id as text for exclusion zones) are what the state is persisted and compared by.
 *
 * <p>Each {@link PersonRules} has its own layout; a state made under another layout (an older
 * snapshot, or one just decoded) is re-aligned by key once, on its next evaluation. A layout holds
 * only the key strings, so a state never keeps an old snapshot's zones alive.
 *
 * <p>Immutable and thread-safe.
 */
public final class TrackLayout {

    /** Key of the track for the union of a person's inclusion zones. */
    public static final String INCLUSION_KEY = "inclusion";
    /** Key of the track for the home zone while a curfew window is on. */
    public static final String CURFEW_KEY = "curfew";

    public static final int INCLUSION_SLOT = 0;
    public static final int CURFEW_SLOT = 1;
    public static final int FIRST_EXCLUSION_SLOT = 2;

    /** No slots: every track is kept by key. */
    public static final TrackLayout EMPTY = new TrackLayout(new String[0]);

    private final String[] keys;

    private TrackLayout(String[] keys) {
        this.keys = keys;
    }

    /** The layout for the given exclusion zones (their track keys in order). */
    static TrackLayout of(List<PreparedZone> exclusion) {
        String[] keys = new String[FIRST_EXCLUSION_SLOT + exclusion.size()];
        keys[INCLUSION_SLOT] = INCLUSION_KEY;
        keys[CURFEW_SLOT] = CURFEW_KEY;
        for (int i = 0; i < exclusion.size(); i++) {
            keys[FIRST_EXCLUSION_SLOT + i] = exclusion.get(i).trackKey();
        }
        return new TrackLayout(keys);
    }

    public int size() {
        return keys.length;
    }

    public String key(int slot) {
        return keys[slot];
    }

    /** The first slot holding {@code key}, or -1. A linear scan: layouts have a handful of slots. */
    public int slotOf(String key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "TrackLayout" + Arrays.toString(keys);
    }
}
