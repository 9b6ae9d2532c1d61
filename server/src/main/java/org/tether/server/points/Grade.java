package org.tether.server.points;

/** The monthly assessment's grade (考核等次). */
public enum Grade {
    GOOD("良好"),
    PASS("合格"),
    FAIL("不合格");

    private final String labelZh;

    Grade(String labelZh) {
        this.labelZh = labelZh;
    }

    public String labelZh() {
        return labelZh;
    }
}
