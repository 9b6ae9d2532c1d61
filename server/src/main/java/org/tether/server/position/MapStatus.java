package org.tether.server.position;

import java.time.Duration;
import java.time.Instant;

/** How the live map shows a person: fine, in alert, silent, or never located. */
public enum MapStatus {
    OK,
    /** An open or acknowledged alert other than NO_SIGNAL. */
    ALERT,
    /** An open NO_SIGNAL alert, or no fix within the tier's no-signal period. */
    NO_SIGNAL,
    /** No accepted fix ever: nothing to place on the map. */
    NO_FIX;

    /**
     * An alert about something the person did outranks silence: the officer acts on it first. A person
     * never located is NO_FIX whatever their alerts (the map cannot place them; their alerts still count).
     */
    public static MapStatus of(Instant lastFix, boolean noSignalAlert, boolean otherAlert, Duration period, Instant now) {
        if (lastFix == null) {
            return NO_FIX;
        }
        if (otherAlert) {
            return ALERT;
        }
        if (noSignalAlert || lastFix.plus(period).isBefore(now)) {
            return NO_SIGNAL;
        }
        return OK;
    }
}
