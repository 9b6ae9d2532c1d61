package org.tether.simulator.run;

import org.tether.simulator.device.SimulatedDevice;
import org.tether.simulator.movement.Mover;
import org.tether.simulator.mqtt.DeviceUplink;
import org.tether.simulator.scenario.PersonPlan;

/**
 * A planned person brought to life: their id on the server, their movement, their device and its
 * connection to the broker.
 */
public record SimulatedPerson(PersonPlan plan, String personId, Mover mover, SimulatedDevice device,
                              DeviceUplink uplink) {

    /** "#1 模拟对象 1". */
    public String label() {
        return "#" + plan.index() + " " + plan.displayName();
    }
}
