package org.tether.server.registry;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tether.geofence.zone.ZoneSnapshot;

/**
 * What the fix path needs from the registry, at one moment: device bindings, vendor formats and
 * prepared zones.
 * Immutable; replaced whole when the registry changes.
 */
public record RegistrySnapshot(Map<String, DeviceBinding> devices, Map<String, String> vendorFormats,
                               Map<String, String> secretHashes, ZoneSnapshot zones, Map<UUID, UUID> personOffices) {

    public static final RegistrySnapshot EMPTY = new RegistrySnapshot(Map.of(), Map.of(), Map.of(), ZoneSnapshot.EMPTY,
            Map.of());

    /**
     * @param secretHashes MQTT user name (device id, {@code vendor:{id}}) to salted secret hash
     * @param personOffices person id to office id
     */
    public RegistrySnapshot {
        devices = Map.copyOf(devices);
        vendorFormats = Map.copyOf(vendorFormats);
        secretHashes = Map.copyOf(secretHashes);
        personOffices = Map.copyOf(personOffices);
    }

    /** The justice office a person belongs to (for filtering live alert streams by office). */
    public Optional<UUID> officeOf(UUID personId) {
        return Optional.ofNullable(personOffices.get(personId));
    }

    /** Never prints the hashes. */
    @Override
    public String toString() {
        return "RegistrySnapshot[" + devices.size() + " devices, " + vendorFormats.size() + " vendors, "
                + zones.zoneCount() + " zones]";
    }

    /** The fix format a vendor platform registered, e.g. {@code tether-bin-v1}. */
    public Optional<String> vendorFormat(String vendorId) {
        return Optional.ofNullable(vendorFormats.get(vendorId));
    }

    public Optional<DeviceBinding> device(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }
}
