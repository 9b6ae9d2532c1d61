package org.tether.server.alert;

/**
 * The alert types of DOMAIN.md, with their default severity and the labels staff see.
 * Most real alerts are signal loss and low battery; their lower severity keeps the true ones visible.
 */
public enum AlertType {
    OUT_OF_AREA(Severity.HIGH, "越界", "Out of area"),
    EXCLUSION_ZONE_ENTRY(Severity.CRITICAL, "进入禁止区域", "Exclusion zone entry"),
    CURFEW_BREACH(Severity.HIGH, "违反居家规定", "Curfew breach"),
    MISSED_CHECK_IN(Severity.MEDIUM, "未按时报到", "Missed check-in"),
    LOCATION_CHECK_UNANSWERED(Severity.MEDIUM, "核查未响应", "Location check unanswered"),
    NO_SIGNAL(Severity.HIGH, "失联", "No signal"),
    DEVICE_POWER_OFF(Severity.HIGH, "设备关机", "Device powered off"),
    TAMPER(Severity.CRITICAL, "防拆报警", "Tamper"),
    BATTERY_LOW(Severity.LOW, "电量低", "Battery low"),
    SEPARATION(Severity.HIGH, "人机分离", "Phone–bracelet separation"),
    LEAVE_OVERDUE(Severity.HIGH, "请假逾期未归", "Leave overdue"),
    SUSPECTED_ABSCONDING(Severity.CRITICAL, "疑似脱管", "Suspected absconding"),
    EM_ORDER_EXPIRING(Severity.LOW, "电子定位期限将满", "EM order expiring"),
    /** Internal: a notification the procuratorate is owed has not been acknowledged by its endpoint in time. */
    PROCURATORATE_UNDELIVERED(Severity.HIGH, "检察通报未送达", "Procuratorate notification undelivered");

    private final Severity defaultSeverity;
    private final String labelZh;
    private final String labelEn;

    AlertType(Severity defaultSeverity, String labelZh, String labelEn) {
        this.defaultSeverity = defaultSeverity;
        this.labelZh = labelZh;
        this.labelEn = labelEn;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    public String labelZh() {
        return labelZh;
    }

    public String labelEn() {
        return labelEn;
    }
}
