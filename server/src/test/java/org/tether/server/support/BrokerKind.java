package org.tether.server.support;

/** Which broker a test runs the server against. */
public enum BrokerKind {
    /** The server starts its own embedded HiveMQ CE on a free port (the default deployment). */
    EMBEDDED_HIVEMQ,
    /** The machine's Mosquitto on 127.0.0.1:1883 (started by bin/ensure-infra --mosquitto). */
    MOSQUITTO
}
