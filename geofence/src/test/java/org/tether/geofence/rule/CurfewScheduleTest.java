package org.tether.geofence.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CurfewScheduleTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** Monday 2025-03-03 in Shanghai; 2025-03-02 is a Sunday. */
    private static final LocalDate MONDAY = LocalDate.of(2025, 3, 3);

    private static Instant shanghai(LocalDate date, int hour, int minute) {
        return ZonedDateTime.of(date, LocalTime.of(hour, minute), SHANGHAI).toInstant();
    }

    private static CurfewWindow window(DayOfWeek day, int startH, int startM, int endH, int endM) {
        return new CurfewWindow(day, LocalTime.of(startH, startM), LocalTime.of(endH, endM));
    }

    private static CurfewSchedule schedule(CurfewWindow... windows) {
        return new CurfewSchedule(List.of(windows));
    }

    @Test
    void theFixtureDatesAreTheWeekdaysTheTestsSayTheyAre() {
        assertEquals(DayOfWeek.MONDAY, MONDAY.getDayOfWeek());
        assertEquals(DayOfWeek.SUNDAY, MONDAY.minusDays(1).getDayOfWeek());
    }

    // ---------------------------------------------------------------------------------------------
    // one overnight window

    @Test
    void anOvernightWindowRunsFromItsStartOnTheDayToItsEndOnTheNextDay() {
        CurfewSchedule s = schedule(window(DayOfWeek.MONDAY, 22, 0, 6, 0));
        LocalDate tuesday = MONDAY.plusDays(1);

        assertTrue(s.isActiveAt(shanghai(MONDAY, 22, 0)), "Monday 22:00, the first minute");
        assertTrue(s.isActiveAt(shanghai(MONDAY, 23, 59)), "Monday 23:59");
        assertTrue(s.isActiveAt(shanghai(tuesday, 0, 0)), "Tuesday 00:00, past midnight");
        assertTrue(s.isActiveAt(shanghai(tuesday, 5, 59)), "Tuesday 05:59, the last minute");
        assertTrue(s.isActiveAt(shanghai(tuesday, 5, 59).plusSeconds(59).plusNanos(999_999_999)),
                "Tuesday 05:59:59.999999999");

        assertFalse(s.isActiveAt(shanghai(MONDAY, 21, 59)), "Monday 21:59");
        assertFalse(s.isActiveAt(shanghai(MONDAY, 22, 0).minusNanos(1)), "one nanosecond before 22:00");
        assertFalse(s.isActiveAt(shanghai(tuesday, 6, 0)), "Tuesday 06:00: the end is exclusive");
        assertFalse(s.isActiveAt(shanghai(tuesday, 22, 0)), "Tuesday 22:00: the window is Monday's only");
        assertFalse(s.isActiveAt(shanghai(MONDAY, 5, 0)), "Monday 05:00: that would be Sunday night's window");
        // The same Monday one week later and one week earlier.
        assertTrue(s.isActiveAt(shanghai(MONDAY.plusWeeks(1), 22, 30)));
        assertTrue(s.isActiveAt(shanghai(MONDAY.minusWeeks(52), 23, 30)));
        assertFalse(s.isActiveAt(shanghai(MONDAY.plusWeeks(1), 21, 30)));
    }

    @Test
    void theWindowIsInShanghaiTimeNotUtc() {
        CurfewSchedule s = schedule(window(DayOfWeek.MONDAY, 22, 0, 6, 0));
        // Monday 22:00 UTC is Tuesday 06:00 in Shanghai: just after the window.
        assertFalse(s.isActiveAt(Instant.parse("2025-03-03T22:00:00Z")));
        // Monday 14:00 UTC is Monday 22:00 in Shanghai; Monday 21:59 UTC is Tuesday 05:59 there.
        assertTrue(s.isActiveAt(Instant.parse("2025-03-03T14:00:00Z")));
        assertTrue(s.isActiveAt(Instant.parse("2025-03-03T21:59:00Z")));
        assertFalse(s.isActiveAt(Instant.parse("2025-03-03T13:59:59Z")));
    }

    @Test
    void aSundayNightWindowWrapsIntoMondayAcrossTheEndOfTheWeek() {
        CurfewSchedule s = schedule(window(DayOfWeek.SUNDAY, 23, 0, 1, 0));
        LocalDate sunday = MONDAY.minusDays(1);
        assertTrue(s.isActiveAt(shanghai(sunday, 23, 0)));
        assertTrue(s.isActiveAt(shanghai(sunday, 23, 59)));
        assertTrue(s.isActiveAt(shanghai(MONDAY, 0, 0)), "Monday 00:00 is minute 0 of the next week");
        assertTrue(s.isActiveAt(shanghai(MONDAY, 0, 59)));
        assertFalse(s.isActiveAt(shanghai(MONDAY, 1, 0)));
        assertFalse(s.isActiveAt(shanghai(sunday, 22, 59)));
        // Nothing else in the week: every other minute is off.
        int on = 0;
        for (Instant t = shanghai(MONDAY, 0, 0); t.isBefore(shanghai(MONDAY.plusWeeks(1), 0, 0)); t = t.plusSeconds(60)) {
            on += s.isActiveAt(t) ? 1 : 0;
        }
        assertEquals(120, on, "minutes on in one week");
    }

    @Test
    void startEqualToEndIsAFullDay() {
        CurfewWindow w = window(DayOfWeek.WEDNESDAY, 8, 0, 8, 0);
        assertEquals(1440, w.lengthMinutes());
        CurfewSchedule s = schedule(w);
        LocalDate wednesday = MONDAY.plusDays(2);
        assertFalse(s.isActiveAt(shanghai(wednesday, 7, 59)));
        assertTrue(s.isActiveAt(shanghai(wednesday, 8, 0)));
        assertTrue(s.isActiveAt(shanghai(wednesday, 20, 0)));
        assertTrue(s.isActiveAt(shanghai(wednesday.plusDays(1), 7, 59)));
        assertFalse(s.isActiveAt(shanghai(wednesday.plusDays(1), 8, 0)));
        // Midnight to midnight too.
        CurfewSchedule day = schedule(window(DayOfWeek.FRIDAY, 0, 0, 0, 0));
        LocalDate friday = MONDAY.plusDays(4);
        assertTrue(day.isActiveAt(shanghai(friday, 0, 0)));
        assertTrue(day.isActiveAt(shanghai(friday, 23, 59)));
        assertFalse(day.isActiveAt(shanghai(friday.plusDays(1), 0, 0)));
        assertFalse(day.isActiveAt(shanghai(friday, 0, 0).minusSeconds(1)));
    }

    @Test
    void lengthsInMinutes() {
        assertEquals(480, window(DayOfWeek.MONDAY, 22, 0, 6, 0).lengthMinutes());
        assertEquals(120, window(DayOfWeek.SUNDAY, 23, 0, 1, 0).lengthMinutes());
        assertEquals(1, window(DayOfWeek.MONDAY, 12, 0, 12, 1).lengthMinutes());
        assertEquals(1439, window(DayOfWeek.MONDAY, 12, 1, 12, 0).lengthMinutes());
        assertEquals(1439, window(DayOfWeek.MONDAY, 0, 0, 23, 59).lengthMinutes());
        // Seconds are ignored: curfews are set to the minute.
        assertEquals(480, new CurfewWindow(DayOfWeek.MONDAY, LocalTime.of(22, 0, 30), LocalTime.of(6, 0, 45))
                .lengthMinutes());
        assertEquals(1440, new CurfewWindow(DayOfWeek.MONDAY, LocalTime.of(22, 0, 30), LocalTime.of(22, 0, 10))
                .lengthMinutes());
        assertEquals(0, window(DayOfWeek.MONDAY, 0, 0, 1, 0).startMinuteOfWeek());
        assertEquals(6 * 1440 + 23 * 60, window(DayOfWeek.SUNDAY, 23, 0, 1, 0).startMinuteOfWeek());
    }

    @Test
    void aWindowNeedsDayStartAndEnd() {
        assertThrows(NullPointerException.class, () -> new CurfewWindow(null, LocalTime.NOON, LocalTime.MIDNIGHT));
        assertThrows(NullPointerException.class, () -> new CurfewWindow(DayOfWeek.MONDAY, null, LocalTime.MIDNIGHT));
        assertThrows(NullPointerException.class, () -> new CurfewWindow(DayOfWeek.MONDAY, LocalTime.NOON, null));
    }

    // ---------------------------------------------------------------------------------------------
    // several windows

    @Test
    void severalWindowsEachCountAndOverlapsDoNotCancel() {
        CurfewSchedule s = schedule(
                window(DayOfWeek.MONDAY, 22, 0, 6, 0),
                window(DayOfWeek.TUESDAY, 5, 0, 7, 0),      // overlaps Monday night's tail
                window(DayOfWeek.SATURDAY, 12, 0, 14, 0));
        LocalDate tuesday = MONDAY.plusDays(1);
        LocalDate saturday = MONDAY.plusDays(5);
        assertTrue(s.isActiveAt(shanghai(MONDAY, 23, 0)));
        assertTrue(s.isActiveAt(shanghai(tuesday, 5, 30)), "in both");
        assertTrue(s.isActiveAt(shanghai(tuesday, 6, 30)), "only in Tuesday's");
        assertFalse(s.isActiveAt(shanghai(tuesday, 7, 0)));
        assertTrue(s.isActiveAt(shanghai(saturday, 12, 0)));
        assertTrue(s.isActiveAt(shanghai(saturday, 13, 59)));
        assertFalse(s.isActiveAt(shanghai(saturday, 14, 0)));
        assertFalse(s.isActiveAt(shanghai(saturday, 11, 59)));
        assertFalse(s.isActiveAt(shanghai(MONDAY.plusDays(3), 23, 0)), "Thursday night: no window");
        assertEquals(3, s.windows().size());
        assertFalse(s.isEmpty());
    }

    @Test
    void theSameWindowEveryNight() {
        List<CurfewWindow> nightly = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            nightly.add(window(d, 22, 0, 6, 0));
        }
        CurfewSchedule s = new CurfewSchedule(nightly);
        for (int day = 0; day < 7; day++) {
            LocalDate date = MONDAY.plusDays(day);
            assertTrue(s.isActiveAt(shanghai(date, 22, 0)), date.toString());
            assertTrue(s.isActiveAt(shanghai(date, 3, 0)), date.toString());
            assertFalse(s.isActiveAt(shanghai(date, 6, 0)), date.toString());
            assertFalse(s.isActiveAt(shanghai(date, 12, 0)), date.toString());
            assertFalse(s.isActiveAt(shanghai(date, 21, 59)), date.toString());
        }
    }

    @Test
    void anEmptyScheduleIsNeverActive() {
        CurfewSchedule s = new CurfewSchedule(List.of());
        assertTrue(s.isEmpty());
        for (int h = 0; h < 24 * 7; h++) {
            assertFalse(s.isActiveAt(shanghai(MONDAY, 0, 0).plusSeconds(3600L * h)));
        }
    }

    @Test
    void theScheduleDoesNotSeeLaterChangesToItsInput() {
        List<CurfewWindow> windows = new ArrayList<>(List.of(window(DayOfWeek.MONDAY, 22, 0, 6, 0)));
        CurfewSchedule s = new CurfewSchedule(windows);
        windows.add(window(DayOfWeek.THURSDAY, 10, 0, 11, 0));
        assertFalse(s.isActiveAt(shanghai(MONDAY.plusDays(3), 10, 30)));
        assertEquals(1, s.windows().size());
        assertThrows(UnsupportedOperationException.class, () -> s.windows().clear());
    }

    @Test
    void beforeTheEpochTheWeekStillLinesUp() {
        // 1969-12-29 was a Monday; the epoch second is negative here, so this checks the floor arithmetic.
        LocalDate monday1969 = LocalDate.of(1969, 12, 29);
        assertEquals(DayOfWeek.MONDAY, monday1969.getDayOfWeek());
        CurfewSchedule s = schedule(window(DayOfWeek.MONDAY, 22, 0, 6, 0));
        Instant start = ZonedDateTime.of(monday1969, LocalTime.of(22, 0), ZoneId.of("UTC+8")).toInstant();
        assertTrue(start.getEpochSecond() < 0);
        assertTrue(s.isActiveAt(start));
        assertFalse(s.isActiveAt(start.minusSeconds(1)));
        assertTrue(s.isActiveAt(start.plus(8, ChronoUnit.HOURS).minusSeconds(1)));
        assertFalse(s.isActiveAt(start.plus(8, ChronoUnit.HOURS)));
    }

    @Test
    void theFixedOffsetIsDeliberatelyNotTheHistoricalSummerTimeOf1986To1991() {
        // Shanghai kept summer time (UTC+9) 1986–1991; the schedule uses UTC+8 throughout, because
        // fixes from before 1992 are refused. On 1990-07-02 (a Monday) 22:00 by the wall clock of the
        // day was 21:00 UTC+8, so the schedule is off there: documented, not accidental.
        LocalDate monday1990 = LocalDate.of(1990, 7, 2);
        assertEquals(DayOfWeek.MONDAY, monday1990.getDayOfWeek());
        Instant wallClock22 = ZonedDateTime.of(monday1990, LocalTime.of(22, 0), SHANGHAI).toInstant();
        assertEquals(9 * 3600, SHANGHAI.getRules().getOffset(wallClock22).getTotalSeconds(), "tz database: UTC+9");
        CurfewSchedule s = schedule(window(DayOfWeek.MONDAY, 22, 0, 6, 0));
        assertFalse(s.isActiveAt(wallClock22));
        assertTrue(s.isActiveAt(wallClock22.plusSeconds(3600)));
    }

    // ---------------------------------------------------------------------------------------------
    // against the tz database

    /**
     * A slow, independent reading of a schedule: for each window, build its occurrences that could
     * contain {@code t} as ZonedDateTimes in Asia/Shanghai from the tz database, and check whether
     * {@code t} falls in one of them.
     */
    private static boolean referenceIsActive(List<CurfewWindow> windows, Instant t) {
        ZonedDateTime local = t.atZone(SHANGHAI);
        for (CurfewWindow w : windows) {
            LocalTime start = w.start().truncatedTo(ChronoUnit.MINUTES);
            LocalTime end = w.end().truncatedTo(ChronoUnit.MINUTES);
            // An occurrence is at most 24 h long, so it started on t's local date or the day before.
            for (LocalDate date : List.of(local.toLocalDate().minusDays(1), local.toLocalDate())) {
                if (date.getDayOfWeek() != w.day()) {
                    continue;
                }
                LocalDateTime from = LocalDateTime.of(date, start);
                LocalDateTime to = end.isAfter(start) ? LocalDateTime.of(date, end)
                        : LocalDateTime.of(date.plusDays(1), end);
                Instant a = from.atZone(SHANGHAI).toInstant();
                Instant b = to.atZone(SHANGHAI).toInstant();
                if (!t.isBefore(a) && t.isBefore(b)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static CurfewWindow randomWindow(Random rnd) {
        DayOfWeek day = DayOfWeek.of(1 + rnd.nextInt(7));
        LocalTime start = LocalTime.of(rnd.nextInt(24), rnd.nextInt(60));
        // A quarter of the windows are start == end (24 h); the rest any length, many overnight.
        LocalTime end = rnd.nextInt(4) == 0 ? start : LocalTime.of(rnd.nextInt(24), rnd.nextInt(60));
        return new CurfewWindow(day, start, end);
    }

    @Test
    void agreesWithTheTzDatabaseOnTenThousandRandomInstantsFrom2000To2030() {
        Random rnd = new Random(20250303);
        long from = ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, SHANGHAI).toEpochSecond();
        long to = ZonedDateTime.of(2031, 1, 1, 0, 0, 0, 0, SHANGHAI).toEpochSecond();
        int active = 0;
        int checked = 0;
        for (int round = 0; round < 100; round++) {
            List<CurfewWindow> windows = new ArrayList<>();
            int n = 1 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                windows.add(randomWindow(rnd));
            }
            CurfewSchedule s = new CurfewSchedule(windows);
            for (int i = 0; i < 100; i++) {
                Instant t;
                if (i % 4 == 0) {
                    // Right at a window's edges, where an off-by-one would show.
                    CurfewWindow w = windows.get(rnd.nextInt(n));
                    LocalDate base = LocalDate.ofEpochDay(Math.floorDiv(from + (long) (rnd.nextDouble() * (to - from)), 86400));
                    while (base.getDayOfWeek() != w.day()) {
                        base = base.plusDays(1);
                    }
                    Instant start = ZonedDateTime.of(base, w.start(), SHANGHAI).toInstant();
                    Instant edge = rnd.nextBoolean() ? start : start.plusSeconds(60L * w.lengthMinutes());
                    t = edge.plusSeconds(rnd.nextInt(3) - 1);
                } else {
                    t = Instant.ofEpochSecond(from + (long) (rnd.nextDouble() * (to - from)), rnd.nextInt(1_000_000_000));
                }
                boolean expected = referenceIsActive(windows, t);
                Instant at = t;
                assertEquals(expected, s.isActiveAt(t), () -> windows + " at " + at + " = " + at.atZone(SHANGHAI));
                active += expected ? 1 : 0;
                checked++;
            }
        }
        assertEquals(10_000, checked);
        // The sample must exercise both answers substantially, or agreement would mean little.
        assertTrue(active > 1_000 && active < 9_000, "active in " + active + " of " + checked);
    }

    @Test
    void theTzDatabaseHasShanghaiAtUtcPlus8ThroughoutTheYearsChecked() {
        // What makes the fixed offset right: no transitions between 2000 and 2030.
        Instant start = Instant.parse("2000-01-01T00:00:00Z");
        Instant end = Instant.parse("2031-01-01T00:00:00Z");
        ZoneOffsetTransition next = SHANGHAI.getRules().nextTransition(start);
        assertTrue(next == null || !next.getInstant().isBefore(end), "transition " + next);
        assertEquals(8 * 3600, SHANGHAI.getRules().getOffset(start).getTotalSeconds());
    }
}
