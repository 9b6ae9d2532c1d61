package org.tether.geofence.zone;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.LinearComponentExtracter;
import org.locationtech.jts.index.strtree.STRtree;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.geo.Geodesy;

/**
 * A zone made ready for many point queries: a prepared geometry for point-in-zone and an R-tree of
 * its boundary segments for "is the boundary within d metres?".
 *
 * <p>The boundary test is why this class exists. {@code IndexedFacetDistance} costs microseconds per
 * query; here most fixes are far from every edge, so an envelope query on the segment tree comes
 * back empty and the answer is known without measuring anything. Only segments whose envelope
 * touches the margin box are measured, in metres, in a local tangent frame at the point — exact
 * enough because stored edges are short (zones are densified on save).
 *
 * <p>Immutable and thread-safe: the tree is built in the constructor and only queried after.
 * Building costs O(n log n) in the number of vertices.
 */
public final class PreparedZone {

    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private final Zone zone;
    private final PreparedGeometry prepared;
    private final STRtree segments;

    public PreparedZone(Zone zone) {
        this.zone = zone;
        this.prepared = PreparedGeometryFactory.prepare(zone.geometry());
        this.segments = indexSegments(zone.geometry());
    }

    public Zone zone() {
        return zone;
    }

    /** Whether the zone covers the point (boundary included, as PostGIS {@code ST_Covers}). */
    public boolean covers(GeoPoint p) {
        return prepared.covers(point(p));
    }

    /**
     * Classifies the point against the zone with a margin of {@code marginMeters} around the
     * boundary. A margin of zero gives plain INSIDE/OUTSIDE.
     */
    public BoundaryProximity locate(GeoPoint p, double marginMeters) {
        if (marginMeters > 0 && boundaryWithin(p, marginMeters)) {
            return BoundaryProximity.NEAR_BOUNDARY;
        }
        return covers(p) ? BoundaryProximity.INSIDE : BoundaryProximity.OUTSIDE;
    }

    /** Whether some part of the boundary lies within {@code meters} of the point. */
    public boolean boundaryWithin(GeoPoint p, double meters) {
        double mLat = Geodesy.metersPerDegreeLat(p.lat());
        double mLon = Geodesy.metersPerDegreeLon(p.lat());
        // A little slack so that rounding in the degree conversion can never hide a segment.
        double dLat = meters * 1.001 / mLat;
        double dLon = meters * 1.001 / mLon;
        Envelope box = new Envelope(p.lon() - dLon, p.lon() + dLon, p.lat() - dLat, p.lat() + dLat);
        @SuppressWarnings("unchecked")
        List<Segment> candidates = segments.query(box);
        for (Segment s : candidates) {
            if (s.distanceMeters(p, mLat, mLon) <= meters) {
                return true;
            }
        }
        return false;
    }

    private static Point point(GeoPoint p) {
        return FACTORY.createPoint(new Coordinate(p.lon(), p.lat()));
    }

    private static STRtree indexSegments(Geometry geometry) {
        STRtree tree = new STRtree();
        @SuppressWarnings("unchecked")
        List<LineString> lines = LinearComponentExtracter.getLines(geometry);
        for (LineString line : lines) {
            CoordinateSequence cs = line.getCoordinateSequence();
            for (int i = 1; i < cs.size(); i++) {
                Segment s = new Segment(cs.getX(i - 1), cs.getY(i - 1), cs.getX(i), cs.getY(i));
                tree.insert(new Envelope(s.x0, s.x1, s.y0, s.y1), s);
            }
        }
        tree.build();
        return tree;
    }

    /** One boundary edge in lon (x) / lat (y) degrees. */
    private record Segment(double x0, double y0, double x1, double y1) {

        /** Distance from p to this segment in metres, in the tangent plane at p. */
        double distanceMeters(GeoPoint p, double mLat, double mLon) {
            double ax = (x0 - p.lon()) * mLon;
            double ay = (y0 - p.lat()) * mLat;
            double bx = (x1 - p.lon()) * mLon;
            double by = (y1 - p.lat()) * mLat;
            double dx = bx - ax;
            double dy = by - ay;
            double len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
            double cx = ax + t * dx;
            double cy = ay + t * dy;
            return Math.sqrt(cx * cx + cy * cy);
        }
    }
}
