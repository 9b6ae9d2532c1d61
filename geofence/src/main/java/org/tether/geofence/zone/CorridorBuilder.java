package org.tether.geofence.zone;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.GeometryTransformer;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.geo.Geodesy;
import org.tether.geofence.geo.LocalMetricFrame;

/**
 * Builds the area of a travel corridor (a leave's approved route): every point within
 * {@code widthMeters / 2} of a polyline, in true metres. Each piece of the route (at most
 * {@link #PIECE_METERS} long) is buffered in its own local metric frame — so a 500 km route
 * across several degrees of latitude is as wide at both ends — and the pieces are unioned.
 * Stateless and thread-safe.
 */
public final class CorridorBuilder {

    static final double PIECE_METERS = 5_000;
    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private CorridorBuilder() {
    }

    public static Geometry corridor(List<GeoPoint> route, double widthMeters) {
        if (route.size() < 2) {
            throw new InvalidZoneException("too_few_points", "a corridor needs at least two points", null);
        }
        if (!(widthMeters > 0) || widthMeters > 50_000) {
            throw new InvalidZoneException("invalid_width", "corridor width must be in (0, 50000] metres, was "
                    + widthMeters, null);
        }
        List<Geometry> pieces = new ArrayList<>();
        for (int i = 0; i < route.size() - 1; i++) {
            GeoPoint a = route.get(i);
            GeoPoint b = route.get(i + 1);
            int n = Math.max(1, (int) Math.ceil(Geodesy.haversineMeters(a, b) / PIECE_METERS));
            for (int k = 0; k < n; k++) {
                GeoPoint p = lerp(a, b, (double) k / n);
                GeoPoint q = lerp(a, b, (double) (k + 1) / n);
                pieces.add(bufferInLocalFrame(p, q, widthMeters / 2));
            }
        }
        Geometry union = UnaryUnionOp.union(pieces);
        union.setSRID(4326);
        return ZoneDensifier.densify(union, ZoneDensifier.DEFAULT_MAX_SEGMENT_METERS);
    }

    private static GeoPoint lerp(GeoPoint a, GeoPoint b, double f) {
        return new GeoPoint(a.lat() + f * (b.lat() - a.lat()), a.lon() + f * (b.lon() - a.lon()));
    }

    private static Geometry bufferInLocalFrame(GeoPoint p, GeoPoint q, double halfWidth) {
        LocalMetricFrame frame = LocalMetricFrame.at(lerp(p, q, 0.5));
        Geometry line = FACTORY.createLineString(new Coordinate[] {
                new Coordinate(frame.x(p.lon()), frame.y(p.lat())),
                new Coordinate(frame.x(q.lon()), frame.y(q.lat()))});
        Geometry metres = line.buffer(halfWidth, 16);
        return new GeometryTransformer() {
            @Override
            protected org.locationtech.jts.geom.CoordinateSequence transformCoordinates(
                    org.locationtech.jts.geom.CoordinateSequence coords, Geometry parent) {
                Coordinate[] out = new Coordinate[coords.size()];
                for (int i = 0; i < coords.size(); i++) {
                    out[i] = new Coordinate(frame.lon(coords.getX(i)), frame.lat(coords.getY(i)));
                }
                return factory.getCoordinateSequenceFactory().create(out);
            }
        }.transform(metres);
    }
}
