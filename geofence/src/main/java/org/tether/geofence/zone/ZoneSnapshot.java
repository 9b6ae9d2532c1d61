package org.tether.geofence.zone;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every zone and every person's assignment at one moment, prepared for evaluation. Immutable: when
 * zones change the server builds a new snapshot and swaps the reference, so an evaluation never
 * blocks and never sees half an update. A zone shared by many persons is prepared once.
 */
public final class ZoneSnapshot {

    public static final ZoneSnapshot EMPTY = new ZoneSnapshot(Map.of(), Map.of());

    private final Map<UUID, PreparedZone> zones;
    private final Map<UUID, PersonZones> byPerson;

    private ZoneSnapshot(Map<UUID, PreparedZone> zones, Map<UUID, PersonZones> byPerson) {
        this.zones = zones;
        this.byPerson = byPerson;
    }

    /**
     * Prepares the zones and resolves the assignments. Assignments naming an unknown zone are
     * ignored here; the store's foreign keys prevent them.
     */
    public static ZoneSnapshot build(List<Zone> zones, Map<UUID, List<UUID>> zoneIdsByPerson) {
        Map<UUID, PreparedZone> prepared = new HashMap<>();
        for (Zone z : zones) {
            prepared.put(z.id(), new PreparedZone(z));
        }
        Map<UUID, PersonZones> byPerson = new HashMap<>();
        zoneIdsByPerson.forEach((person, ids) -> {
            List<PreparedZone> inclusion = new ArrayList<>();
            List<PreparedZone> exclusion = new ArrayList<>();
            for (UUID id : ids) {
                PreparedZone z = prepared.get(id);
                if (z == null) {
                    continue;
                }
                (z.zone().kind() == ZoneKind.INCLUSION ? inclusion : exclusion).add(z);
            }
            byPerson.put(person, new PersonZones(inclusion, exclusion));
        });
        return new ZoneSnapshot(Map.copyOf(prepared), Map.copyOf(byPerson));
    }

    public PersonZones zonesFor(UUID personId) {
        return byPerson.getOrDefault(personId, PersonZones.NONE);
    }

    public Optional<PreparedZone> zone(UUID zoneId) {
        return Optional.ofNullable(zones.get(zoneId));
    }

    public int zoneCount() {
        return zones.size();
    }
}
