package org.tether.geofence.zone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.tether.geofence.rule.CurfewSchedule;
import org.tether.geofence.rule.LeavePermit;

/**
 * Everything the engine checks for one person. Shared zones are the same {@link PreparedZone}
 * instances for everyone who has them.
 *
 * @param inclusion the inclusion zones (活动范围); the person must be inside their union
 * @param inclusionUnion the union of the polygonal inclusion zones, prepared: a person near the
 *     border between two adjacent inclusion zones is inside the union even though each zone alone
 *     cannot say so. Null when fewer than two polygonal inclusion zones exist.
 * @param exclusion the exclusion zones (禁止令区域)
 * @param home where the person must be while the curfew is on; null when none
 * @param curfew the curfew windows; null when none
 * @param leaves approved leaves, whose areas count as allowed while active
 */
public record PersonRules(List<PreparedZone> inclusion, PreparedZone inclusionUnion, List<PreparedZone> exclusion,
                          PreparedZone home, CurfewSchedule curfew, List<LeavePermit> leaves) {

    public static final PersonRules NONE = new PersonRules(List.of(), List.of());

    public PersonRules {
        inclusion = List.copyOf(inclusion);
        exclusion = List.copyOf(exclusion);
        leaves = List.copyOf(leaves);
    }

    /** Inclusion and exclusion zones only; the union is prepared here. */
    public PersonRules(List<PreparedZone> inclusion, List<PreparedZone> exclusion) {
        this(inclusion, unionOf(inclusion), exclusion, null, null, List.of());
    }

    public boolean isEmpty() {
        return inclusion.isEmpty() && exclusion.isEmpty() && home == null;
    }

    /** Whether a curfew window is on at {@code t} and there is a home zone to check it against. */
    public boolean curfewActiveAt(Instant t) {
        return home != null && curfew != null && curfew.isActiveAt(t);
    }

    /**
     * Prepares the union of the polygonal zones among {@code zones}; null when there are fewer than
     * two (a single zone is its own union). Costs a polygon union: do it once per distinct set.
     */
    public static PreparedZone unionOf(List<PreparedZone> zones) {
        List<Geometry> polygons = new ArrayList<>();
        for (PreparedZone z : zones) {
            if (!z.zone().isCircle()) {
                polygons.add(z.zone().geometry());
            }
        }
        if (polygons.size() < 2) {
            return null;
        }
        Geometry union = UnaryUnionOp.union(polygons);
        union.setSRID(4326);
        UUID id = UUID.nameUUIDFromBytes(("union:" + zones.stream().map(z -> z.zone().id().toString()).sorted()
                .reduce("", String::concat)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new PreparedZone(new Zone(id, "inclusion union", ZoneKind.INCLUSION, union));
    }
}
