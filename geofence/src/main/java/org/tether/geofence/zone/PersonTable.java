package org.tether.geofence.zone;

import java.util.UUID;

/**
 * Person id → dense person index (0 … n−1), as an open-addressing table over the ids' raw bits. A lookup
 * reads the two longs and the int of one slot, where a {@code Map<UUID, …>} also dereferences the stored
 * key object to compare it.
 *
 * <p>Used once per device binding (or per fix on the UUID path); the per-fix fast path holds the index
 * itself and reads {@link ZoneSnapshot#rulesAt(int)} without hashing anything.
 *
 * <p>Immutable after construction and thread-safe. Load factor at most 1/2; 20 bytes per slot.
 */
final class PersonTable {

    private final long[] keys;  // (msb, lsb) per slot
    private final int[] values; // the person index, -1 marks an empty slot
    private final int mask;
    private final int size;

    /** @param ids the persons; {@code ids[i]} gets index {@code i}; null entries are holes (skipped) */
    PersonTable(UUID[] ids) {
        int n = 0;
        for (UUID id : ids) {
            n += id == null ? 0 : 1;
        }
        int capacity = Integer.highestOneBit(Math.max(2, n * 2 - 1)) << 1;
        keys = new long[2 * capacity];
        values = new int[capacity];
        java.util.Arrays.fill(values, -1);
        mask = capacity - 1;
        size = n;
        for (int index = 0; index < ids.length; index++) {
            UUID id = ids[index];
            if (id == null) {
                continue;
            }
            long msb = id.getMostSignificantBits();
            long lsb = id.getLeastSignificantBits();
            int i = slot(msb, lsb);
            while (values[i] >= 0) {
                if (keys[2 * i] == msb && keys[2 * i + 1] == lsb) {
                    throw new IllegalArgumentException("person " + id + " listed twice");
                }
                i = (i + 1) & mask;
            }
            keys[2 * i] = msb;
            keys[2 * i + 1] = lsb;
            values[i] = index;
        }
    }

    /** The index of {@code id}, or -1. */
    int indexOf(UUID id) {
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        for (int i = slot(msb, lsb); ; i = (i + 1) & mask) {
            int v = values[i];
            if (v < 0) {
                return -1;
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
