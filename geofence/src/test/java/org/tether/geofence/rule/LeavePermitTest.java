package org.tether.geofence.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tether.geofence.zone.ZoneFixtures.HANGZHOU;
import static org.tether.geofence.zone.ZoneFixtures.id;
import static org.tether.geofence.zone.ZoneFixtures.regular;
import static org.tether.geofence.zone.ZoneFixtures.zone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tether.geofence.zone.PreparedZone;
import org.tether.geofence.zone.ZoneKind;

class LeavePermitTest {

    private static final UUID ID = id("leave 1");
    private static final Instant FROM = Instant.parse("2025-03-03T01:00:00Z");
    private static final Instant TO = Instant.parse("2025-03-03T09:00:00Z");
    private static final PreparedZone HOSPITAL = new PreparedZone(zone("hospital", ZoneKind.INCLUSION,
            regular(HANGZHOU, 300, 8)));

    @Test
    void activeFromItsStartInclusiveToItsEndExclusive() {
        LeavePermit leave = new LeavePermit(ID, FROM, TO, List.of(HOSPITAL));
        assertTrue(leave.isActiveAt(FROM), "at from");
        assertTrue(leave.isActiveAt(FROM.plusNanos(1)));
        assertTrue(leave.isActiveAt(Instant.parse("2025-03-03T05:00:00Z")));
        assertTrue(leave.isActiveAt(TO.minusNanos(1)), "a nanosecond before to");
        assertFalse(leave.isActiveAt(TO), "at to");
        assertFalse(leave.isActiveAt(TO.plusSeconds(3600)));
        assertFalse(leave.isActiveAt(FROM.minusNanos(1)), "a nanosecond before from");
        assertFalse(leave.isActiveAt(FROM.minusSeconds(86400)));
    }

    @Test
    void aLeaveMustEndAfterItStarts() {
        IllegalArgumentException equal = assertThrows(IllegalArgumentException.class,
                () -> new LeavePermit(ID, FROM, FROM, List.of(HOSPITAL)));
        assertTrue(equal.getMessage().contains("end after"), equal.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LeavePermit(ID, TO, FROM, List.of(HOSPITAL)));
        assertThrows(IllegalArgumentException.class, () -> new LeavePermit(ID, FROM, FROM.minusNanos(1), List.of()));
        // The shortest valid leave: one nanosecond, active only at its start.
        LeavePermit shortest = new LeavePermit(ID, FROM, FROM.plusNanos(1), List.of());
        assertTrue(shortest.isActiveAt(FROM));
        assertFalse(shortest.isActiveAt(FROM.plusNanos(1)));
    }

    @Test
    void idAndTimesAreRequired() {
        assertThrows(NullPointerException.class, () -> new LeavePermit(null, FROM, TO, List.of()));
        assertThrows(NullPointerException.class, () -> new LeavePermit(ID, null, TO, List.of()));
        assertThrows(NullPointerException.class, () -> new LeavePermit(ID, FROM, null, List.of()));
    }

    @Test
    void theAreasAreACopy() {
        List<PreparedZone> areas = new ArrayList<>(List.of(HOSPITAL));
        LeavePermit leave = new LeavePermit(ID, FROM, TO, areas);
        areas.clear();
        assertEquals(1, leave.areas().size());
        assertSame(HOSPITAL, leave.areas().get(0));
        assertThrows(UnsupportedOperationException.class, () -> leave.areas().clear());
    }
}
