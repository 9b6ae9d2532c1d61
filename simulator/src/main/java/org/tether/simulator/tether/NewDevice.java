package org.tether.simulator.tether;

import org.tether.simulator.device.DeviceKind;

/** Body of {@code POST /api/devices}. */
public record NewDevice(String id, DeviceKind kind, String personId) {
}
