package org.tether.geofence.eval;

import java.time.Instant;
import java.util.Map;
import org.tether.geofence.geo.GeoPoint;

/**
 * Everything the engine remembers about one person between fixes: small, immutable and made of
 * plain values so the server can persist it and restore it after a restart.
 *
 * @param lastAcceptedTime time of the last accepted fix, or null
 * @param lastAcceptedPosition its position, or null
 * @param lastAcceptedAccuracy its accuracy radius in metres (0 when none)
 * @param tracks hysteresis state per track key: {@link #INCLUSION_TRACK}, {@link #CURFEW_TRACK} or an
 *     exclusion zone's id
 */
public record PersonGeofenceState(Instant lastAcceptedTime, GeoPoint lastAcceptedPosition,
                                  double lastAcceptedAccuracy, Map<String, ZoneTrack> tracks) {

    /** Key of the track for the union of a person's inclusion zones. */
    public static final String INCLUSION_TRACK = "inclusion";

    /** Key of the track for the home zone while a curfew window is on. */
    public static final String CURFEW_TRACK = "curfew";

    public static final PersonGeofenceState INITIAL = new PersonGeofenceState(null, null, 0, Map.of());

    public PersonGeofenceState {
        tracks = Map.copyOf(tracks);
    }

    public ZoneTrack track(String key) {
        return tracks.getOrDefault(key, ZoneTrack.INITIAL);
    }
}
