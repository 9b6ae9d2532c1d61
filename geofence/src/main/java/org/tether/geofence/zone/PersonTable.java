package org.tether.geofence.zone;

import java.util.Map;
import java.util.UUID;

/**
 * Person id → {@link PersonRules}, as an open-addressing table over the ids' raw bits. A lookup reads
 * the two longs of a slot (one cache line) and then the value, where a {@code Map<UUID, …>} also
 * dereferences the stored key object to compare it: one cache miss less per fix across 100,000 persons.
 *
 * <p>Immutable after construction and thread-safe. Load factor at most 1/2; about 20 bytes per slot.
 */
final class PersonTable {

    private final long[] keys;          // (msb, lsb) per slot
    private final PersonRules[] values; // null marks an empty slot
    private final int mask;
    private final int size;

    PersonTable(Map<UUID, PersonRules> byPerson) {
        int capacity = Integer.highestOneBit(Math.max(2, byPerson.size() * 2 - 1)) << 1;
        keys = new long[2 * capacity];
        values = new PersonRules[capacity];
        mask = capacity - 1;
        size = byPerson.size();
        byPerson.forEach((id, rules) -> {
            long msb = id.getMostSignificantBits();
            long lsb = id.getLeastSignificantBits();
            int i = slot(msb, lsb);
            while (values[i] != null) {
                i = (i + 1) & mask;
            }
            keys[2 * i] = msb;
            keys[2 * i + 1] = lsb;
            values[i] = rules;
        });
    }

    /** The rules of {@code id}, or null. */
    PersonRules get(UUID id) {
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        for (int i = slot(msb, lsb); ; i = (i + 1) & mask) {
            PersonRules v = values[i];
            if (v == null) {
                return null;
            }
            if (keys[2 * i] == msb && keys[2 * i + 1] == lsb) {
                return v;
            }
        }
    }

    int size() {
        return size;
    }

    private int slot(long msb, long lsb) {
        long h = (msb ^ Long.rotateLeft(lsb, 29)) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }
}
