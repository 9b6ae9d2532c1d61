package org.tether.mobile;

import io.vertx.core.json.JsonObject;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * A leave as the person sees it: a request and, once approved, its permit (one id for both).
 *
 * <p>{@code status}: PENDING, REJECTED, CANCELLED while or unless approved; an approved leave is
 * APPROVED before it starts, ACTIVE during its period, ENDED after it without a report-back (销假),
 * REPORTED_BACK once reported back.
 *
 * @param destination the place name; null for a leave an officer granted directly (no request)
 * @param reportedBackArea where the accepted report-back fix lay (INSIDE, UNCERTAIN, NO_AREA); null when
 *     not reported back or reported back through an officer
 */
public record LeaveView(UUID id, String status, String destination, String reason, Instant startsAt, Instant endsAt,
                        Instant requestedAt, Instant decidedAt, String decisionNote, Instant reportedBackAt,
                        String reportedBackArea) {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    public JsonObject toJson() {
        return new JsonObject().put("id", id.toString()).put("status", status).put("destination", destination)
                .put("reason", reason).put("startsAt", local(startsAt)).put("endsAt", local(endsAt))
                .put("requestedAt", str(requestedAt)).put("decidedAt", str(decidedAt))
                .put("decisionNote", decisionNote).put("reportedBackAt", str(reportedBackAt))
                .put("reportedBackArea", reportedBackArea);
    }

    /** Asia/Shanghai with its offset: what the person chose, readable as it was entered. */
    private static String local(Instant t) {
        // ISO_OFFSET_DATE_TIME always writes the seconds (RFC 3339); OffsetDateTime.toString() drops ":00".
        return t.atZone(SHANGHAI).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }
}
