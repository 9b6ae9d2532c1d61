package org.tether.geofence.eval;

/** The geofence rules the engine enforces; names match the alert types of the same meaning. */
public enum ViolationType {
    /** 越界: outside every inclusion zone. */
    OUT_OF_AREA,
    /** 进入禁止区域: inside an exclusion zone. */
    EXCLUSION_ZONE_ENTRY
}
