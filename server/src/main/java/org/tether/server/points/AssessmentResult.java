package org.tether.server.points;

import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.tether.server.registry.SupervisionTier;

/** One person's result in a month: base + the month's points = score, and its grade. */
public record AssessmentResult(UUID personId, SupervisionTier tier, int base, int points, int score, Grade grade,
                               int sanctions, int entries) {

    public JsonObject toJson() {
        return new JsonObject()
                .put("personId", personId.toString())
                .put("tier", tier.name())
                .put("base", base)
                .put("points", points)
                .put("score", score)
                .put("grade", grade.name())
                .put("gradeLabel", grade.labelZh())
                .put("sanctions", sanctions)
                .put("entries", entries);
    }
}
