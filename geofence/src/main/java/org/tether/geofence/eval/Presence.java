package org.tether.geofence.eval;

/** The confirmed relation of a person to a zone (or to the union of their inclusion zones). */
public enum Presence {
    /** No definite verdict yet (new person, or state just created). */
    UNKNOWN,
    INSIDE,
    OUTSIDE
}
