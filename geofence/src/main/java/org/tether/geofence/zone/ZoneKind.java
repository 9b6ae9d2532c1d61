package org.tether.geofence.zone;

/** What a zone means for the persons it is assigned to. */
public enum ZoneKind {
    /** 活动范围: the person must stay inside (the union of all their inclusion zones). */
    INCLUSION,
    /** 禁止令区域: the person must not enter. */
    EXCLUSION,
    /** 居所: where the person must be during curfew windows. */
    HOME
}
