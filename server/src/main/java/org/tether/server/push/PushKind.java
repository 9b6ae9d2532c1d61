package org.tether.server.push;

/** What a push is for. */
public enum PushKind {
    CHECK_IN_REMINDER,
    LOCATION_CHECK,
    MESSAGE,
    /** A leave request approved or rejected (外出请假审批结果). */
    LEAVE_DECISION
}
