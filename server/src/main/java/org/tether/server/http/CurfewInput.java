package org.tether.server.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tether.geofence.rule.CurfewWindow;

/**
 * Curfew windows as sent: {@code {"windows": [{"day": "MONDAY", "start": "22:00", "end": "06:00"}, …]}},
 * local time Asia/Shanghai; an end at or before the start runs past midnight.
 */
final class CurfewInput {

    private CurfewInput() {
    }

    static List<CurfewWindow> read(JsonObject body) {
        if (!(body.getValue("windows") instanceof JsonArray array)) {
            throw new ProblemException(Problem.badRequest("windows", "'windows' must be an array (empty to lift the curfew)"));
        }
        List<CurfewWindow> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String field = "windows[" + i + "]";
            if (!(array.getValue(i) instanceof JsonObject w)) {
                throw new ProblemException(Problem.badRequest(field, "must be {\"day\", \"start\", \"end\"}"));
            }
            out.add(new CurfewWindow(day(w.getValue("day"), field + ".day"), time(w.getValue("start"), field + ".start"),
                    time(w.getValue("end"), field + ".end")));
        }
        return out;
    }

    static JsonArray toJson(List<CurfewWindow> windows) {
        JsonArray out = new JsonArray();
        windows.forEach(w -> out.add(new JsonObject().put("day", w.day().name()).put("start", w.start().toString())
                .put("end", w.end().toString())));
        return out;
    }

    private static DayOfWeek day(Object value, String field) {
        if (value instanceof String s) {
            String key = s.trim().toUpperCase(Locale.ROOT);
            for (DayOfWeek d : DayOfWeek.values()) {
                if (d.name().equals(key) || d.name().substring(0, 3).equals(key)) {
                    return d;
                }
            }
        }
        throw new ProblemException(Problem.badRequest(field, "'" + field + "' must be a day of the week, e.g. MONDAY or MON"));
    }

    private static LocalTime time(Object value, String field) {
        if (value instanceof String s) {
            try {
                return LocalTime.parse(s.trim());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new ProblemException(Problem.badRequest(field, "'" + field + "' must be a local time like 22:00"));
    }
}
