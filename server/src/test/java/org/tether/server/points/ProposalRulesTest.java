package org.tether.server.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tether.server.config.TetherConfig.ProposalConfig;
import org.tether.server.registry.SupervisionTier;

/** The proposal rules alone: thresholds, runs of months, windows, and what is not proposed twice. */
class ProposalRulesTest {

    private static final YearMonth NOV = YearMonth.of(2026, 11);
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 3, 8, 0, 0, 0, ZoneOffset.UTC);
    private final ProposalRules rules = new ProposalRules(new ProposalConfig(2, 6, 2, 180, 10));
    private final UUID person = UUID.randomUUID();

    private AssessmentResult result(SupervisionTier tier, Grade grade) {
        return new AssessmentResult(person, tier, 100, 0, 100, grade, grade == Grade.FAIL ? 1 : 0, 0);
    }

    private static ProposalFacts grades(Map<YearMonth, Grade> earlier) {
        return new ProposalFacts(earlier, List.of(), Optional.empty(), List.of());
    }

    @Test
    void twoFailingMonthsProposeStrictUnlessAlreadyStrictOrNotConsecutive() {
        List<ProposedAction> a = rules.propose(NOV, result(SupervisionTier.LENIENT, Grade.FAIL),
                grades(Map.of(NOV.minusMonths(1), Grade.FAIL)), NOW);
        assertEquals(1, a.size());
        assertEquals(ProposalRule.FAILING_MONTHS, a.get(0).rule());
        assertEquals(SupervisionTier.STRICT, a.get(0).tier());
        assertEquals("TIER_CHANGE", a.get(0).kind());
        assertTrue(rules.propose(NOV, result(SupervisionTier.STRICT, Grade.FAIL),
                grades(Map.of(NOV.minusMonths(1), Grade.FAIL)), NOW).isEmpty());
        assertTrue(rules.propose(NOV, result(SupervisionTier.NORMAL, Grade.FAIL),
                grades(Map.of(NOV.minusMonths(1), Grade.PASS, NOV.minusMonths(2), Grade.FAIL)), NOW).isEmpty());
        assertTrue(rules.propose(NOV, result(SupervisionTier.NORMAL, Grade.FAIL), grades(Map.of()), NOW).isEmpty());
    }

    @Test
    void sixGoodMonthsProposeTheNextLighterTier() {
        Map<YearMonth, Grade> fiveGood = Map.of(NOV.minusMonths(1), Grade.GOOD, NOV.minusMonths(2), Grade.GOOD,
                NOV.minusMonths(3), Grade.GOOD, NOV.minusMonths(4), Grade.GOOD, NOV.minusMonths(5), Grade.GOOD);
        assertEquals(SupervisionTier.NORMAL, rules.propose(NOV, result(SupervisionTier.STRICT, Grade.GOOD),
                grades(fiveGood), NOW).get(0).tier());
        assertEquals(SupervisionTier.LENIENT, rules.propose(NOV, result(SupervisionTier.NORMAL, Grade.GOOD),
                grades(fiveGood), NOW).get(0).tier());
        assertTrue(rules.propose(NOV, result(SupervisionTier.LENIENT, Grade.GOOD), grades(fiveGood), NOW).isEmpty());
        // A gap (a month never assessed) breaks the run.
        Map<YearMonth, Grade> gap = new java.util.HashMap<>(fiveGood);
        gap.remove(NOV.minusMonths(3));
        assertTrue(rules.propose(NOV, result(SupervisionTier.STRICT, Grade.GOOD), grades(gap), NOW).isEmpty());
        assertTrue(rules.propose(NOV, result(SupervisionTier.STRICT, Grade.PASS), grades(fiveGood), NOW).isEmpty());
    }

    @Test
    void twoReprimandsWithinTheWindowProposeAWarningOnceAndNotAfterAWarning() {
        ProposalFacts two = new ProposalFacts(Map.of(), List.of(LocalDate.of(2026, 8, 1), LocalDate.of(2026, 11, 5)),
                Optional.empty(), List.of());
        List<ProposedAction> a = rules.propose(NOV, result(SupervisionTier.NORMAL, Grade.FAIL), two, NOW);
        assertEquals(ProposalRule.REPEATED_REPRIMANDS, a.get(a.size() - 1).rule());
        assertEquals(PointsKind.WARNING, a.get(a.size() - 1).sanction());
        // Both in earlier months: proposed back then, not again.
        ProposalFacts earlier = new ProposalFacts(Map.of(), List.of(LocalDate.of(2026, 8, 1), LocalDate.of(2026, 10, 5)),
                Optional.empty(), List.of());
        assertTrue(sanctions(rules.propose(NOV, result(SupervisionTier.NORMAL, Grade.GOOD), earlier, NOW)).isEmpty());
        // The first falls outside the 180-day window.
        ProposalFacts old = new ProposalFacts(Map.of(), List.of(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 11, 5)),
                Optional.empty(), List.of());
        assertTrue(sanctions(rules.propose(NOV, result(SupervisionTier.NORMAL, Grade.FAIL), old, NOW)).isEmpty());
        // A warning in between: only the reprimands after it count.
        ProposalFacts warned = new ProposalFacts(Map.of(), List.of(LocalDate.of(2026, 8, 1), LocalDate.of(2026, 11, 5)),
                Optional.of(LocalDate.of(2026, 9, 1)), List.of());
        assertTrue(sanctions(rules.propose(NOV, result(SupervisionTier.NORMAL, Grade.FAIL), warned, NOW)).isEmpty());
    }

    @Test
    void lostContactOverTenDaysProposesAWarningInTheMonthTheThresholdPassed() {
        OffsetDateTime from = OffsetDateTime.of(2026, 11, 1, 2, 0, 0, 0, ZoneOffset.UTC);
        ProposalFacts thirteen = new ProposalFacts(Map.of(), List.of(), Optional.empty(),
                List.of(new ProposalFacts.LostContact(7, from, from.plusDays(13))));
        List<ProposedAction> a = sanctions(rules.propose(NOV, result(SupervisionTier.NORMAL, Grade.GOOD), thirteen, NOW));
        assertEquals(1, a.size());
        assertEquals(ProposalRule.LOST_CONTACT, a.get(0).rule());
        assertTrue(a.get(0).basis().contains("#7"), a.get(0).basis());
        ProposalFacts nine = new ProposalFacts(Map.of(), List.of(), Optional.empty(),
                List.of(new ProposalFacts.LostContact(8, from, from.plusDays(9))));
        assertTrue(sanctions(rules.propose(NOV, result(SupervisionTier.NORMAL, Grade.GOOD), nine, NOW)).isEmpty());
        // Still going on: counted up to now (32 days), but the threshold passed in November, not December.
        ProposalFacts ongoing = new ProposalFacts(Map.of(), List.of(), Optional.empty(),
                List.of(new ProposalFacts.LostContact(9, from, null)));
        assertEquals(1, sanctions(rules.propose(NOV, result(SupervisionTier.NORMAL, Grade.GOOD), ongoing, NOW)).size());
        assertTrue(sanctions(rules.propose(NOV.plusMonths(1), result(SupervisionTier.NORMAL, Grade.GOOD), ongoing,
                NOW.plusDays(20))).isEmpty());
        // Already warned since it began.
        ProposalFacts warned = new ProposalFacts(Map.of(), List.of(), Optional.of(LocalDate.of(2026, 11, 20)),
                List.of(new ProposalFacts.LostContact(10, from, from.plusDays(13))));
        assertTrue(sanctions(rules.propose(NOV, result(SupervisionTier.NORMAL, Grade.GOOD), warned, NOW)).isEmpty());
    }

    @Test
    void gradesFollowTheThresholdsAndAnySanctionFails() {
        PointsRules points = new PointsRules(new org.tether.server.config.ConfigLoader()
                .load(Optional.empty(), Map.of()).points());
        assertEquals(Grade.GOOD, points.grade(95, 0));
        assertEquals(Grade.PASS, points.grade(94, 0));
        assertEquals(Grade.PASS, points.grade(80, 0));
        assertEquals(Grade.FAIL, points.grade(79, 0));
        assertEquals(Grade.FAIL, points.grade(120, 1));
        assertEquals(3, points.forEntry(PointsKind.COMMUNITY_SERVICE, 3));
        assertEquals("张*", BoardNames.MASKED.show("张三"));
        assertEquals("欧**", BoardNames.MASKED.show("欧阳修"));
        assertEquals("张三", BoardNames.FULL.show("张三"));
    }

    private static List<ProposedAction> sanctions(List<ProposedAction> actions) {
        return actions.stream().filter(a -> a.sanction() != null).toList();
    }
}
