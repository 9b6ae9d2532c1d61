package org.tether.server.points;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Months of the assessment: calendar months in Asia/Shanghai, where the agencies work. */
public final class AssessmentMonth {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private AssessmentMonth() {
    }

    /** {@code yyyy-MM}, or empty if the text is not one. */
    public static java.util.Optional<YearMonth> parse(String text) {
        if (text == null || !text.matches("\\d{4}-\\d{2}")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(YearMonth.parse(text));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }

    public static YearMonth current(Clock clock) {
        return YearMonth.from(today(clock));
    }

    /** The earliest day month {@code m} may be closed: day {@code closeDay} of the following month. */
    public static LocalDate closableFrom(YearMonth m, int closeDay) {
        return m.plusMonths(1).atDay(closeDay);
    }
}
