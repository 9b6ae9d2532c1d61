package org.tether.server.leave;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.tether.geofence.geo.CoordinateConverter;
import org.tether.geofence.geo.CoordinateSystem;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.zone.CorridorBuilder;
import org.tether.geofence.zone.InvalidZoneException;
import org.tether.geofence.zone.ZoneDensifier;
import org.tether.geofence.zone.ZoneValidator;
import org.tether.mobile.LeaveRequestInput;
import org.tether.mobile.LeaveRequestInput.Circle;
import org.tether.mobile.LeaveRequestInput.Corridor;
import org.tether.mobile.LeaveRequestInput.LonLat;
import org.tether.mobile.LeaveRequestInput.Polygon;
import org.tether.mobile.PhoneProblem;

/**
 * A leave's destination as it will be stored: converted to WGS-84 from the coordinate system the phone
 * stated, then checked exactly like a zone an officer draws ({@link ZoneValidator}, densified long
 * edges, {@link CorridorBuilder} for the route). Invalid shapes are refused with what and where, never
 * repaired: the officer approves the area the person asked for.
 *
 * @param area a polygon, or a circle's centre point when {@code radiusMeters} > 0
 * @param corridor the travel corridor's polygon, or null
 */
record DestinationArea(Geometry area, double radiusMeters, Geometry corridor) {

    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    static DestinationArea of(LeaveRequestInput input, ZoneValidator validator, double maxSegmentMeters) {
        CoordinateSystem crs = CoordinateSystem.parse(input.crs()).orElseThrow(() -> PhoneProblem.badRequest("crs",
                "'crs' must be one of WGS84, GCJ02, BD09, CGCS2000"));
        Geometry area;
        double radius = 0;
        if (input.area() instanceof Circle c) {
            GeoPoint centre = wgs84(c.center(), crs, "area.circle.center");
            try {
                validator.validateCircle(centre, c.radiusMeters());
            } catch (InvalidZoneException e) {
                throw invalid("area.circle.radiusMeters", e);
            }
            area = FACTORY.createPoint(new Coordinate(centre.lon(), centre.lat()));
            radius = c.radiusMeters();
        } else {
            area = polygon(((Polygon) input.area()).geoJson(), crs, validator, maxSegmentMeters);
        }
        return new DestinationArea(area, radius, input.corridor() == null ? null
                : corridor(input.corridor(), crs, validator));
    }

    private static Geometry polygon(String geoJson, CoordinateSystem crs, ZoneValidator validator, double maxSegment) {
        Geometry g;
        try {
            g = new GeoJsonReader(FACTORY).read(geoJson);
        } catch (ParseException | RuntimeException e) {
            throw PhoneProblem.badRequest("area.geometry", "not a readable GeoJSON geometry: " + e.getMessage());
        }
        try {
            // Range first: a converter given a non-coordinate would answer nonsense, not an error.
            validator.validate(g);
            if (crs != CoordinateSystem.WGS84) {
                g = g.copy();
                g.apply((CoordinateFilter) c -> {
                    GeoPoint p = CoordinateConverter.toWgs84(new GeoPoint(c.y, c.x), crs);
                    c.x = p.lon();
                    c.y = p.lat();
                });
                g.geometryChanged();
                validator.validate(g);
            }
            g.setSRID(4326);
            Geometry densified = ZoneDensifier.densify(g, maxSegment);
            validator.validate(densified);
            return densified;
        } catch (InvalidZoneException e) {
            throw invalid("area.geometry", e);
        }
    }

    private static Geometry corridor(Corridor c, CoordinateSystem crs, ZoneValidator validator) {
        List<GeoPoint> route = new ArrayList<>();
        for (int i = 0; i < c.route().size(); i++) {
            route.add(wgs84(c.route().get(i), crs, "corridor.route[" + i + "]"));
        }
        try {
            Geometry polygon = CorridorBuilder.corridor(route, c.widthMeters());
            validator.validate(polygon);
            return polygon;
        } catch (InvalidZoneException e) {
            throw invalid("corridor", e);
        }
    }

    private static GeoPoint wgs84(LonLat p, CoordinateSystem crs, String field) {
        try {
            return CoordinateConverter.toWgs84(new GeoPoint(p.lat(), p.lon()), crs);
        } catch (IllegalArgumentException e) {
            throw PhoneProblem.badRequest(field, "'" + field + "': " + e.getMessage());
        }
    }

    private static PhoneProblem invalid(String field, InvalidZoneException e) {
        return PhoneProblem.unprocessable(field, field + ": " + e.reason() + ": " + e.getMessage());
    }

    byte[] areaWkb() {
        return new WKBWriter(2).write(area);
    }

    byte[] corridorWkb() {
        return corridor == null ? null : new WKBWriter(2).write(corridor);
    }

    /** What the phone sent, coordinates as sent, for the officer. */
    static JsonObject submitted(LeaveRequestInput input) {
        JsonObject area = input.area() instanceof Circle c
                ? new JsonObject().put("circle", new JsonObject().put("center", lonLat(c.center()))
                        .put("radiusMeters", c.radiusMeters()))
                : new JsonObject().put("geometry", new JsonObject(((Polygon) input.area()).geoJson()));
        JsonObject out = new JsonObject().put("crs", input.crs()).put("area", area);
        if (input.corridor() != null) {
            JsonArray route = new JsonArray();
            input.corridor().route().forEach(p -> route.add(lonLat(p)));
            out.put("corridor", new JsonObject().put("route", route).put("widthMeters", input.corridor().widthMeters()));
        }
        return out;
    }

    private static JsonArray lonLat(LonLat p) {
        return new JsonArray().add(p.lon()).add(p.lat());
    }
}
