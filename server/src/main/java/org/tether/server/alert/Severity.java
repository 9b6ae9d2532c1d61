package org.tether.server.alert;

public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
