package org.tether.server.registry;

import java.util.UUID;

/**
 * A registered device, the person it is bound to (null: registered but not bound) and the vendor
 * platform allowed to speak for it (null: none).
 */
public record DeviceBinding(String deviceId, DeviceKind kind, UUID personId, String vendorId) {
}
