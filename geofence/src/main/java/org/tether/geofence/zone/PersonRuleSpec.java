package org.tether.geofence.zone;

import java.util.List;
import org.tether.geofence.rule.CurfewWindow;

/**
 * A person's rules as stored, by zone id, before zones are prepared: assigned zones (inclusion,
 * exclusion and home alike), curfew windows and approved leaves.
 */
public record PersonRuleSpec(List<java.util.UUID> zoneIds, List<CurfewWindow> curfew, List<LeaveSpec> leaves) {

    public PersonRuleSpec {
        zoneIds = List.copyOf(zoneIds);
        curfew = List.copyOf(curfew);
        leaves = List.copyOf(leaves);
    }

    public static PersonRuleSpec zones(List<java.util.UUID> zoneIds) {
        return new PersonRuleSpec(zoneIds, List.of(), List.of());
    }

    /** An approved leave by zone id. */
    public record LeaveSpec(java.util.UUID id, java.time.Instant from, java.time.Instant to,
                            List<java.util.UUID> zoneIds) {

        public LeaveSpec {
            zoneIds = List.copyOf(zoneIds);
        }
    }
}
