package org.tether.server.push;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

/** The phone-facing texts of pushes, in Chinese (zh-CN). */
public final class PushTexts {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(SHANGHAI);

    private PushTexts() {
    }

    /** 定期报到提醒: sent before the window closes when the person has not checked in yet. */
    public static PushMessage checkInReminder(UUID personId, Instant opensAt, Instant closesAt) {
        return new PushMessage(personId, PushKind.CHECK_IN_REMINDER, "reminder:" + personId + ":" + opensAt.getEpochSecond(),
                "报到提醒", "请在今天 " + HH_MM.format(closesAt) + " 前通过本应用完成定期报到。",
                Map.of("type", "CHECK_IN_REMINDER", "windowOpensAt", opensAt.toString(), "windowClosesAt",
                        closesAt.toString()), false, null);
    }

    /** 信息化核查: a high-priority data message; the app answers with a fresh fix. */
    public static PushMessage locationCheck(UUID personId, UUID checkId, Instant dueAt, UUID officer) {
        return new PushMessage(personId, PushKind.LOCATION_CHECK, "location-check:" + checkId,
                "位置核查", "工作人员请求核查您的位置，请在 " + HH_MM.format(dueAt) + " 前打开应用确认。",
                Map.of("type", "LOCATION_CHECK", "checkId", checkId.toString(), "dueAt", dueAt.toString()), true, officer);
    }

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("M月d日 HH:mm").withZone(SHANGHAI);

    /** 请假已批准: the destination counts as allowed for the period; report back (销假) on return. */
    public static PushMessage leaveApproved(UUID personId, UUID leaveId, String destination, Instant from, Instant to,
                                            UUID officer) {
        return new PushMessage(personId, PushKind.LEAVE_DECISION, "leave-decision:" + leaveId, "请假已批准",
                "您" + DAY_TIME.format(from) + "至" + DAY_TIME.format(to) + "前往" + destination
                        + "的外出请假已批准。请按时返回，返回后通过本应用销假。",
                Map.of("type", "LEAVE_DECISION", "leaveId", leaveId.toString(), "status", "APPROVED",
                        "startsAt", from.toString(), "endsAt", to.toString()), false, officer);
    }

    /** 请假未获批准, with the officer's reason. */
    public static PushMessage leaveRejected(UUID personId, UUID leaveId, String destination, String reason,
                                            UUID officer) {
        return new PushMessage(personId, PushKind.LEAVE_DECISION, "leave-decision:" + leaveId, "请假未获批准",
                "您前往" + destination + "的外出请假未获批准。原因：" + reason,
                Map.of("type", "LEAVE_DECISION", "leaveId", leaveId.toString(), "status", "REJECTED"), false, officer);
    }
}
