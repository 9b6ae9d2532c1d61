package org.tether.server.inspection;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tether.server.points.AssessmentMonth;

/** A calendar quarter in Asia/Shanghai (where the agencies work), written {@code 2026-Q4}. */
public record Quarter(int year, int number) {

    private static final Pattern TEXT = Pattern.compile("(\\d{4})-Q([1-4])");

    public Quarter {
        if (number < 1 || number > 4) {
            throw new IllegalArgumentException("quarter " + number);
        }
    }

    /** {@code yyyy-Qn}, or empty if the text is not one. */
    public static Optional<Quarter> parse(String text) {
        Matcher m = text == null ? null : TEXT.matcher(text);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        return year < 2000 ? Optional.empty() : Optional.of(new Quarter(year, Integer.parseInt(m.group(2))));
    }

    public YearMonth firstMonth() {
        return YearMonth.of(year, (number - 1) * 3 + 1);
    }

    public List<YearMonth> months() {
        YearMonth first = firstMonth();
        return List.of(first, first.plusMonths(1), first.plusMonths(2));
    }

    public LocalDate firstDay() {
        return firstMonth().atDay(1);
    }

    /** The first day after the quarter. */
    public LocalDate endDay() {
        return firstMonth().plusMonths(3).atDay(1);
    }

    public OffsetDateTime start() {
        return firstDay().atStartOfDay(AssessmentMonth.ZONE).toOffsetDateTime();
    }

    /** Exclusive. */
    public OffsetDateTime end() {
        return endDay().atStartOfDay(AssessmentMonth.ZONE).toOffsetDateTime();
    }

    @Override
    public String toString() {
        return year + "-Q" + number;
    }
}
