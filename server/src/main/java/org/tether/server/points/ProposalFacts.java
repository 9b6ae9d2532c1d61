package org.tether.server.points;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the proposal rules look at for one person, besides the month's own result.
 *
 * @param earlierGrades grades of the months before, from earlier closes (any office)
 * @param reprimands dates of 训诫 not reversed, within the window ending with the month
 * @param lastWarning the latest 警告 not reversed, on or before the month's end
 * @param lostContact NO_SIGNAL / SUSPECTED_ABSCONDING conditions (not resolved as false alarm or device fault)
 */
public record ProposalFacts(Map<YearMonth, Grade> earlierGrades, List<LocalDate> reprimands,
                            Optional<LocalDate> lastWarning, List<LostContact> lostContact) {

    /** One lost-contact condition: when it began and when it ended (null while it lasts). */
    public record LostContact(long alertId, OffsetDateTime from, OffsetDateTime until) {
    }

    public static ProposalFacts none() {
        return new ProposalFacts(Map.of(), List.of(), Optional.empty(), List.of());
    }
}
