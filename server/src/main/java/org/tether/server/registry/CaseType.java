package org.tether.server.registry;

/** The sentence executed in the community. */
public enum CaseType {
    /** 缓刑 */
    PROBATION,
    /** 假释 */
    PAROLE,
    /** 管制 */
    PUBLIC_SURVEILLANCE,
    /** 暂予监外执行 */
    TEMPORARY_OUTSIDE_PRISON
}
