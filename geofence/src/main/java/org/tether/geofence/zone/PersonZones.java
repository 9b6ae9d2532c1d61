package org.tether.geofence.zone;

import java.util.List;

/** The zones that apply to one person, split by meaning. Shared zones are the same instances for everyone. */
public record PersonZones(List<PreparedZone> inclusion, List<PreparedZone> exclusion) {

    public static final PersonZones NONE = new PersonZones(List.of(), List.of());

    public PersonZones {
        inclusion = List.copyOf(inclusion);
        exclusion = List.copyOf(exclusion);
    }

    public boolean isEmpty() {
        return inclusion.isEmpty() && exclusion.isEmpty();
    }
}
