package org.tether.geofence.eval;

/** How the engine treated a fix. Only ACCEPTED fixes move the per-person state. */
public enum FixClass {
    ACCEPTED,
    /** Not newer than the last accepted fix (backlog upload, redelivery): store, don't evaluate. */
    LATE,
    /** Timestamp too far ahead of the server clock. */
    FUTURE,
    /** Implies a speed above the configured maximum since the last accepted fix. */
    IMPLAUSIBLE_SPEED
}
