package org.tether.server.points;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.tether.server.config.TetherConfig.ProposalConfig;
import org.tether.server.registry.SupervisionTier;

/**
 * Decides what a month's close proposes for one person. Proposals only: an officer accepts or rejects
 * each one; nothing here changes a tier or records a sanction. Pure, so the rules are tested alone.
 */
public final class ProposalRules {

    private final ProposalConfig config;

    public ProposalRules(ProposalConfig config) {
        this.config = config;
    }

    public ProposalConfig config() {
        return config;
    }

    /** How many months before the closed one the rules need grades for. */
    public int monthsOfHistory() {
        return Math.max(config.failingMonthsForStrict(), config.goodMonthsForLighter()) - 1;
    }

    /**
     * @param now the time of the close: a lost contact still going on counts up to now
     */
    public List<ProposedAction> propose(YearMonth month, AssessmentResult result, ProposalFacts facts, OffsetDateTime now) {
        List<ProposedAction> out = new ArrayList<>();
        SupervisionTier tier = result.tier();
        if (tier != SupervisionTier.STRICT && run(month, result.grade(), facts, Grade.FAIL, config.failingMonthsForStrict())) {
            out.add(new ProposedAction(result.personId(), ProposalRule.FAILING_MONTHS, SupervisionTier.STRICT, null,
                    "连续" + config.failingMonthsForStrict() + "个月考核不合格（截至" + month + "），建议调整为严管"));
        }
        if (tier != SupervisionTier.LENIENT && run(month, result.grade(), facts, Grade.GOOD, config.goodMonthsForLighter())) {
            SupervisionTier lighter = tier == SupervisionTier.STRICT ? SupervisionTier.NORMAL : SupervisionTier.LENIENT;
            out.add(new ProposedAction(result.personId(), ProposalRule.GOOD_MONTHS, lighter, null,
                    "连续" + config.goodMonthsForLighter() + "个月考核良好（截至" + month + "），建议调整为"
                            + (lighter == SupervisionTier.NORMAL ? "普管" : "宽管")));
        }
        repeatedReprimands(month, facts).ifPresent(basis ->
                out.add(new ProposedAction(result.personId(), ProposalRule.REPEATED_REPRIMANDS, null, PointsKind.WARNING, basis)));
        lostContact(month, facts, now).ifPresent(basis ->
                out.add(new ProposedAction(result.personId(), ProposalRule.LOST_CONTACT, null, PointsKind.WARNING, basis)));
        return out;
    }

    /** Whether {@code month} and the {@code count - 1} months before it all have {@code grade}. */
    private static boolean run(YearMonth month, Grade current, ProposalFacts facts, Grade grade, int count) {
        if (current != grade) {
            return false;
        }
        for (int i = 1; i < count; i++) {
            if (facts.earlierGrades().get(month.minusMonths(i)) != grade) {
                return false;
            }
        }
        return true;
    }

    /**
     * Enough 训诫 since the last 警告 within the window, one of them in this month (so a later close
     * does not propose the same warning again for the same reprimands).
     */
    private java.util.Optional<String> repeatedReprimands(YearMonth month, ProposalFacts facts) {
        LocalDate end = month.atEndOfMonth();
        LocalDate windowStart = end.minusDays(config.reprimandWindowDays() - 1L);
        List<LocalDate> counted = facts.reprimands().stream()
                .filter(d -> !d.isBefore(windowStart) && !d.isAfter(end))
                .filter(d -> facts.lastWarning().map(w -> d.isAfter(w)).orElse(true))
                .sorted().toList();
        boolean oneThisMonth = counted.stream().anyMatch(d -> YearMonth.from(d).equals(month));
        if (counted.size() < config.reprimandsForWarning() || !oneThisMonth) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(config.reprimandWindowDays() + "日内训诫" + counted.size() + "次（"
                + counted.stream().map(LocalDate::toString).collect(Collectors.joining("、")) + "），建议给予警告");
    }

    /**
     * A lost-contact condition that passed the threshold during this month (so each is proposed once),
     * with no 警告 recorded since it began.
     */
    private java.util.Optional<String> lostContact(YearMonth month, ProposalFacts facts, OffsetDateTime now) {
        Duration threshold = Duration.ofDays(config.lostContactDays());
        for (ProposalFacts.LostContact lc : facts.lostContact()) {
            OffsetDateTime until = lc.until() == null ? now : lc.until();
            OffsetDateTime crossed = lc.from().plus(threshold);
            if (!until.isAfter(crossed)) {
                continue;
            }
            YearMonth crossedIn = YearMonth.from(crossed.atZoneSameInstant(AssessmentMonth.ZONE));
            LocalDate began = lc.from().atZoneSameInstant(AssessmentMonth.ZONE).toLocalDate();
            boolean warnedSince = facts.lastWarning().map(w -> !w.isBefore(began)).orElse(false);
            if (crossedIn.equals(month) && !warnedSince) {
                long days = Duration.between(lc.from(), until).toDays();
                return java.util.Optional.of("失联超过" + config.lostContactDays() + "日（告警#" + lc.alertId() + "，自"
                        + began + "起" + (lc.until() == null ? "至今" : "") + "约" + days + "日），建议给予警告");
            }
        }
        return java.util.Optional.empty();
    }
}
