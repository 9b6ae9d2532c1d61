package org.tether.simulator.tether;

/** Whether a zone is where a person must stay (INCLUSION) or must keep out of (EXCLUSION). */
public enum ZoneKind {
    INCLUSION,
    EXCLUSION
}
