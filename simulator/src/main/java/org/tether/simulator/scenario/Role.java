package org.tether.simulator.scenario;

/** What a simulated person does in a scenario. */
public enum Role {
    /** Goes about their day inside the zone. */
    WANDERER("wanders inside the zone"),
    /** Leaves the zone and stays out. */
    WALKER_OUT("will walk out of the zone");

    private final String description;

    Role(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
