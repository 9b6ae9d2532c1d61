package org.tether.server.staff;

import java.util.Set;
import java.util.UUID;

/**
 * The signed-in staff member of one request, with the offices whose data they may see (resolved from
 * the database for each request, so a changed role or office counts at once).
 *
 * @param officeId the office they are attached to; null for an administrator
 * @param offices  their office and, for county roles, the justice offices below it; empty for an administrator
 */
public record StaffPrincipal(UUID id, String username, StaffRole role, UUID officeId, Set<UUID> offices) {

    public StaffPrincipal {
        offices = Set.copyOf(offices);
    }

    public boolean sees(UUID office) {
        return office != null && offices.contains(office);
    }

    public UUID[] officeArray() {
        return offices.toArray(UUID[]::new);
    }
}
