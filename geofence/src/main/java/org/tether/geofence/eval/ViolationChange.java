package org.tether.geofence.eval;

import java.time.Instant;
import java.util.UUID;

/**
 * A confirmed change of a rule's state for one person: a violation started, or its condition ended.
 *
 * @param zoneId the zone concerned; null for OUT_OF_AREA, which concerns the union of inclusion zones
 * @param since the time of the first fix of the streak that confirmed the change (its evidence runs from here)
 * @param at the time of the fix that confirmed the change
 * @param rule a short human-readable statement of the rule that fired, for the alert's evidence
 */
public record ViolationChange(ViolationType type, boolean started, UUID zoneId, Instant since, Instant at,
                              String rule) {
}
