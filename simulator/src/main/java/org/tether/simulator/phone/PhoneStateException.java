package org.tether.simulator.phone;

/** The phone state file is missing, unreadable, garbled or cannot be written; the message says which and where. */
public final class PhoneStateException extends Exception {

    private static final long serialVersionUID = 1L;

    public PhoneStateException(String message) {
        super(message);
    }

    public PhoneStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
