package org.tether.simulator.device;

/** How a device obtained a fix. */
public enum FixSource {
    GNSS,
    WIFI,
    CELL
}
