package org.tether.geofence.eval;

import java.util.HashMap;
import java.util.Map;

/**
 * The tracks of one evaluation, copied only on the first change: most fixes change nothing, and
 * then the next state shares the previous one's (immutable) map. Not thread-safe; lives for one call.
 */
final class TrackUpdates {

    private final Map<String, ZoneTrack> base;
    private Map<String, ZoneTrack> copy;

    TrackUpdates(Map<String, ZoneTrack> base) {
        this.base = base;
    }

    void put(String key, ZoneTrack track) {
        writable().put(key, track);
    }

    /** @return whether there was a track to remove */
    boolean remove(String key) {
        return base.containsKey(key) && writable().remove(key) != null;
    }

    Map<String, ZoneTrack> result() {
        return copy == null ? base : copy;
    }

    private Map<String, ZoneTrack> writable() {
        if (copy == null) {
            copy = new HashMap<>(base);
        }
        return copy;
    }
}
