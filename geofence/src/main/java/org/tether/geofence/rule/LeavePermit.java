package org.tether.geofence.rule;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.tether.geofence.zone.PreparedZone;

/**
 * An approved leave (外出请假): during [{@code from}, {@code to}) the destination areas — and a travel
 * corridor, when one was approved — count as allowed in addition to the inclusion area.
 */
public record LeavePermit(UUID id, Instant from, Instant to, List<PreparedZone> areas) {

    public LeavePermit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("a leave must end after it starts");
        }
        areas = List.copyOf(areas);
    }

    public boolean isActiveAt(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
