package org.tether.geofence.zone;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.algorithm.RayCrossingCounter;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.LinearComponentExtracter;
import org.locationtech.jts.index.strtree.STRtree;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.geo.Geodesy;

/**
 * A zone made ready for many point queries.
 *
 * <p><b>Polygons</b>: a prepared geometry for point-in-zone and an R-tree of boundary segments for
 * "is the boundary within d metres?". {@code IndexedFacetDistance} costs microseconds per query;
 * here most fixes are far from every edge, so an envelope query on the segment tree comes back
 * empty and the answer is known without measuring anything. Only segments whose envelope touches
 * the margin box are measured, in metres, in a local tangent frame at the point: exact to
 * millimetres for the short edges zones have once densified on save ({@link ZoneDensifier}).
 *
 * <p><b>Circles</b>: the distance to the centre is first taken in an equirectangular frame at the
 * centre (a few multiplications); only when that lands within the margin plus its own error bound
 * of the radius is the exact ellipsoidal distance computed, so verdicts equal PostGIS
 * {@code ST_DWithin(geography)} while most fixes cost no trigonometry.
 *
 * <p>Immutable and thread-safe: the tree is built in the constructor and only queried after.
 * Building costs O(n log n) in the number of vertices.
 */
public final class PreparedZone {

    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);
    /** Relative error bound of the equirectangular circle distance used before the exact one. */
    private static final double FAST_DISTANCE_REL_ERROR = 0.003;
    /** Up to this many vertices a polygon is kept as packed rings and scanned linearly. */
    static final int SMALL_POLYGON_VERTICES = 256;
    /** Above this latitude circle distances are always computed exactly (the fast frame's bound fails past ~83°). */
    private static final double POLAR_LATITUDE = 70;

    private final Zone zone;
    private final String trackKey;
    private final Envelope envelope;
    // Large polygon: prepared geometry and an R-tree of boundary segments
    private final PreparedGeometry prepared;
    private final STRtree segments;
    // Small polygon: its rings, packed ({@code rings[part][0]} the shell, the rest holes)
    private final CoordinateSequence[][] rings;
    // Circle
    private final GeoPoint centre;
    private final double radius;
    private final double centreMLat;
    private final double centreMLon;

    public PreparedZone(Zone zone) {
        this.zone = zone;
        this.trackKey = zone.id().toString();
        if (zone.isCircle()) {
            this.prepared = null;
            this.segments = null;
            this.rings = null;
            this.centre = zone.centre();
            this.radius = zone.radiusMeters();
            this.centreMLat = Geodesy.metersPerDegreeLat(centre.lat());
            this.centreMLon = Geodesy.metersPerDegreeLon(centre.lat());
            // Generous: the box only pre-filters, it never decides.
            double dLat = radius * 1.01 / centreMLat;
            double dLon = radius * 1.01 / Math.max(1, Geodesy.metersPerDegreeLon(Math.min(89.9,
                    Math.abs(centre.lat()) + dLat)));
            this.envelope = new Envelope(centre.lon() - dLon, centre.lon() + dLon, centre.lat() - dLat,
                    centre.lat() + dLat);
        } else if (zone.geometry().getNumPoints() <= SMALL_POLYGON_VERTICES) {
            // Most zones are small (a victim's home, a school): plain arrays and a linear scan beat
            // JTS's prepared geometry and a segment tree in speed and use a tenth of the memory.
            this.prepared = null;
            this.segments = null;
            this.rings = packRings(zone.geometry());
            this.envelope = zone.geometry().getEnvelopeInternal();
            this.centre = null;
            this.radius = 0;
            this.centreMLat = 0;
            this.centreMLon = 0;
        } else {
            this.prepared = PreparedGeometryFactory.prepare(zone.geometry());
            this.segments = indexSegments(zone.geometry());
            this.rings = null;
            this.envelope = zone.geometry().getEnvelopeInternal();
            this.centre = null;
            this.radius = 0;
            this.centreMLat = 0;
            this.centreMLon = 0;
        }
    }

    public Zone zone() {
        return zone;
    }

    /** The zone's id as text, computed once: the key of its track in a person's geofence state. */
    public String trackKey() {
        return trackKey;
    }

    /** Bounding box in lon/lat degrees (for circles, a box that surely contains the circle). */
    public Envelope envelope() {
        return envelope;
    }

    /** Whether the zone covers the point: boundary included, as PostGIS {@code ST_Covers} / {@code ST_DWithin}. */
    public boolean covers(GeoPoint p) {
        if (centre != null) {
            return circleDistance(p, 0) <= radius;
        }
        if (!envelope.covers(p.lon(), p.lat())) {
            return false;
        }
        return rings != null ? ringsCover(p) : prepared.covers(point(p));
    }

    /**
     * Classifies the point against the zone with a margin of {@code marginMeters} around the
     * boundary. A margin of zero gives plain INSIDE/OUTSIDE.
     */
    public BoundaryProximity locate(GeoPoint p, double marginMeters) {
        if (centre != null) {
            double d = circleDistance(p, marginMeters);
            if (Math.abs(d - radius) <= marginMeters && marginMeters > 0) {
                return BoundaryProximity.NEAR_BOUNDARY;
            }
            return d <= radius ? BoundaryProximity.INSIDE : BoundaryProximity.OUTSIDE;
        }
        if (marginMeters > 0 && boundaryWithin(p, marginMeters)) {
            return BoundaryProximity.NEAR_BOUNDARY;
        }
        return covers(p) ? BoundaryProximity.INSIDE : BoundaryProximity.OUTSIDE;
    }

    /** Whether some part of the boundary lies within {@code meters} of the point. */
    public boolean boundaryWithin(GeoPoint p, double meters) {
        if (centre != null) {
            return Math.abs(circleDistance(p, meters) - radius) <= meters;
        }
        double mLat = Geodesy.metersPerDegreeLat(p.lat());
        double mLon = Geodesy.metersPerDegreeLon(p.lat());
        // A little slack so that rounding in the degree conversion can never hide a segment.
        double dLat = meters * 1.001 / mLat;
        double dLon = meters * 1.001 / mLon;
        Envelope box = new Envelope(p.lon() - dLon, p.lon() + dLon, p.lat() - dLat, p.lat() + dLat);
        if (!envelope.intersects(box)) {
            return false;
        }
        if (rings != null) {
            return ringsWithin(p, meters, mLat, mLon);
        }
        @SuppressWarnings("unchecked")
        List<Segment> candidates = segments.query(box);
        for (Segment s : candidates) {
            if (s.distanceMeters(p, mLat, mLon) <= meters) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the straight path from {@code a} to {@code b} passes through the zone. Used for sparse
     * fixes: a person may have crossed a zone between two fixes that are both outside it.
     */
    public boolean crossedBy(GeoPoint a, GeoPoint b) {
        Envelope path = new Envelope(a.lon(), b.lon(), a.lat(), b.lat());
        // A circle's box is not wrapped at ±180°: there the pre-filter would wrongly say "far".
        boolean wraps = envelope.getMinX() < -180 || envelope.getMaxX() > 180;
        if (!wraps && !envelope.intersects(path)) {
            return false;
        }
        if (centre != null) {
            Segment s = new Segment(a.lon(), a.lat(), b.lon(), b.lat());
            return s.distanceMeters(centre, centreMLat, centreMLon) <= radius;
        }
        LineString line = FACTORY.createLineString(new Coordinate[] {
                new Coordinate(a.lon(), a.lat()), new Coordinate(b.lon(), b.lat())});
        return prepared != null ? prepared.intersects(line) : ringsCrossed(a, b) || covers(a) || covers(b);
    }

    /**
     * Distance from the circle's centre in metres: the equirectangular estimate when it is clearly
     * away from {@code radius ± margin}, the exact ellipsoidal distance otherwise.
     */
    private double circleDistance(GeoPoint p, double margin) {
        double dLon = p.lon() - centre.lon();
        if (dLon > 180) {
            dLon -= 360;
        } else if (dLon < -180) {
            dLon += 360;
        }
        double dx = dLon * centreMLon;
        double dy = (p.lat() - centre.lat()) * centreMLat;
        double fast = Math.sqrt(dx * dx + dy * dy);
        // The frame's error grows with distance (meridians converge): bound it generously.
        double tolerance = fast * (FAST_DISTANCE_REL_ERROR + fast / 6e6) + 1;
        // Near the poles the frame's error bound no longer holds for large circles: always measure.
        if (Math.abs(centre.lat()) < POLAR_LATITUDE && Math.abs(fast - radius) > margin + tolerance) {
            return fast;
        }
        return Geodesy.distanceMeters(centre, p);
    }

    /** Covered by a part's shell (boundary included) and not strictly inside one of its holes. */
    private boolean ringsCover(GeoPoint p) {
        Coordinate c = new Coordinate(p.lon(), p.lat());
        for (CoordinateSequence[] part : rings) {
            int shell = RayCrossingCounter.locatePointInRing(c, part[0]);
            if (shell == Location.EXTERIOR) {
                continue;
            }
            if (shell == Location.BOUNDARY) {
                return true;
            }
            boolean inHole = false;
            for (int h = 1; h < part.length && !inHole; h++) {
                inHole = RayCrossingCounter.locatePointInRing(c, part[h]) == Location.INTERIOR;
            }
            if (!inHole) {
                return true;
            }
        }
        return false;
    }

    private boolean ringsWithin(GeoPoint p, double meters, double mLat, double mLon) {
        for (CoordinateSequence[] part : rings) {
            for (CoordinateSequence ring : part) {
                for (int i = 1; i < ring.size(); i++) {
                    double x0 = ring.getX(i - 1);
                    double y0 = ring.getY(i - 1);
                    double x1 = ring.getX(i);
                    double y1 = ring.getY(i);
                    if (new Segment(x0, y0, x1, y1).distanceMeters(p, mLat, mLon) <= meters) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether the segment a–b meets any ring edge (orientation tests: no geometry graph, no allocation). */
    private boolean ringsCrossed(GeoPoint a, GeoPoint b) {
        Coordinate p = new Coordinate(a.lon(), a.lat());
        Coordinate q = new Coordinate(b.lon(), b.lat());
        Coordinate r = new Coordinate();
        Coordinate t = new Coordinate();
        for (CoordinateSequence[] part : rings) {
            for (CoordinateSequence ring : part) {
                for (int i = 1; i < ring.size(); i++) {
                    r.x = ring.getX(i - 1);
                    r.y = ring.getY(i - 1);
                    t.x = ring.getX(i);
                    t.y = ring.getY(i);
                    if (segmentsMeet(p, q, r, t)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean segmentsMeet(Coordinate p, Coordinate q, Coordinate r, Coordinate t) {
        if (Math.max(p.x, q.x) < Math.min(r.x, t.x) || Math.max(r.x, t.x) < Math.min(p.x, q.x)
                || Math.max(p.y, q.y) < Math.min(r.y, t.y) || Math.max(r.y, t.y) < Math.min(p.y, q.y)) {
            return false;
        }
        int o1 = Orientation.index(p, q, r);
        int o2 = Orientation.index(p, q, t);
        int o3 = Orientation.index(r, t, p);
        int o4 = Orientation.index(r, t, q);
        if (o1 != o2 && o3 != o4) {
            return true;
        }
        // Collinear cases: an end of one segment on the other (the bounding boxes already overlap).
        return o1 == 0 && onSegment(p, q, r) || o2 == 0 && onSegment(p, q, t)
                || o3 == 0 && onSegment(r, t, p) || o4 == 0 && onSegment(r, t, q);
    }

    private static boolean onSegment(Coordinate a, Coordinate b, Coordinate c) {
        return c.x >= Math.min(a.x, b.x) && c.x <= Math.max(a.x, b.x) && c.y >= Math.min(a.y, b.y)
                && c.y <= Math.max(a.y, b.y);
    }

    private static CoordinateSequence[][] packRings(Geometry geometry) {
        CoordinateSequence[][] out = new CoordinateSequence[geometry.getNumGeometries()][];
        for (int g = 0; g < geometry.getNumGeometries(); g++) {
            Polygon polygon = (Polygon) geometry.getGeometryN(g);
            CoordinateSequence[] part = new CoordinateSequence[1 + polygon.getNumInteriorRing()];
            part[0] = pack(polygon.getExteriorRing());
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                part[1 + h] = pack(polygon.getInteriorRingN(h));
            }
            out[g] = part;
        }
        return out;
    }

    private static CoordinateSequence pack(LineString ring) {
        return PackedCoordinateSequenceFactory.DOUBLE_FACTORY.create(ring.getCoordinateSequence());
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

    /** One edge (or path) in lon (x) / lat (y) degrees. */
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
