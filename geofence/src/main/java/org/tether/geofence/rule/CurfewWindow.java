package org.tether.geofence.rule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Objects;

/**
 * One weekly curfew window (居家/宵禁) in Asia/Shanghai local time, starting on {@code day}. When
 * {@code end} is not after {@code start} the window crosses midnight and ends on the next day
 * (22:00–06:00); {@code start == end} means a full 24 hours.
 */
public record CurfewWindow(DayOfWeek day, LocalTime start, LocalTime end) {

    public CurfewWindow {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** Length in minutes, 1..1440 (seconds are ignored: curfews are set to the minute). */
    public int lengthMinutes() {
        int s = start.getHour() * 60 + start.getMinute();
        int e = end.getHour() * 60 + end.getMinute();
        int len = e - s;
        return len <= 0 ? len + 1440 : len;
    }

    /** Minute of the ISO week (Monday 00:00 = 0) at which the window starts. */
    int startMinuteOfWeek() {
        return (day.getValue() - 1) * 1440 + start.getHour() * 60 + start.getMinute();
    }
}
