package org.tether.geofence.zone;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.tether.geofence.rule.CurfewSchedule;
import org.tether.geofence.rule.CurfewWindow;
import org.tether.geofence.rule.LeavePermit;

/**
 * Every zone and every person's rules at one moment, prepared for evaluation. Immutable: when
 * zones change the server builds a new snapshot and swaps the reference, so an evaluation never
 * blocks and never sees half an update. A zone shared by many persons is prepared once, and so is
 * the union of a set of inclusion zones shared by many persons.
 */
public final class ZoneSnapshot {

    public static final ZoneSnapshot EMPTY = new ZoneSnapshot(Map.of(), Map.of());

    private final Map<UUID, PreparedZone> zones;
    private final PersonTable byPerson;

    private ZoneSnapshot(Map<UUID, PreparedZone> zones, Map<UUID, PersonRules> byPerson) {
        this.zones = zones;
        this.byPerson = new PersonTable(byPerson);
    }

    /** Zone assignments only (no curfew, no leave). */
    public static ZoneSnapshot build(List<Zone> zones, Map<UUID, List<UUID>> zoneIdsByPerson) {
        return buildRules(zones, zoneIdsByPerson.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> PersonRuleSpec.zones(e.getValue()))));
    }

    /**
     * Prepares the zones and resolves each person's rules. References to unknown zones are ignored
     * here; the store's foreign keys prevent them. A person with several home zones uses the first.
     */
    public static ZoneSnapshot buildRules(List<Zone> zones, Map<UUID, PersonRuleSpec> specs) {
        Map<UUID, PreparedZone> prepared = new HashMap<>();
        for (Zone z : zones) {
            prepared.put(z.id(), new PreparedZone(z));
        }
        Map<Set<UUID>, PreparedZone> unions = new HashMap<>();
        // Identical curfews (most persons have the court's standard windows) share one schedule.
        Map<List<CurfewWindow>, CurfewSchedule> schedules = new HashMap<>();
        Map<UUID, PersonRules> byPerson = new HashMap<>();
        specs.forEach((person, spec) -> {
            List<PreparedZone> inclusion = new ArrayList<>();
            List<PreparedZone> exclusion = new ArrayList<>();
            PreparedZone home = null;
            for (UUID id : spec.zoneIds()) {
                PreparedZone z = prepared.get(id);
                if (z == null) {
                    continue;
                }
                switch (z.zone().kind()) {
                    case INCLUSION -> inclusion.add(z);
                    case EXCLUSION -> exclusion.add(z);
                    case HOME -> home = home == null ? z : home;
                }
            }
            Set<UUID> key = new HashSet<>(inclusion.stream().map(z -> z.zone().id()).toList());
            PreparedZone union = unions.computeIfAbsent(key, k -> PersonRules.unionOf(inclusion));
            List<LeavePermit> leaves = spec.leaves().stream()
                    .map(l -> new LeavePermit(l.id(), l.from(), l.to(), l.zoneIds().stream()
                            .map(prepared::get).filter(java.util.Objects::nonNull).toList()))
                    .toList();
            CurfewSchedule curfew = spec.curfew().isEmpty() ? null
                    : schedules.computeIfAbsent(spec.curfew(), CurfewSchedule::new);
            byPerson.put(person, new PersonRules(inclusion, union, exclusion, home, curfew, leaves));
        });
        return new ZoneSnapshot(Map.copyOf(prepared), byPerson);
    }

    /** The person's rules ({@link PersonRules#NONE} when none): one probe of a flat table, no allocation. */
    public PersonRules zonesFor(UUID personId) {
        PersonRules rules = byPerson.get(personId);
        return rules == null ? PersonRules.NONE : rules;
    }

    public Optional<PreparedZone> zone(UUID zoneId) {
        return Optional.ofNullable(zones.get(zoneId));
    }

    public int zoneCount() {
        return zones.size();
    }

    public int personCount() {
        return byPerson.size();
    }
}
