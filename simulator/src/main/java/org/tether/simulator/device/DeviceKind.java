package org.tether.simulator.device;

/** Kinds of device the staff API registers. */
public enum DeviceKind {
    BRACELET,
    PHONE
}
