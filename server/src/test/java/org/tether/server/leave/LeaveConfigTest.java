package org.tether.server.leave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tether.server.config.ConfigException;
import org.tether.server.config.ConfigLoader;
import org.tether.server.config.TetherConfig.LeaveConfig;
import org.tether.server.staff.StaffRole;

/** The leave approval limits: their defaults, their validation, and the length rule they give. */
class LeaveConfigTest {

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void defaultsAreSevenThirtyAndSixtyDays() {
        LeaveConfig c = loader.load(Optional.empty(), Map.of()).leave();
        assertEquals(new LeaveConfig(7, 30, 60), c);
        LeaveConfig changed = loader.load(Optional.empty(), Map.of("TETHER_LEAVE_OFFICERMAXDAYS", "3")).leave();
        assertEquals(3, changed.officerMaxDays());
    }

    @Test
    void inconsistentLimitsFailNamingTheKey() {
        for (Map.Entry<String, String> bad : Map.of(
                "TETHER_LEAVE_OFFICERMAXDAYS", "leave.officerMaxDays",
                "TETHER_LEAVE_MAXDAYS", "leave.maxDays",
                "TETHER_LEAVE_MAXDAYSPERYEAR", "leave.maxDaysPerYear").entrySet()) {
            ConfigException zero = assertThrows(ConfigException.class,
                    () -> loader.load(Optional.empty(), Map.of(bad.getKey(), "0")));
            assertTrue(zero.getMessage().contains(bad.getValue()), zero.getMessage());
        }
        ConfigException officer = assertThrows(ConfigException.class,
                () -> loader.load(Optional.empty(), Map.of("TETHER_LEAVE_OFFICERMAXDAYS", "31")));
        assertTrue(officer.getMessage().contains("leave.officerMaxDays"), officer.getMessage());
        ConfigException single = assertThrows(ConfigException.class,
                () -> loader.load(Optional.empty(), Map.of("TETHER_LEAVE_MAXDAYS", "61")));
        assertTrue(single.getMessage().contains("leave.maxDays"), single.getMessage());
        ConfigException year = assertThrows(ConfigException.class,
                () -> loader.load(Optional.empty(), Map.of("TETHER_LEAVE_MAXDAYSPERYEAR", "400")));
        assertTrue(year.getMessage().contains("leave.maxDaysPerYear"), year.getMessage());
    }

    @Test
    void sevenDaysExactlyIsTheOfficersAndASecondMoreIsNot() {
        LeaveLimits limits = new LeaveLimits(new LeaveConfig(7, 30, 60));
        Instant from = Instant.parse("2027-03-01T00:00:00Z");
        assertEquals(StaffRole.OFFICER, limits.approverFor(from, from.plus(Duration.ofDays(7))));
        assertEquals(StaffRole.COUNTY_SUPERVISOR, limits.approverFor(from, from.plus(Duration.ofDays(7)).plusSeconds(1)));
        limits.checkLength(from, from.plus(Duration.ofDays(30)), "to");
        LeaveLimits.Violation v = assertThrows(LeaveLimits.Violation.class,
                () -> limits.checkLength(from, from.plus(Duration.ofDays(30)).plusSeconds(1), "to"));
        assertEquals(LeaveLimits.Rule.MAX_DAYS, v.rule());
        assertEquals("to", v.field());
        assertEquals(422, v.rule().status());
        assertEquals(403, LeaveLimits.Rule.OFFICER_MAX_DAYS.status());
    }
}
