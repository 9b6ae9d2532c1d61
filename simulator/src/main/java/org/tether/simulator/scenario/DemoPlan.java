package org.tether.simulator.scenario;

import java.util.List;
import org.tether.simulator.geo.LocalFrame;
import org.tether.simulator.geo.Polygon;

/**
 * The demo, decided up front: one inclusion zone and the people assigned to it.
 *
 * @param zoneName    name of the zone to create
 * @param zone        its polygon (a circle approximation)
 * @param zoneRadiusM radius of that circle
 * @param frame       local metric frame centred on the zone
 * @param persons     the people, person #1 first
 */
public record DemoPlan(String zoneName, Polygon zone, double zoneRadiusM, LocalFrame frame, List<PersonPlan> persons) {

    public DemoPlan {
        persons = List.copyOf(persons);
    }
}
