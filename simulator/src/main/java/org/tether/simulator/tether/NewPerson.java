package org.tether.simulator.tether;

import java.util.List;

/** Body of {@code POST /api/persons}. */
public record NewPerson(String displayName, String officeId, List<String> zoneIds) {

    public NewPerson {
        zoneIds = List.copyOf(zoneIds);
    }
}
