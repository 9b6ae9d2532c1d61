package org.tether.geofence.eval;

/**
 * The tracks of one evaluation, by slot of the person's track layout, copied only on the first
 * change: most fixes change nothing, and then the next state shares the previous one's (never
 * modified) array. Not thread-safe; lives for one call.
 */
final class TrackUpdates {

    private final ZoneTrack[] base;
    private ZoneTrack[] copy;

    TrackUpdates(ZoneTrack[] base) {
        this.base = base;
    }

    void put(int slot, ZoneTrack track) {
        writable()[slot] = track;
    }

    /** @return whether there was a track to remove */
    boolean remove(int slot) {
        if (base[slot] == null) {
            return false;
        }
        writable()[slot] = null;
        return true;
    }

    ZoneTrack[] result() {
        return copy == null ? base : copy;
    }

    private ZoneTrack[] writable() {
        if (copy == null) {
            copy = base.clone();
        }
        return copy;
    }
}
