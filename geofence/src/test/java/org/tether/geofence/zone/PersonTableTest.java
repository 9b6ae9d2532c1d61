package org.tether.geofence.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PersonTableTest {

    @Test
    void findsEveryPersonAndNoStranger() {
        Random rnd = new Random(3);
        UUID[] ids = new UUID[20_000];
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < ids.length; i++) {
            // Some ids share their high or low half, to exercise collisions in the probe.
            long msb = i % 7 == 0 ? 42 : rnd.nextLong();
            long lsb = i % 11 == 0 ? 42 : rnd.nextLong();
            UUID id = new UUID(msb, lsb);
            // Every 13th index is a hole (a person removed since the index was handed out).
            ids[i] = i % 13 == 5 || !seen.add(id) ? null : id;
        }
        PersonTable table = new PersonTable(ids);
        assertEquals((int) java.util.Arrays.stream(ids).filter(java.util.Objects::nonNull).count(), table.size());
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != null) {
                assertEquals(i, table.indexOf(new UUID(ids[i].getMostSignificantBits(),
                        ids[i].getLeastSignificantBits())));
            }
        }
        for (int i = 0; i < 20_000; i++) {
            UUID stranger = new UUID(rnd.nextLong(), rnd.nextLong());
            if (!seen.contains(stranger)) {
                assertEquals(-1, table.indexOf(stranger));
            }
        }
        assertEquals(-1, new PersonTable(new UUID[0]).indexOf(UUID.randomUUID()));
    }

    @Test
    void refusesADuplicate() {
        UUID id = UUID.randomUUID();
        assertThrows(IllegalArgumentException.class, () -> new PersonTable(new UUID[] {id, id}));
    }
}
