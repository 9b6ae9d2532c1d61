package org.tether.server.points;

import org.tether.server.alert.AlertType;
import org.tether.server.config.TetherConfig.PointsConfig;

/**
 * The configured arithmetic of points: what an alert or an entry scores and what a month's score
 * grades to. Immutable; built from {@link PointsConfig} (validated by the config loader).
 */
public final class PointsRules {

    private final PointsConfig config;

    public PointsRules(PointsConfig config) {
        this.config = config;
    }

    public PointsConfig config() {
        return config;
    }

    /** The points of an alert confirmed as a violation; 0 means the type records no entry. */
    public int forAlert(AlertType type) {
        return config.alertPoints().getOrDefault(type.name(), 0);
    }

    /** The points of {@code quantity} units of a manual entry. */
    public int forEntry(PointsKind kind, int quantity) {
        if (!kind.manual()) {
            throw new IllegalArgumentException(kind + " is not a manual entry kind");
        }
        return config.entryPoints().getOrDefault(kind.name(), 0) * quantity;
    }

    /** A month's grade: any sanction fails it; otherwise the score against the thresholds. */
    public Grade grade(int score, int sanctions) {
        if (sanctions > 0 || score < config.passFrom()) {
            return Grade.FAIL;
        }
        return score >= config.goodFrom() ? Grade.GOOD : Grade.PASS;
    }

    public int baseScore() {
        return config.baseScore();
    }
}
