package org.tether.server.registry;

/** 分类管理: 严管 / 普管 / 宽管. New arrivals start strict. */
public enum SupervisionTier {
    STRICT,
    NORMAL,
    LENIENT
}
