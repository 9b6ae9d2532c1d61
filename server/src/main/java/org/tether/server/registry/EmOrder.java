package org.tether.server.registry;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * An electronic-monitoring order (law Art. 29): a bracelet may be bound to the person while one is in
 * force. A term lasts at most {@link #MAX_TERM_MONTHS} months; an extension is a new order starting
 * where the extended one ends.
 *
 * @param status ACTIVE, or ENDED early (device no longer needed)
 */
public record EmOrder(UUID id, UUID personId, EmGround ground, String groundDetail, UUID approvedBy, Instant approvedAt,
                      Instant startsAt, Instant endsAt, UUID extendsOrderId, String status, Instant endedAt) {

    public static final int MAX_TERM_MONTHS = 3;
    /** Calendar months are counted in China's time. */
    public static final ZoneId CALENDAR = ZoneId.of("Asia/Shanghai");

    static final String COLUMNS = "id, person_id, ground, ground_detail, approved_by, approved_at, starts_at, ends_at,"
            + " extends_order_id, status, ended_at";

    /** The latest end a term starting at {@code start} may have. */
    public static Instant latestEnd(Instant start) {
        return start.atZone(CALENDAR).plusMonths(MAX_TERM_MONTHS).toInstant();
    }

    static EmOrder fromRow(Row r) {
        return new EmOrder(r.getUUID("id"), r.getUUID("person_id"), EmGround.valueOf(r.getString("ground")),
                r.getString("ground_detail"), r.getUUID("approved_by"), instant(r, "approved_at"), instant(r, "starts_at"),
                instant(r, "ends_at"), r.getUUID("extends_order_id"), r.getString("status"), instant(r, "ended_at"));
    }

    private static Instant instant(Row r, String column) {
        return r.getOffsetDateTime(column) == null ? null : r.getOffsetDateTime(column).toInstant();
    }

    /** PENDING (not started), IN_FORCE, EXPIRED (term over) or ENDED (ended early). */
    public String state(Instant now) {
        if ("ENDED".equals(status)) {
            return "ENDED";
        }
        if (now.isBefore(startsAt)) {
            return "PENDING";
        }
        return now.isBefore(endsAt) ? "IN_FORCE" : "EXPIRED";
    }

    public JsonObject toJson(Instant now) {
        return new JsonObject().put("id", id.toString()).put("personId", personId.toString()).put("ground", ground.name())
                .put("groundDetail", groundDetail).put("approvedBy", approvedBy.toString())
                .put("approvedAt", approvedAt.toString()).put("startsAt", startsAt.toString())
                .put("endsAt", endsAt.toString())
                .put("extendsOrderId", extendsOrderId == null ? null : extendsOrderId.toString())
                .put("status", status).put("state", state(now)).put("endedAt", endedAt == null ? null : endedAt.toString());
    }
}
