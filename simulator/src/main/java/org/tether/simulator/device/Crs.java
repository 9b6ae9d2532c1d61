package org.tether.simulator.device;

/** Coordinate reference systems a fix may be reported in (wire names). */
public enum Crs {
    WGS84,
    GCJ02,
    BD09,
    CGCS2000
}
