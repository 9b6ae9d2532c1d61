package org.tether.mobile;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.tether.mobile.LeaveRequestInput.Circle;
import org.tether.mobile.LeaveRequestInput.Corridor;
import org.tether.mobile.LeaveRequestInput.LonLat;
import org.tether.mobile.LeaveRequestInput.Polygon;

/**
 * The leave routes of the phone API ({@code /leaves}): request, list, cancel, report back. Mounted by
 * {@link MobileApi} behind its authentication; checks the request's shape, leaves the rest to
 * {@link PhoneLeaves}.
 */
final class PhoneLeaveRoutes {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** The backend is looked up per request: a router built only to list its routes has none. */
    private final Supplier<PhoneLeaves> leaves;

    private PhoneLeaveRoutes(Supplier<PhoneLeaves> leaves) {
        this.leaves = leaves;
    }

    static void mount(Router router, Supplier<PhoneLeaves> leaves) {
        PhoneLeaveRoutes routes = new PhoneLeaveRoutes(leaves);
        router.post("/leaves").handler(routes::request);
        router.get("/leaves").handler(routes::list);
        router.post("/leaves/:leaveId/cancel").handler(routes::cancel);
        router.post("/leaves/:leaveId/report-back").handler(routes::reportBack);
    }

    /**
     * {@code {destination, reason, startsAt, endsAt, crs?, area: {circle: {center: [lon, lat], radiusMeters}}
     * | {geometry: GeoJSON}, corridor?: {route: [[lon, lat], …], widthMeters}}} → 201 the PENDING request.
     */
    private void request(RoutingContext ctx) {
        JsonObject body = PhoneJson.object(ctx);
        String destination = PhoneJson.text(body, "destination", "destination", 200, true);
        String reason = PhoneJson.text(body, "reason", "reason", 1000, true);
        Instant starts = time(body, "startsAt");
        Instant ends = time(body, "endsAt");
        if (!ends.isAfter(starts)) {
            throw PhoneProblem.badRequest("endsAt", "'endsAt' must be after 'startsAt'");
        }
        String crs = PhoneJson.text(body, "crs", "crs", 16, false);
        LeaveRequestInput input = new LeaveRequestInput(destination, reason, starts, ends, crs == null ? "WGS84" : crs,
                area(body.getValue("area")), corridor(body.getValue("corridor")));
        leaves.get().request(MobileApi.principal(ctx), input)
                .onSuccess(v -> MobileApi.json(ctx, 201, v.toJson()))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        leaves.get().list(MobileApi.principal(ctx))
                .onSuccess(list -> MobileApi.json(ctx, 200, new JsonObject().put("items",
                        new JsonArray(list.stream().map(LeaveView::toJson).toList()))))
                .onFailure(ctx::fail);
    }

    private void cancel(RoutingContext ctx) {
        UUID id = PhoneJson.pathUuid(ctx, "leaveId");
        leaves.get().cancel(MobileApi.principal(ctx), id)
                .onSuccess(v -> MobileApi.json(ctx, 200, v.toJson()))
                .onFailure(ctx::fail);
    }

    /** {@code {fix}} → 200 the leave, REPORTED_BACK; 422 (field fix) when not back in the area. */
    private void reportBack(RoutingContext ctx) {
        UUID id = PhoneJson.pathUuid(ctx, "leaveId");
        PhoneFix fix = PhoneJson.fix(PhoneJson.object(ctx));
        leaves.get().reportBack(MobileApi.principal(ctx), id, fix)
                .onSuccess(v -> MobileApi.json(ctx, 200, v.toJson()))
                .onFailure(ctx::fail);
    }

    /** ISO-8601; without an offset it is local time in Asia/Shanghai. */
    private static Instant time(JsonObject body, String field) {
        String text = PhoneJson.text(body, field, field, 40, true);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).atZone(SHANGHAI).toInstant();
            } catch (DateTimeParseException e2) {
                throw PhoneProblem.badRequest(field, "'" + field + "' must be an ISO-8601 date-time, e.g."
                        + " 2026-12-10T08:00 (Asia/Shanghai) or 2026-12-10T08:00+08:00");
            }
        }
    }

    private static LeaveRequestInput.Area area(Object value) {
        if (value == null) {
            throw PhoneProblem.badRequest("area", "'area' is required: the destination as a circle or a GeoJSON polygon");
        }
        if (!(value instanceof JsonObject area)) {
            throw PhoneProblem.badRequest("area", "'area' must be an object");
        }
        boolean circle = area.containsKey("circle");
        boolean geometry = area.containsKey("geometry");
        if (circle == geometry) {
            throw PhoneProblem.badRequest("area", "give exactly one of 'area.circle' {center: [lon, lat], radiusMeters}"
                    + " or 'area.geometry' (GeoJSON Polygon or MultiPolygon)");
        }
        if (circle) {
            if (!(area.getValue("circle") instanceof JsonObject c)) {
                throw PhoneProblem.badRequest("area.circle", "'area.circle' must be {center: [lon, lat], radiusMeters}");
            }
            return new Circle(lonLat(c.getValue("center"), "area.circle.center"),
                    number(c.getValue("radiusMeters"), "area.circle.radiusMeters"));
        }
        if (!(area.getValue("geometry") instanceof JsonObject g) || !(g.getValue("type") instanceof String)
                || !(g.getValue("coordinates") instanceof JsonArray)) {
            throw PhoneProblem.badRequest("area.geometry",
                    "'area.geometry' must be a GeoJSON geometry object {type, coordinates}");
        }
        return new Polygon(g.encode());
    }

    private static Corridor corridor(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonObject c) || !(c.getValue("route") instanceof JsonArray route)) {
            throw PhoneProblem.badRequest("corridor", "'corridor' must be {route: [[lon, lat], …], widthMeters}");
        }
        if (route.size() > 10_000) {
            throw PhoneProblem.badRequest("corridor.route", "'corridor.route' has more than 10000 points");
        }
        List<LonLat> points = new ArrayList<>();
        for (int i = 0; i < route.size(); i++) {
            points.add(lonLat(route.getValue(i), "corridor.route[" + i + "]"));
        }
        return new Corridor(points, number(c.getValue("widthMeters"), "corridor.widthMeters"));
    }

    private static LonLat lonLat(Object value, String field) {
        if (!(value instanceof JsonArray a) || a.size() != 2 || !(a.getValue(0) instanceof Number lon)
                || !(a.getValue(1) instanceof Number lat) || !Double.isFinite(lon.doubleValue())
                || !Double.isFinite(lat.doubleValue())) {
            throw PhoneProblem.badRequest(field, "'" + field + "' must be [longitude, latitude]");
        }
        return new LonLat(lon.doubleValue(), lat.doubleValue());
    }

    private static double number(Object value, String field) {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw PhoneProblem.badRequest(field, "'" + field + "' must be a number");
        }
        return n.doubleValue();
    }
}
