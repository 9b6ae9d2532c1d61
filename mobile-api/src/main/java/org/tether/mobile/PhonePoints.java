package org.tether.mobile;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The person's own points (量化积分) as the app shows them: this month so far — the running score and
 * every ledger entry — and the published history: months whose assessment (每月一考核) was approved.
 * A month closed but not yet approved is not shown; it may still change.
 *
 * @param month this month (Asia/Shanghai)
 * @param base the score every month starts from
 * @param score {@code base} plus this month's entries (a correction reverses the entry it corrects)
 */
public record PhonePoints(YearMonth month, int base, int score, List<Entry> entries, List<MonthResult> history) {

    public PhonePoints {
        entries = List.copyOf(entries);
        history = List.copyOf(history);
    }

    /** One ledger line of this month; {@code label} is the kind in Chinese (表扬, 训诫, …). */
    public record Entry(LocalDate occurredOn, String kind, String label, int points, String reason,
                        boolean corrected) {

        JsonObject toJson() {
            return new JsonObject().put("occurredOn", occurredOn.toString()).put("kind", kind).put("label", label)
                    .put("points", points).put("reason", reason).put("corrected", corrected);
        }
    }

    /** An approved month: score and grade (GOOD 良好 / PASS 合格 / FAIL 不合格). */
    public record MonthResult(YearMonth month, int score, String grade, String gradeLabel) {

        JsonObject toJson() {
            return new JsonObject().put("month", month.toString()).put("score", score).put("grade", grade)
                    .put("gradeLabel", gradeLabel);
        }
    }

    /** The summary "my status" carries. */
    public JsonObject summaryJson() {
        return new JsonObject().put("month", month.toString()).put("score", score)
                .put("lastGrade", history.isEmpty() ? null : history.get(0).toJson());
    }

    public JsonObject toJson() {
        return new JsonObject().put("month", month.toString()).put("base", base).put("score", score)
                .put("entries", new JsonArray(entries.stream().map(Entry::toJson).toList()))
                .put("history", new JsonArray(history.stream().map(MonthResult::toJson).toList()));
    }
}
