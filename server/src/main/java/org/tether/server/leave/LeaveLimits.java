package org.tether.server.leave;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tether.server.config.TetherConfig.LeaveConfig;
import org.tether.server.staff.StaffRole;

/**
 * The approval limits for leave (外出请假), from {@code leave.*} in the configuration. A leave's length is
 * its approved period in 24-hour days (a week from Monday 08:00 to the next Monday 08:00 is 7 days); the
 * yearly total is the part of each approved leave of the person that falls in the calendar year
 * (Asia/Shanghai), so a leave across New Year counts in both years.
 *
 * <ul>
 *   <li>{@link Rule#OFFICER_MAX_DAYS}: an officer of the justice office (司法所) approves up to
 *       {@code officerMaxDays}; longer needs a county supervisor (县级社区矫正机构) — 403.</li>
 *   <li>{@link Rule#MAX_DAYS}: no single leave longer than {@code maxDays} — 422.</li>
 *   <li>{@link Rule#MAX_DAYS_PER_YEAR}: approved leave per person and calendar year at most
 *       {@code maxDaysPerYear} — 422.</li>
 * </ul>
 */
public final class LeaveLimits {

    static final ZoneId CALENDAR = ZoneId.of("Asia/Shanghai");
    private static final Duration DAY = Duration.ofDays(1);

    /** Which limit a leave breaks. */
    public enum Rule {
        OFFICER_MAX_DAYS(403), MAX_DAYS(422), MAX_DAYS_PER_YEAR(422);

        private final int status;

        Rule(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** A leave that breaks a limit; {@code field} is the request field to show it at. */
    public static final class Violation extends RuntimeException {

        private final Rule rule;
        private final String field;

        Violation(Rule rule, String field, String detail) {
            super(detail, null, false, false);
            this.rule = rule;
            this.field = field;
        }

        public Rule rule() {
            return rule;
        }

        public String field() {
            return field;
        }
    }

    private final LeaveConfig config;

    public LeaveLimits(LeaveConfig config) {
        this.config = config;
    }

    /** Days an officer may approve alone; longer leaves need a county supervisor. */
    public int officerMaxDays() {
        return config.officerMaxDays();
    }

    /** The role that may approve a leave of this period (for the officer's list). */
    public StaffRole approverFor(Instant from, Instant to) {
        return Duration.between(from, to).compareTo(DAY.multipliedBy(config.officerMaxDays())) <= 0
                ? StaffRole.OFFICER : StaffRole.COUNTY_SUPERVISOR;
    }

    /** The single-leave limit, checked when the person asks (before anyone decides). */
    public void checkLength(Instant from, Instant to, String endField) {
        Duration length = Duration.between(from, to);
        if (length.compareTo(DAY.multipliedBy(config.maxDays())) > 0) {
            throw new Violation(Rule.MAX_DAYS, endField, "rule MAX_DAYS: a single leave may last at most "
                    + config.maxDays() + " days; this one lasts " + days(length.toSeconds()) + " days");
        }
    }

    /**
     * Every limit for {@code approver} granting [{@code from}, {@code to}) to the person. The caller holds
     * the person's row lock, so two approvals for one person cannot both pass the yearly total.
     */
    public Future<Void> checkApproval(SqlClient tx, UUID personId, StaffRole approver, Instant from, Instant to,
                                      String endField) {
        try {
            checkLength(from, to, endField);
            if (approver != StaffRole.COUNTY_SUPERVISOR && approverFor(from, to) == StaffRole.COUNTY_SUPERVISOR) {
                throw new Violation(Rule.OFFICER_MAX_DAYS, endField, "rule OFFICER_MAX_DAYS: a justice-office officer"
                        + " (司法所) may approve a leave of at most " + config.officerMaxDays() + " days; this one lasts "
                        + days(Duration.between(from, to).toSeconds()) + " days and needs a county supervisor"
                        + " (县级社区矫正机构)");
            }
        } catch (Violation v) {
            return Future.failedFuture(v);
        }
        return checkYear(tx, personId, from, to, endField);
    }

    /** The yearly total with this leave added (approved leaves only; pending requests do not count). */
    public Future<Void> checkYear(SqlClient tx, UUID personId, Instant from, Instant to, String endField) {
        Future<Void> chain = Future.succeededFuture();
        for (Instant[] year : years(from, to)) {
            long added = Duration.between(max(from, year[0]), min(to, year[1])).toSeconds();
            chain = chain.compose(v -> tx.preparedQuery("""
                            SELECT coalesce(sum(extract(epoch FROM least(ends_at, $3) - greatest(starts_at, $2))), 0)::float8
                                   AS secs
                              FROM leave_permits WHERE person_id = $1 AND ends_at > $2 AND starts_at < $3""")
                    .execute(Tuple.of(personId, year[0].atOffset(ZoneOffset.UTC), year[1].atOffset(ZoneOffset.UTC)))
                    .compose(rows -> {
                        long approved = (long) rows.iterator().next().getDouble("secs").doubleValue();
                        if (approved + added > DAY.multipliedBy(config.maxDaysPerYear()).toSeconds()) {
                            int y = year[0].atZone(CALENDAR).getYear();
                            return Future.failedFuture(new Violation(Rule.MAX_DAYS_PER_YEAR, endField,
                                    "rule MAX_DAYS_PER_YEAR: at most " + config.maxDaysPerYear() + " days of leave per"
                                            + " calendar year; in " + y + " the person has " + days(approved)
                                            + " days approved and this leave adds " + days(added)));
                        }
                        return Future.succeededFuture();
                    }));
        }
        return chain;
    }

    /** The calendar years (Asia/Shanghai) the period touches, as [start, end) instants. */
    private static List<Instant[]> years(Instant from, Instant to) {
        List<Instant[]> out = new ArrayList<>();
        int first = from.atZone(CALENDAR).getYear();
        int last = to.minusNanos(1).atZone(CALENDAR).getYear();
        for (int y = first; y <= last; y++) {
            out.add(new Instant[] {java.time.LocalDate.of(y, 1, 1).atStartOfDay(CALENDAR).toInstant(),
                    java.time.LocalDate.of(y + 1, 1, 1).atStartOfDay(CALENDAR).toInstant()});
        }
        return out;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static String days(long seconds) {
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(86_400), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }
}
