package org.tether.geofence.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PersonTableTest {

    @Test
    void findsEveryPersonAndNoStranger() {
        Random rnd = new Random(3);
        Map<UUID, PersonRules> byPerson = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            // Some ids share their high or low half, to exercise collisions in the probe.
            long msb = i % 7 == 0 ? 42 : rnd.nextLong();
            long lsb = i % 11 == 0 ? 42 : rnd.nextLong();
            byPerson.put(new UUID(msb, lsb), new PersonRules(List.of(), List.of()));
        }
        PersonTable table = new PersonTable(byPerson);
        assertEquals(byPerson.size(), table.size());
        byPerson.forEach((id, rules) -> assertSame(rules, table.get(new UUID(id.getMostSignificantBits(),
                id.getLeastSignificantBits()))));
        for (int i = 0; i < 20_000; i++) {
            UUID stranger = new UUID(rnd.nextLong(), rnd.nextLong());
            if (!byPerson.containsKey(stranger)) {
                assertNull(table.get(stranger));
            }
        }
        assertNull(new PersonTable(Map.of()).get(UUID.randomUUID()));
    }
}
