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
 *
 * <p>Each person has a dense <b>person index</b> ({@link #personIndex}), assigned when the snapshot is
 * built and kept by every later snapshot built from this one ({@link #buildRules(List, Map, ZoneSnapshot)}):
 * a caller that resolves a device's person to its index once (at binding) evaluates each fix with
 * {@link #rulesAt(int)}, an array read, instead of hashing a UUID per fix. Indexes of removed persons
 * become holes ({@link PersonRules#NONE}) and are not reused within a chain of snapshots, so a stale
 * index never reaches another person's rules.
 *
 * <p>Thread-safe: nothing changes after construction.
 */
public final class ZoneSnapshot {

    public static final ZoneSnapshot EMPTY = new ZoneSnapshot(Map.of(), new UUID[0], new PersonRules[0]);

    private final Map<UUID, PreparedZone> zones;
    /** Person id by index; null marks a hole. */
    private final UUID[] personIds;
    /** Rules by person index; {@link PersonRules#NONE} in holes. */
    private final PersonRules[] rules;
    private final PersonTable indexes;
    private final PackedPersonRules packed;

    private ZoneSnapshot(Map<UUID, PreparedZone> zones, UUID[] personIds, PersonRules[] rules) {
        this.zones = zones;
        this.personIds = personIds;
        this.rules = rules;
        this.indexes = new PersonTable(personIds);
        this.packed = new PackedPersonRules(rules);
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
        return buildRules(zones, specs, EMPTY);
    }

    /**
     * As {@link #buildRules(List, Map)}, keeping the person index of everyone already in {@code previous};
     * new persons get indexes after the highest one {@code previous} handed out. Cost beyond the zones:
     * O(persons) to carry the indexes over.
     */
    public static ZoneSnapshot buildRules(List<Zone> zones, Map<UUID, PersonRuleSpec> specs, ZoneSnapshot previous) {
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
        int length = previous.personIds.length;
        for (UUID person : byPerson.keySet()) {
            length += previous.personIndex(person) < 0 ? 1 : 0;
        }
        UUID[] ids = new UUID[length];
        PersonRules[] rules = new PersonRules[length];
        java.util.Arrays.fill(rules, PersonRules.NONE);
        int next = previous.personIds.length;
        for (Map.Entry<UUID, PersonRules> e : byPerson.entrySet()) {
            int i = previous.personIndex(e.getKey());
            if (i < 0) {
                i = next++;
            }
            ids[i] = e.getKey();
            rules[i] = e.getValue();
        }
        return new ZoneSnapshot(Map.copyOf(prepared), ids, rules);
    }

    /** The person's rules ({@link PersonRules#NONE} when none): one probe of a flat table, no allocation. */
    public PersonRules zonesFor(UUID personId) {
        int i = indexes.indexOf(personId);
        return i < 0 ? PersonRules.NONE : rules[i];
    }

    /**
     * The person's dense index in this snapshot (and in every snapshot built from it), or -1 when the
     * person has no rules here. One probe of a flat table: meant to be called once per device binding.
     */
    public int personIndex(UUID personId) {
        return indexes.indexOf(personId);
    }

    /**
     * The rules of the person with index {@code index} ({@link PersonRules#NONE} for a hole or an index
     * this snapshot has not handed out yet): one array read, the per-fix fast path.
     */
    public PersonRules rulesAt(int index) {
        return index >= 0 && index < rules.length ? rules[index] : PersonRules.NONE;
    }

    /** Every person's hot rule data packed by person index, for the evaluator's fast path. */
    public PackedPersonRules packedRules() {
        return packed;
    }

    /** The person with index {@code index}, or null for a hole or an unknown index. */
    public UUID personAt(int index) {
        return index >= 0 && index < personIds.length ? personIds[index] : null;
    }

    /** One more than the highest person index handed out: the size for arrays indexed by person. */
    public int personIndexBound() {
        return personIds.length;
    }

    public Optional<PreparedZone> zone(UUID zoneId) {
        return Optional.ofNullable(zones.get(zoneId));
    }

    public int zoneCount() {
        return zones.size();
    }

    public int personCount() {
        return indexes.size();
    }
}
