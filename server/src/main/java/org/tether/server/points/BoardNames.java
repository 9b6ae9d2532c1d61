package org.tether.server.points;

/** How an office shows names on its board. */
public enum BoardNames {
    FULL,
    /** The family name and one '*' per further character: 张三 → 张*, 欧阳修 → 欧**. */
    MASKED;

    public String show(String name) {
        if (this == FULL || name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        int rest = name.codePointCount(first, name.length());
        return name.substring(0, first) + "*".repeat(Math.max(rest, 1));
    }
}
