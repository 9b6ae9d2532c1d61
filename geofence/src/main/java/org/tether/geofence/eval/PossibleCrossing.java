package org.tether.geofence.eval;

import java.time.Instant;
import java.util.UUID;
import org.tether.geofence.geo.GeoPoint;

/**
 * Two consecutive accepted fixes lie outside an exclusion zone but the straight path between them
 * passes through it: with sparse fixes the person may have been inside in between. Reported as
 * evidence for an officer to judge, never as a confirmed entry.
 */
public record PossibleCrossing(UUID zoneId, Instant fromTime, GeoPoint from, Instant toTime, GeoPoint to) {
}
