package org.tether.geofence.eval;

/** The geofence rules the engine enforces; names match the alert types of the same meaning. */
public enum ViolationType {
    /** 越界: outside every inclusion zone (and every active leave area). */
    OUT_OF_AREA,
    /** 进入禁止区域: inside an exclusion zone. */
    EXCLUSION_ZONE_ENTRY,
    /** 违反居家规定: away from the home zone while a curfew window is on. */
    CURFEW_BREACH
}
