package org.tether.server.registry;

/** The five grounds on which law Art. 29 allows an electronic positioning device (bracelet). */
public enum EmGround {
    /** 违反人民法院禁止令 */
    VIOLATED_PROHIBITION_ORDER,
    /** 无正当理由，未经批准离开所居住的市、县 */
    LEFT_AREA_WITHOUT_APPROVAL,
    /** 拒不按照规定报告自己的活动情况，被给予警告 */
    REFUSED_TO_REPORT_AFTER_WARNING,
    /** 违反监督管理规定，被给予治安管理处罚 */
    PUBLIC_SECURITY_PENALTY,
    /** 拟提请撤销缓刑、假释或者暂予监外执行收监执行 */
    PENDING_REVOCATION_OR_PRISON
}
