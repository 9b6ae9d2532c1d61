package org.tether.server.alert;

/** How an officer closed an alert. Kept so false-alarm rates can be measured per type and device. */
public enum Resolution {
    CONFIRMED_VIOLATION,
    FALSE_ALARM,
    DEVICE_FAULT,
    OTHER
}
