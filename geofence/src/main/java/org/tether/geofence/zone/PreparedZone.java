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
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.prep.PreparedPolygon;
import org.locationtech.jts.algorithm.locate.PointOnGeometryLocator;
import org.locationtech.jts.index.ItemVisitor;
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
 * <p>Polygons above {@value #SMALL_POLYGON_VERTICES} vertices also get a {@link BoundaryGrid}: a fix
 * deep inside (or far outside) a county is decided by one array read; only fixes whose accuracy circle
 * may reach the boundary take the exact path above. Polygons up to that size are kept as packed XY
 * rings and scanned linearly. Rings are read straight from the zone's geometry when it is already
 * held in packed XY doubles (as {@code ZoneSnapshot} producers should build it), so the vertices are
 * stored once; otherwise one XY copy is made here (read with {@code getX/getY}: never through
 * {@code toCoordinateArray()}, which would cache a {@code Coordinate[]} per ring in the source).
 *
 * <p>Immutable and thread-safe: the tree and the grid are built in the constructor and only queried
 * after (JTS builds its point locator lazily, under its own lock). Building costs O(n log n) in the
 * number of vertices. Queries allocate nothing on their common paths.
 */
public final class PreparedZone {

    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);
    /** Relative error bound of the equirectangular circle distance used before the exact one. */
    static final double FAST_DISTANCE_REL_ERROR = 0.003;
    /** Up to this many vertices a polygon is kept as packed rings and scanned linearly. */
    static final int SMALL_POLYGON_VERTICES = 256;
    /** Above this latitude circle distances are always computed exactly (the fast frame's bound fails past ~83°). */
    static final double POLAR_LATITUDE = 70;

    private final Zone zone;
    private final String trackKey;
    private final Envelope envelope;
    // The envelope's bounds as plain fields, read on every query without a pointer to chase
    private final double envMinX;
    private final double envMaxX;
    private final double envMinY;
    private final double envMaxY;
    // Large polygon: prepared geometry and an R-tree of boundary segments
    private final PreparedGeometry prepared;
    private final PointOnGeometryLocator locator;
    private final STRtree segments;
    private final BoundaryGrid grid;
    // Small polygon: its rings, packed XY ({@code rings[part][0]} the shell, the rest holes), and the
    // same coordinates as raw arrays for the distance and crossing scans
    private final CoordinateSequence[][] rings;
    private final double[][][] xy;
    /**
     * A small polygon of one part without holes (the common exclusion zone): its one ring, {@code xy[0][0]},
     * held directly, so the exact tests reach the vertices in one step from here.
     */
    private final double[] shell;
    // Circle
    private final GeoPoint centre;
    private final double radius;
    private final double centreLat;
    private final double centreLon;
    private final double centreMLat;
    private final double centreMLon;

    public PreparedZone(Zone zone) {
        this.zone = zone;
        this.trackKey = zone.id().toString();
        if (zone.isCircle()) {
            this.prepared = null;
            this.locator = null;
            this.segments = null;
            this.grid = null;
            this.rings = null;
            this.xy = null;
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
            this.locator = null;
            this.segments = null;
            this.grid = null;
            this.rings = packRings(zone.geometry());
            this.xy = raw(rings);
            this.envelope = zone.geometry().getEnvelopeInternal();
            this.centre = null;
            this.radius = 0;
            this.centreMLat = 0;
            this.centreMLon = 0;
        } else {
            this.prepared = PreparedGeometryFactory.prepare(zone.geometry());
            // The prepared polygon's own locator: PreparedPolygon.covers(Point) ends in the same call,
            // after allocating a Point and going through the predicate machinery.
            this.locator = ((PreparedPolygon) prepared).getPointLocator();
            this.segments = indexSegments(zone.geometry());
            this.grid = BoundaryGrid.build(zone.geometry(), locator);
            this.rings = null;
            this.xy = null;
            this.envelope = zone.geometry().getEnvelopeInternal();
            this.centre = null;
            this.radius = 0;
            this.centreMLat = 0;
            this.centreMLon = 0;
        }
        this.shell = xy != null && xy.length == 1 && xy[0].length == 1 ? xy[0][0] : null;
        this.centreLat = centre == null ? 0 : centre.lat();
        this.centreLon = centre == null ? 0 : centre.lon();
        this.envMinX = envelope.getMinX();
        this.envMaxX = envelope.getMaxX();
        this.envMinY = envelope.getMinY();
        this.envMaxY = envelope.getMaxY();
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

    /**
     * Reads the first vertices of a small polygon's rings (nothing for other zones), so that a batch can
     * bring them into the cache before the exact tests run; the result means nothing.
     */
    long touch() {
        if (shell != null) {
            return Double.doubleToRawLongBits(shell[0]);
        }
        if (xy == null) {
            return 0;
        }
        long touched = 0;
        for (double[][] part : xy) {
            for (double[] ring : part) {
                touched += Double.doubleToRawLongBits(ring[0]);
            }
        }
        return touched;
    }

    /** Whether the zone covers the point: boundary included, as PostGIS {@code ST_Covers} / {@code ST_DWithin}. */
    public boolean covers(GeoPoint p) {
        if (centre != null) {
            return circleDistance(p, 0) <= radius;
        }
        if (!(p.lon() >= envMinX && p.lon() <= envMaxX && p.lat() >= envMinY && p.lat() <= envMaxY)) {
            return false;
        }
        if (rings != null) {
            return ringsCover(p);
        }
        if (grid != null) {
            int decided = grid.locate(p.lon(), p.lat(), 0);
            if (decided != Location.NONE) {
                return decided == Location.INTERIOR;
            }
        }
        return locator.locate(new Coordinate(p.lon(), p.lat())) != Location.EXTERIOR;
    }

    /**
     * Classifies the point against the zone with a margin of {@code marginMeters} around the
     * boundary. A margin of zero gives plain INSIDE/OUTSIDE.
     */
    public BoundaryProximity locate(GeoPoint p, double marginMeters) {
        if (centre != null) {
            return locateCircle(p, marginMeters);
        }
        return locate(p, marginMeters, Geodesy.metersPerDegreeLat(p.lat()), Geodesy.metersPerDegreeLon(p.lat()));
    }

    /**
     * {@link #locate(GeoPoint, double)} with the point's metres per degree already computed by the
     * caller (one fix is located against several zones): {@code mLat} and {@code mLon} must be
     * {@link Geodesy#metersPerDegreeLat}/{@link Geodesy#metersPerDegreeLon} of {@code p.lat()}.
     */
    public BoundaryProximity locate(GeoPoint p, double marginMeters, double mLat, double mLon) {
        if (centre != null) {
            return locateCircle(p, marginMeters);
        }
        if (grid != null) {
            int decided = grid.locate(p.lon(), p.lat(), marginMeters);
            if (decided != Location.NONE) {
                return decided == Location.INTERIOR ? BoundaryProximity.INSIDE : BoundaryProximity.OUTSIDE;
            }
        }
        return locateExactly(p, marginMeters, mLat, mLon);
    }

    /** A polygon's locate past its boundary grid. */
    private BoundaryProximity locateExactly(GeoPoint p, double marginMeters, double mLat, double mLon) {
        if (marginMeters > 0 && boundaryWithin(p, marginMeters, mLat, mLon)) {
            return BoundaryProximity.NEAR_BOUNDARY;
        }
        return covers(p) ? BoundaryProximity.INSIDE : BoundaryProximity.OUTSIDE;
    }

    /**
     * {@link #locate(GeoPoint, double, double, double)} for the point ({@code lat}, {@code lon}) given as numbers:
     * the same answer. A polygon whose boundary grid decides the point (most points, for a large zone) is
     * located without building a {@code GeoPoint}; otherwise one is built and located as usual.
     */
    public BoundaryProximity locate(double lat, double lon, double marginMeters, double mLat, double mLon) {
        if (centre == null && grid != null) {
            int decided = grid.locate(lon, lat, marginMeters);
            if (decided != Location.NONE) {
                return decided == Location.INTERIOR ? BoundaryProximity.INSIDE : BoundaryProximity.OUTSIDE;
            }
            return locateExactly(new GeoPoint(lat, lon), marginMeters, mLat, mLon);
        }
        return locate(new GeoPoint(lat, lon), marginMeters, mLat, mLon);
    }

    private BoundaryProximity locateCircle(GeoPoint p, double marginMeters) {
        double d = circleDistance(p, marginMeters);
        if (Math.abs(d - radius) <= marginMeters && marginMeters > 0) {
            return BoundaryProximity.NEAR_BOUNDARY;
        }
        return d <= radius ? BoundaryProximity.INSIDE : BoundaryProximity.OUTSIDE;
    }

    /** Whether some part of the boundary lies within {@code meters} of the point. */
    public boolean boundaryWithin(GeoPoint p, double meters) {
        if (centre != null) {
            return Math.abs(circleDistance(p, meters) - radius) <= meters;
        }
        return boundaryWithin(p, meters, Geodesy.metersPerDegreeLat(p.lat()), Geodesy.metersPerDegreeLon(p.lat()));
    }

    private boolean boundaryWithin(GeoPoint p, double meters, double mLat, double mLon) {
        // A little slack so that rounding in the degree conversion can never hide a segment.
        double dLat = meters * 1.001 / mLat;
        double dLon = meters * 1.001 / mLon;
        double minX = p.lon() - dLon;
        double maxX = p.lon() + dLon;
        double minY = p.lat() - dLat;
        double maxY = p.lat() + dLat;
        if (envMinX > maxX || envMaxX < minX || envMinY > maxY || envMaxY < minY) {
            return false;
        }
        if (rings != null) {
            return ringsWithin(p, meters, mLat, mLon, minX, maxX, minY, maxY);
        }
        NearSegment visitor = new NearSegment(p, meters, mLat, mLon);
        segments.query(new Envelope(minX, maxX, minY, maxY), visitor);
        return visitor.found;
    }

    /** Visits the segments whose boxes meet the query box; no result list is built. */
    private static final class NearSegment implements ItemVisitor {
        private final GeoPoint p;
        private final double meters;
        private final double mLat;
        private final double mLon;
        boolean found;

        NearSegment(GeoPoint p, double meters, double mLat, double mLon) {
            this.p = p;
            this.meters = meters;
            this.mLat = mLat;
            this.mLon = mLon;
        }

        @Override
        public void visitItem(Object item) {
            if (!found && ((Segment) item).distanceMeters(p, mLat, mLon) <= meters) {
                found = true;
            }
        }
    }

    /**
     * Whether the straight path from {@code a} to {@code b} passes through the zone. Used for sparse
     * fixes: a person may have crossed a zone between two fixes that are both outside it.
     */
    public boolean crossedBy(GeoPoint a, GeoPoint b) {
        Envelope path = new Envelope(a.lon(), b.lon(), a.lat(), b.lat());
        // A circle's box is not wrapped at ±180°: there the pre-filter would wrongly say "far".
        boolean wraps = envMinX < -180 || envMaxX > 180;
        if (!wraps && (!envelope.intersects(path) || segmentMissesEnvelope(a, b))) {
            return false;
        }
        if (centre != null) {
            Segment s = new Segment(a.lon(), a.lat(), b.lon(), b.lat());
            return s.distanceMeters(centre, centreMLat, centreMLon) <= radius;
        }
        if (prepared != null) {
            LineString line = FACTORY.createLineString(new Coordinate[] {
                    new Coordinate(a.lon(), a.lat()), new Coordinate(b.lon(), b.lat())});
            return prepared.intersects(line);
        }
        return ringsCrossed(a, b) || covers(a) || covers(b);
    }

    private boolean segmentMissesEnvelope(GeoPoint a, GeoPoint b) {
        return SegmentBox.surelyMisses(a.lon(), a.lat(), b.lon(), b.lat(), envMinX, envMaxX, envMinY, envMaxY);
    }

    /**
     * Distance from the circle's centre in metres: the equirectangular estimate when it is clearly
     * away from {@code radius ± margin}, the exact ellipsoidal distance otherwise.
     */
    /** Circle only: centre latitude, longitude, metres per degree there (lat, lon), radius in metres. */
    double[] circleNumbers() {
        return new double[] {centreLat, centreLon, centreMLat, centreMLon, radius};
    }

    private double circleDistance(GeoPoint p, double margin) {
        double dLon = p.lon() - centreLon;
        if (dLon > 180) {
            dLon -= 360;
        } else if (dLon < -180) {
            dLon += 360;
        }
        double dx = dLon * centreMLon;
        double dy = (p.lat() - centreLat) * centreMLat;
        double fast = Math.sqrt(dx * dx + dy * dy);
        // The frame's error grows with distance (meridians converge): bound it generously.
        double tolerance = fast * (FAST_DISTANCE_REL_ERROR + fast / 6e6) + 1;
        // Near the poles the frame's error bound no longer holds for large circles: always measure.
        if (Math.abs(centreLat) < POLAR_LATITUDE && Math.abs(fast - radius) > margin + tolerance) {
            return fast;
        }
        return Geodesy.distanceMeters(centre, p);
    }

    /** Covered by a part's shell (boundary included) and not strictly inside one of its holes. */
    private boolean ringsCover(GeoPoint p) {
        double px = p.lon();
        double py = p.lat();
        if (shell != null) {
            return locateInRing(px, py, shell) != Location.EXTERIOR; // no hole to be in
        }
        for (double[][] part : xy) {
            int shell = locateInRing(px, py, part[0]);
            if (shell == Location.EXTERIOR) {
                continue;
            }
            if (shell == Location.BOUNDARY) {
                return true;
            }
            boolean inHole = false;
            for (int h = 1; h < part.length && !inHole; h++) {
                inHole = locateInRing(px, py, part[h]) == Location.INTERIOR;
            }
            if (!inHole) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code RayCrossingCounter.locatePointInRing} on a packed XY ring, segment for segment the same
     * calls (so the same answer), except that segments wholly above, below or left of the point are
     * skipped here: JTS's counter ignores those too, after reading them into Coordinates.
     */
    private static int locateInRing(double px, double py, double[] ring) {
        RayCrossingCounter counter = null;
        Coordinate p1 = null;
        Coordinate p2 = null;
        for (int i = 2; i < ring.length; i += 2) {
            double x1 = ring[i];
            double y1 = ring[i + 1];
            double x2 = ring[i - 2];
            double y2 = ring[i - 1];
            if (x1 < px && x2 < px || y1 > py && y2 > py || y1 < py && y2 < py) {
                continue;
            }
            if (counter == null) {
                counter = new RayCrossingCounter(new Coordinate(px, py));
                p1 = new Coordinate();
                p2 = new Coordinate();
            }
            p1.x = x1;
            p1.y = y1;
            p2.x = x2;
            p2.y = y2;
            counter.countSegment(p1, p2);
            if (counter.isOnSegment()) {
                return counter.getLocation();
            }
        }
        return counter == null ? Location.EXTERIOR : counter.getLocation();
    }

    private boolean ringsWithin(GeoPoint p, double meters, double mLat, double mLon, double minX, double maxX,
                                double minY, double maxY) {
        double px = p.lon();
        double py = p.lat();
        if (shell != null) {
            return ringWithin(shell, px, py, meters, mLat, mLon, minX, maxX, minY, maxY);
        }
        for (double[][] part : xy) {
            for (double[] ring : part) {
                if (ringWithin(ring, px, py, meters, mLat, mLon, minX, maxX, minY, maxY)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean ringWithin(double[] ring, double px, double py, double meters, double mLat, double mLon,
                                      double minX, double maxX, double minY, double maxY) {
        for (int i = 2; i < ring.length; i += 2) {
            double x0 = ring[i - 2];
            double y0 = ring[i - 1];
            double x1 = ring[i];
            double y1 = ring[i + 1];
            // An edge whose box misses the (slightly generous) metre box is farther than meters.
            if (Math.max(x0, x1) < minX || Math.min(x0, x1) > maxX || Math.max(y0, y1) < minY
                    || Math.min(y0, y1) > maxY) {
                continue;
            }
            if (Segment.distanceMeters(px, py, x0, y0, x1, y1, mLat, mLon) <= meters) {
                return true;
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
        if (shell != null) {
            return ringCrossed(shell, p, q, r, t);
        }
        for (double[][] part : xy) {
            for (double[] ring : part) {
                if (ringCrossed(ring, p, q, r, t)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean ringCrossed(double[] ring, Coordinate p, Coordinate q, Coordinate r, Coordinate t) {
        for (int i = 2; i < ring.length; i += 2) {
            r.x = ring[i - 2];
            r.y = ring[i - 1];
            t.x = ring[i];
            t.y = ring[i + 1];
            if (segmentsMeet(p, q, r, t)) {
                return true;
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

    /**
     * The ring as packed XY doubles: the ring's own sequence when it already is one (no copy), else a
     * copy read with getX/getY.
     */
    private static CoordinateSequence pack(LineString ring) {
        CoordinateSequence cs = ring.getCoordinateSequence();
        if (cs instanceof PackedCoordinateSequence.Double && cs.getDimension() == 2) {
            return cs;
        }
        double[] out = new double[2 * cs.size()];
        for (int i = 0; i < cs.size(); i++) {
            out[2 * i] = cs.getX(i);
            out[2 * i + 1] = cs.getY(i);
        }
        return new PackedCoordinateSequence.Double(out, 2, 0);
    }

    private static double[][][] raw(CoordinateSequence[][] rings) {
        double[][][] out = new double[rings.length][][];
        for (int g = 0; g < rings.length; g++) {
            out[g] = new double[rings[g].length][];
            for (int r = 0; r < rings[g].length; r++) {
                out[g][r] = ((PackedCoordinateSequence.Double) rings[g][r]).getRawCoordinates();
            }
        }
        return out;
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
            return distanceMeters(p.lon(), p.lat(), x0, y0, x1, y1, mLat, mLon);
        }

        /** Distance from (px, py) to the segment (x0, y0)–(x1, y1) in metres, in the tangent plane at p. */
        static double distanceMeters(double px, double py, double x0, double y0, double x1, double y1, double mLat,
                                     double mLon) {
            double ax = (x0 - px) * mLon;
            double ay = (y0 - py) * mLat;
            double bx = (x1 - px) * mLon;
            double by = (y1 - py) * mLat;
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
