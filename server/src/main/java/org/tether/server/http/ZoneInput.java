package org.tether.server.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.zone.CorridorBuilder;
import org.tether.geofence.zone.InvalidZoneException;
import org.tether.geofence.zone.ZoneDensifier;
import org.tether.geofence.zone.ZoneValidator;

/**
 * A zone's shape as sent by a client, validated and ready to store: a densified polygon, a circle
 * (centre point + radius) or a corridor's polygon. Invalid shapes are refused, never repaired.
 */
record ZoneInput(String shape, Geometry geometry, double radiusMeters) {

    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    static ZoneInput read(JsonObject body, ZoneValidator validator, double maxSegmentMeters) {
        int given = (body.containsKey("geometry") ? 1 : 0) + (body.containsKey("circle") ? 1 : 0)
                + (body.containsKey("corridor") ? 1 : 0);
        if (given != 1) {
            throw new ProblemException(Problem.badRequest("geometry",
                    "give exactly one of 'geometry' (GeoJSON Polygon/MultiPolygon), 'circle' or 'corridor'"));
        }
        try {
            if (body.containsKey("circle")) {
                return circle(body, validator);
            }
            if (body.containsKey("corridor")) {
                return corridor(body, validator);
            }
            Geometry g = geoJson(body.getValue("geometry"));
            validator.validate(g);
            Geometry densified = ZoneDensifier.densify(g, maxSegmentMeters);
            validator.validate(densified);
            return new ZoneInput("polygon", densified, 0);
        } catch (InvalidZoneException e) {
            String field = body.containsKey("circle") ? "circle" : body.containsKey("corridor") ? "corridor" : "geometry";
            Problem problem = Problem.unprocessable(field, e.reason() + ": " + e.getMessage()).with("reason", e.reason());
            // Where the validator knows the spot (a self-intersection, a circle's centre), the editor can mark it.
            throw new ProblemException(e.location()
                    .map(at -> problem.with("location", new JsonArray().add(at.lon()).add(at.lat())))
                    .orElse(problem));
        }
    }

    private static ZoneInput circle(JsonObject body, ZoneValidator validator) {
        if (!(body.getValue("circle") instanceof JsonObject circle)) {
            throw new ProblemException(Problem.badRequest("circle", "'circle' must be {\"center\": [lon, lat], \"radiusMeters\": r}"));
        }
        GeoPoint centre = lonLat(circle.getValue("center"), "circle.center");
        double radius = number(circle.getValue("radiusMeters"), "circle.radiusMeters");
        validator.validateCircle(centre, radius);
        return new ZoneInput("circle", FACTORY.createPoint(new Coordinate(centre.lon(), centre.lat())), radius);
    }

    private static ZoneInput corridor(JsonObject body, ZoneValidator validator) {
        if (!(body.getValue("corridor") instanceof JsonObject corridor)
                || !(corridor.getValue("route") instanceof JsonArray route)) {
            throw new ProblemException(Problem.badRequest("corridor",
                    "'corridor' must be {\"route\": [[lon, lat], …], \"widthMeters\": w}"));
        }
        List<GeoPoint> points = new ArrayList<>();
        for (int i = 0; i < route.size(); i++) {
            points.add(lonLat(route.getValue(i), "corridor.route[" + i + "]"));
        }
        double width = number(corridor.getValue("widthMeters"), "corridor.widthMeters");
        Geometry polygon = CorridorBuilder.corridor(points, width);
        validator.validate(polygon);
        return new ZoneInput("corridor", polygon, 0);
    }

    private static Geometry geoJson(Object value) {
        if (!(value instanceof JsonObject json)) {
            throw new ProblemException(Problem.badRequest("geometry", "'geometry' must be a GeoJSON geometry object"));
        }
        try {
            Geometry g = new GeoJsonReader(FACTORY).read(json.encode());
            g.setSRID(4326);
            return g;
        } catch (ParseException | RuntimeException e) {
            throw new ProblemException(Problem.badRequest("geometry", "not a readable GeoJSON geometry: " + e.getMessage()));
        }
    }

    private static GeoPoint lonLat(Object value, String field) {
        if (!(value instanceof JsonArray a) || a.size() != 2 || !(a.getValue(0) instanceof Number lon)
                || !(a.getValue(1) instanceof Number lat)) {
            throw new ProblemException(Problem.badRequest(field, "'" + field + "' must be [longitude, latitude]"));
        }
        try {
            return new GeoPoint(lat.doubleValue(), lon.doubleValue());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.badRequest(field, e.getMessage()));
        }
    }

    private static double number(Object value, String field) {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new ProblemException(Problem.badRequest(field, "'" + field + "' must be a number"));
        }
        return n.doubleValue();
    }
}
