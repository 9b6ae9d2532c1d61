package org.tether.server.registry;

import java.util.UUID;

/** A registered device and the person it is bound to (null: registered but not bound). */
public record DeviceBinding(String deviceId, DeviceKind kind, UUID personId) {
}
