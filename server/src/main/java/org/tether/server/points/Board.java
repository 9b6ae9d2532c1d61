package org.tether.server.points;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.YearMonth;
import java.util.List;

/**
 * The 晴雨表 board of an office's month (一公示): what may be published. Minors are not on it (law
 * Art. 52, 54: their information is sealed); names appear in full or masked as the office chose;
 * nothing else about a person (no ID-card number, no case type) is shown.
 *
 * @param approved whether the month is approved (a board of a merely closed month is a draft)
 */
public record Board(String officeName, YearMonth month, boolean approved, BoardNames names, List<Row> rows) {

    public Board {
        rows = List.copyOf(rows);
    }

    /** One line: rank, the name as shown, tier, score and grade. */
    public record Row(int rank, String name, String tierLabel, int score, Grade grade) {
    }

    public String title() {
        return officeName + " " + month.getYear() + "年" + month.getMonthValue() + "月 社区矫正对象考核公示（晴雨表）"
                + (approved ? "" : "（草稿，未审批）");
    }

    public static String tierLabel(String tier) {
        return switch (tier) {
            case "STRICT" -> "严管";
            case "NORMAL" -> "普管";
            case "LENIENT" -> "宽管";
            default -> tier;
        };
    }

    public JsonObject toJson() {
        JsonArray items = new JsonArray();
        for (Row r : rows) {
            items.add(new JsonObject().put("rank", r.rank()).put("name", r.name()).put("tier", r.tierLabel())
                    .put("score", r.score()).put("grade", r.grade().name()).put("gradeLabel", r.grade().labelZh()));
        }
        return new JsonObject().put("officeName", officeName).put("month", month.toString())
                .put("status", approved ? "APPROVED" : "CLOSED").put("title", title()).put("names", names.name())
                .put("rows", items);
    }
}
