package org.tether.server.alert;

/** Officer-driven lifecycle. Whether the condition still holds is separate: see {@link Alert#conditionClearedAt()}. */
public enum AlertState {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED
}
