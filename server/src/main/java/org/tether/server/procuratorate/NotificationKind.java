package org.tether.server.procuratorate;

/**
 * What the agency tells the procuratorate, each with the article of the Community Correction Law that
 * requires it (DOMAIN.md). The first two come from alerts; the others are events officers record on a
 * person ({@link #fromEvent()}).
 */
public enum NotificationKind {
    /** 脱管 / lost contact, raised by the suspected-absconding watch. */
    SUSPECTED_ABSCONDING("30", "疑似脱管", false),
    /** Any alert an officer marks as a major incident; Art. 8 (the procuratorate supervises the whole process). */
    MAJOR_INCIDENT("8", "重大事件", false),
    PROHIBITED_ACT_UNSTOPPED("31", "违反监督管理规定且无法制止", true),
    PLACE_CHANGE("27", "变更执行地", true),
    DETAINED("32", "被羁押或被采取刑事强制措施", true),
    COMMUTATION_PROPOSED("33", "提请减刑", true),
    CORRECTION_ENDED("44", "矫正期满解除矫正", true),
    REVOCATION_PROPOSED("46", "提请撤销缓刑、假释", true),
    PRISON_PROPOSED("49", "提请收监执行", true),
    DEATH("51", "死亡", true);

    private final String article;
    private final String labelZh;
    private final boolean fromEvent;

    NotificationKind(String article, String labelZh, boolean fromEvent) {
        this.article = article;
        this.labelZh = labelZh;
        this.fromEvent = fromEvent;
    }

    /** The article of the Community Correction Law (社区矫正法), e.g. "27". */
    public String article() {
        return article;
    }

    public String labelZh() {
        return labelZh;
    }

    /** Recorded by an officer as a major event on a person (not raised from an alert). */
    public boolean fromEvent() {
        return fromEvent;
    }
}
