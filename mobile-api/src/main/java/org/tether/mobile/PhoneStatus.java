package org.tether.mobile;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * "My status" (我的状态): what the app shows on its home screen, for the enrolled person only. No ID-card
 * number.
 *
 * @param tier STRICT, NORMAL or LENIENT (严管 / 普管 / 宽管)
 * @param caseType PROBATION, PAROLE, PUBLIC_SURVEILLANCE, TEMPORARY_OUTSIDE_PRISON or null
 * @param checkIn the current or next check-in window; null when the schedule has none within 8 days
 * @param leave the current, next or not yet reported-back approved leave; null when none
 * @param points this month's running score and the last published grade (details: {@code GET /points})
 */
public record PhoneStatus(Instant at, String tier, String caseType, LocalDate correctionStartsOn,
                          LocalDate correctionEndsOn, CheckInWindow checkIn, List<LocationCheckView> openLocationChecks,
                          Leave leave, int unreadMessages, List<MessageView> latestMessages, PhonePoints points) {

    private static final Map<String, String> TIER_LABELS = Map.of("STRICT", "严管", "NORMAL", "普管", "LENIENT", "宽管");
    private static final Map<String, String> CASE_LABELS = Map.of("PROBATION", "缓刑", "PAROLE", "假释",
            "PUBLIC_SURVEILLANCE", "管制", "TEMPORARY_OUTSIDE_PRISON", "暂予监外执行");

    public PhoneStatus {
        openLocationChecks = List.copyOf(openLocationChecks);
        latestMessages = List.copyOf(latestMessages);
    }

    /** The same status with these open location checks. */
    public PhoneStatus withOpenLocationChecks(List<LocationCheckView> checks) {
        return new PhoneStatus(at, tier, caseType, correctionStartsOn, correctionEndsOn, checkIn, checks, leave,
                unreadMessages, latestMessages, points);
    }

    /** A check-in window (Asia/Shanghai schedule, as instants); {@code done} = checked in within it. */
    public record CheckInWindow(Instant opensAt, Instant closesAt, boolean open, boolean done) {

        JsonObject toJson() {
            return new JsonObject().put("opensAt", opensAt.toString()).put("closesAt", closesAt.toString())
                    .put("open", open).put("done", done);
        }
    }

    /**
     * An approved leave (外出请假). {@code state}: UPCOMING, ON_LEAVE, or REPORT_BACK_DUE (ended, not yet
     * reported back: 销假).
     */
    public record Leave(UUID id, Instant startsAt, Instant endsAt, String state, List<String> destinations) {

        public Leave {
            destinations = List.copyOf(destinations);
        }

        JsonObject toJson() {
            return new JsonObject().put("id", id.toString()).put("startsAt", startsAt.toString())
                    .put("endsAt", endsAt.toString()).put("state", state)
                    .put("label", switch (state) {
                        case "UPCOMING" -> "已批准，未开始";
                        case "ON_LEAVE" -> "外出中";
                        default -> "请按时销假";
                    })
                    .put("destinations", new JsonArray(destinations));
        }
    }

    public JsonObject toJson() {
        return new JsonObject().put("at", at.toString())
                .put("tier", new JsonObject().put("code", tier).put("label", TIER_LABELS.get(tier)))
                .put("caseType", caseType == null ? null
                        : new JsonObject().put("code", caseType).put("label", CASE_LABELS.get(caseType)))
                .put("correctionPeriod", new JsonObject()
                        .put("startsOn", correctionStartsOn == null ? null : correctionStartsOn.toString())
                        .put("endsOn", correctionEndsOn == null ? null : correctionEndsOn.toString()))
                .put("checkIn", checkIn == null ? null : checkIn.toJson())
                .put("openLocationChecks", new JsonArray(openLocationChecks.stream().map(LocationCheckView::toJson).toList()))
                .put("leave", leave == null ? null : leave.toJson())
                .put("points", points.summaryJson())
                .put("messages", new JsonObject().put("unread", unreadMessages)
                        .put("latest", new JsonArray(latestMessages.stream().map(MessageView::toJson).toList())));
    }
}
