package org.tether.server.registry;

import java.util.Map;
import java.util.Optional;
import org.tether.geofence.zone.ZoneSnapshot;

/**
 * What the fix path needs from the registry, at one moment: device bindings and prepared zones.
 * Immutable; replaced whole when the registry changes.
 */
public record RegistrySnapshot(Map<String, DeviceBinding> devices, ZoneSnapshot zones) {

    public static final RegistrySnapshot EMPTY = new RegistrySnapshot(Map.of(), ZoneSnapshot.EMPTY);

    public RegistrySnapshot {
        devices = Map.copyOf(devices);
    }

    public Optional<DeviceBinding> device(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }
}
