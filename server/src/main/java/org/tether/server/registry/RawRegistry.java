package org.tether.server.registry;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tether.geofence.zone.PersonRuleSpec;
import org.tether.geofence.zone.Zone;
import org.tether.geofence.zone.ZoneSnapshot;

/** The registry rows as read, before zones are prepared for evaluation. */
record RawRegistry(Map<String, DeviceBinding> devices, Map<String, String> vendorFormats,
                   Map<String, String> secretHashes, List<Zone> zones, Map<UUID, PersonRuleSpec> rules,
                   Map<UUID, UUID> personOffices) {

    RegistrySnapshot prepare() {
        return new RegistrySnapshot(devices, vendorFormats, secretHashes, ZoneSnapshot.buildRules(zones, rules),
                personOffices);
    }

    @Override
    public String toString() {
        return "RawRegistry[" + devices.size() + " devices]";
    }
}
