package org.tether.geofence.zone;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.GeometryTransformer;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.geo.Geodesy;

/**
 * Splits long zone edges into pieces of at most a given length, inserting points on the straight
 * lon/lat line. The zone is unchanged in PostGIS {@code geometry} semantics (edges are straight in
 * lon/lat), but after densification the three readings of an edge — the lon/lat line, the geodesic
 * and the straight line on a Mercator map — agree within centimetres, so what an officer sees on the
 * map, what PostGIS {@code geography} measures and what this engine evaluates are the same zone.
 * Stateless and thread-safe.
 */
public final class ZoneDensifier {

    /** Edges are cut to at most this by default when zones are saved. */
    public static final double DEFAULT_MAX_SEGMENT_METERS = 1_000;

    private ZoneDensifier() {
    }

    public static Geometry densify(Geometry geometry, double maxSegmentMeters) {
        if (!(maxSegmentMeters > 0)) {
            throw new IllegalArgumentException("maxSegmentMeters must be > 0");
        }
        Geometry out = new Transformer(maxSegmentMeters).transform(geometry);
        out.setSRID(geometry.getSRID());
        return out;
    }

    private static final class Transformer extends GeometryTransformer {
        private final double max;

        Transformer(double max) {
            this.max = max;
        }

        @Override
        protected CoordinateSequence transformCoordinates(CoordinateSequence coords, Geometry parent) {
            if (coords.size() < 2) {
                return coords.copy();
            }
            java.util.List<Coordinate> out = new java.util.ArrayList<>(coords.size());
            for (int i = 0; i < coords.size() - 1; i++) {
                Coordinate a = coords.getCoordinate(i);
                Coordinate b = coords.getCoordinate(i + 1);
                out.add(new Coordinate(a.x, a.y));
                int pieces = pieces(a, b, max);
                for (int k = 1; k < pieces; k++) {
                    out.add(along(a, b, (double) k / pieces));
                }
            }
            Coordinate last = coords.getCoordinate(coords.size() - 1);
            out.add(new Coordinate(last.x, last.y));
            return factory.getCoordinateSequenceFactory().create(out.toArray(new Coordinate[0]));
        }

        /**
         * The number of equal lon/lat steps that cuts a–b into pieces no longer than {@code max} on the
         * ellipsoid. Equal steps in lon/lat are not equal in metres (a degree of longitude shrinks
         * poleward), so the count from the whole edge's geodesic length is checked against the longest
         * piece and raised until it fits.
         */
        private static int pieces(Coordinate a, Coordinate b, double max) {
            int n = Math.max(1, (int) Math.ceil(Geodesy.distanceMeters(point(a), point(b)) / max));
            while (true) {
                double longest = longestPiece(a, b, n);
                if (!(longest > max)) {
                    return n;
                }
                n = Math.max(n + 1, (int) Math.ceil(n * longest / max));
            }
        }

        private static double longestPiece(Coordinate a, Coordinate b, int n) {
            double longest = 0;
            GeoPoint previous = point(a);
            for (int k = 1; k <= n; k++) {
                GeoPoint next = k == n ? point(b) : point(along(a, b, (double) k / n));
                longest = Math.max(longest, Geodesy.distanceMeters(previous, next));
                previous = next;
            }
            return longest;
        }

        private static Coordinate along(Coordinate a, Coordinate b, double f) {
            return new Coordinate(a.x + f * (b.x - a.x), a.y + f * (b.y - a.y));
        }

        private static GeoPoint point(Coordinate c) {
            return new GeoPoint(c.y, c.x);
        }
    }
}
