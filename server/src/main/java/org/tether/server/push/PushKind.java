package org.tether.server.push;

/** What a push is for. */
public enum PushKind {
    CHECK_IN_REMINDER,
    LOCATION_CHECK,
    MESSAGE
}
