package org.tether.server.procuratorate;

/** What a procurator issues to the agency (law Art. 62); either needs a written reply by its deadline. */
public enum RecommendationKind {
    /** 检察建议 */
    RECOMMENDATION,
    /** 纠正意见 */
    CORRECTION_OPINION
}
