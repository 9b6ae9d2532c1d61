package org.tether.server.points;

/**
 * What a ledger entry records. Officers record the manual kinds; ALERT_VIOLATION comes from an alert
 * resolved as a confirmed violation; CORRECTION reverses an earlier entry.
 */
public enum PointsKind {
    ALERT_VIOLATION("违规告警", false, false),
    COMMUNITY_SERVICE("社区服务", true, false),
    EDUCATION("教育学习", true, false),
    COMMENDATION("表扬", true, false),
    REPRIMAND("训诫", true, true),
    WARNING("警告", true, true),
    PUBLIC_SECURITY_PENALTY("治安管理处罚", true, true),
    CORRECTION("更正", false, false);

    private final String labelZh;
    private final boolean manual;
    private final boolean sanction;

    PointsKind(String labelZh, boolean manual, boolean sanction) {
        this.labelZh = labelZh;
        this.manual = manual;
        this.sanction = sanction;
    }

    public String labelZh() {
        return labelZh;
    }

    /** An officer records it directly (POST /api/persons/{id}/points). */
    public boolean manual() {
        return manual;
    }

    /** A sanction of law Art. 28: a month holding one (not reversed) is 不合格. */
    public boolean sanction() {
        return sanction;
    }

    /** Only community service (hours) and education (sessions) count more than one unit. */
    public boolean countsUnits() {
        return this == COMMUNITY_SERVICE || this == EDUCATION;
    }
}
