package org.tether.server.points;

/** Why the close proposes something (docs/points.md). */
public enum ProposalRule {
    /** Consecutive 不合格 months: propose 严管. */
    FAILING_MONTHS,
    /** Consecutive 良好 months: propose the next lighter tier. */
    GOOD_MONTHS,
    /** 训诫 repeated within the window: propose 警告. */
    REPEATED_REPRIMANDS,
    /** Lost contact longer than the configured days: propose 警告. */
    LOST_CONTACT
}
