package org.tether.geofence.zone;

import java.util.List;
import org.locationtech.jts.algorithm.locate.PointOnGeometryLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.util.LinearComponentExtracter;
import org.tether.geofence.geo.Geodesy;

/**
 * A uniform grid over a large polygon's bounding box that decides most point-in-polygon and
 * "is the boundary within m metres?" questions with one array read, so a fix deep inside a county
 * costs no segment tree and no ray crossing.
 *
 * <p>Each cell holds its <em>clearance</em>: a lower bound, in metres, on the distance from any point
 * of the cell to the polygon's boundary as {@link PreparedZone#boundaryWithin} measures it (in the
 * tangent plane at the point), signed positive when the cell lies inside the polygon and negative
 * outside; 0 when the boundary may pass through the cell. A query with margin {@code m} is answered
 * by the grid only when {@code |clearance| > m}: then no boundary segment is within {@code m} of the
 * point, and the point is on the same side as the whole cell, so the exact path would give the same
 * answer. Otherwise (a point near the boundary, or an accuracy circle wider than the cell's clearance)
 * the caller takes the exact path. Clearances are capped at a couple of kilometres: a larger margin
 * always goes the exact way.
 *
 * <p>Why a lower bound holds: the exact path scales degrees by metres-per-degree at the point's own
 * latitude; the grid uses the smallest of those scales over the grid's latitude range, which can only
 * shorten every distance, and subtracts the cell's half-diagonal (triangle inequality in that fixed
 * norm) plus a centimetre for rounding (of the floating-point arithmetic, the cell index and the
 * {@code float} storage, all far smaller).
 *
 * <p>Immutable and thread-safe. Built in O(cells + segments × cells within the cap of a segment) plus
 * one point location per cell; about 4 bytes per cell, with cells ≈ 32 × vertices (at most 2<sup>18</sup>).
 */
final class BoundaryGrid {

    /** Clearances are computed up to this many metres (less for grids of small cells). */
    static final double MAX_CAP_METERS = 2_000;
    /** Rounding allowance subtracted from every clearance, metres. */
    private static final double SAFETY_METERS = 0.01;
    private static final int CELLS_PER_VERTEX = 32;
    private static final int MIN_CELLS = 1 << 10;
    private static final int MAX_CELLS = 1 << 18;
    private static final int MAX_CELLS_PER_AXIS = 2_048;

    private final double minX;
    private final double minY;
    private final double invCellW;
    private final double invCellH;
    private final int nx;
    private final int ny;
    private final float[] clearance;

    private BoundaryGrid(double minX, double minY, double invCellW, double invCellH, int nx, int ny,
                         float[] clearance) {
        this.minX = minX;
        this.minY = minY;
        this.invCellW = invCellW;
        this.invCellH = invCellH;
        this.nx = nx;
        this.ny = ny;
        this.clearance = clearance;
    }

    /**
     * The grid of {@code polygonal}, whose point-in-area answers come from {@code locator} (the same
     * locator the exact path uses); null when a grid would not help (a polygon reaching the poles).
     */
    static BoundaryGrid build(Geometry polygonal, PointOnGeometryLocator locator) {
        Envelope env = polygonal.getEnvelopeInternal();
        if (env.isNull() || env.getWidth() <= 0 || env.getHeight() <= 0
                || Math.max(Math.abs(env.getMinY()), Math.abs(env.getMaxY())) > 85) {
            return null;
        }
        // The smallest metres-per-degree over the grid's latitudes: every point queried lies within them.
        double nearEquator = env.getMinY() <= 0 && env.getMaxY() >= 0 ? 0
                : Math.min(Math.abs(env.getMinY()), Math.abs(env.getMaxY()));
        double farFromEquator = Math.max(Math.abs(env.getMinY()), Math.abs(env.getMaxY()));
        double mLat = Geodesy.metersPerDegreeLat(nearEquator);
        double mLon = Geodesy.metersPerDegreeLon(farFromEquator);

        double widthM = env.getWidth() * mLon;
        double heightM = env.getHeight() * mLat;
        int target = (int) Math.min(MAX_CELLS, Math.max(MIN_CELLS, (long) polygonal.getNumPoints() * CELLS_PER_VERTEX));
        double side = Math.sqrt(widthM * heightM / target);
        int nx = (int) Math.max(1, Math.min(MAX_CELLS_PER_AXIS, Math.ceil(widthM / side)));
        int ny = (int) Math.max(1, Math.min(MAX_CELLS_PER_AXIS, Math.ceil(heightM / side)));
        double cellW = env.getWidth() / nx;
        double cellH = env.getHeight() / ny;
        double cellWm = cellW * mLon;
        double cellHm = cellH * mLat;
        double halfDiagonal = 0.5 * Math.hypot(cellWm, cellHm);
        double cap = Math.min(MAX_CAP_METERS, 8 * Math.max(cellWm, cellHm));
        double capX = cap / mLon;
        double capY = cap / mLat;

        double[] clear = new double[nx * ny];
        java.util.Arrays.fill(clear, cap);
        @SuppressWarnings("unchecked")
        List<LineString> lines = LinearComponentExtracter.getLines(polygonal);
        for (LineString line : lines) {
            CoordinateSequence cs = line.getCoordinateSequence();
            for (int i = 1; i < cs.size(); i++) {
                double x0 = cs.getX(i - 1);
                double y0 = cs.getY(i - 1);
                double x1 = cs.getX(i);
                double y1 = cs.getY(i);
                // Cells meeting the segment's box widened by the cap (one more each way for rounding).
                int ix0 = clamp((int) Math.floor((Math.min(x0, x1) - capX - env.getMinX()) / cellW) - 1, nx);
                int ix1 = clamp((int) Math.floor((Math.max(x0, x1) + capX - env.getMinX()) / cellW) + 1, nx);
                int iy0 = clamp((int) Math.floor((Math.min(y0, y1) - capY - env.getMinY()) / cellH) - 1, ny);
                int iy1 = clamp((int) Math.floor((Math.max(y0, y1) + capY - env.getMinY()) / cellH) + 1, ny);
                for (int iy = iy0; iy <= iy1; iy++) {
                    double cy = env.getMinY() + (iy + 0.5) * cellH;
                    for (int ix = ix0; ix <= ix1; ix++) {
                        double cx = env.getMinX() + (ix + 0.5) * cellW;
                        double d = segmentDistance(cx, cy, x0, y0, x1, y1, mLon, mLat) - halfDiagonal;
                        int k = iy * nx + ix;
                        if (d < clear[k]) {
                            clear[k] = d;
                        }
                    }
                }
            }
        }
        float[] signed = new float[nx * ny];
        Coordinate c = new Coordinate();
        for (int iy = 0; iy < ny; iy++) {
            for (int ix = 0; ix < nx; ix++) {
                int k = iy * nx + ix;
                double safe = clear[k] * (1 - 1e-6) - SAFETY_METERS;
                if (safe <= 0) {
                    continue; // the boundary may cross this cell: always the exact path
                }
                c.x = env.getMinX() + (ix + 0.5) * cellW;
                c.y = env.getMinY() + (iy + 0.5) * cellH;
                int location = locator.locate(c);
                if (location == Location.INTERIOR) {
                    signed[k] = (float) safe;
                } else if (location == Location.EXTERIOR) {
                    signed[k] = (float) -safe;
                }
            }
        }
        return new BoundaryGrid(env.getMinX(), env.getMinY(), 1 / cellW, 1 / cellH, nx, ny, signed);
    }

    /**
     * The location of (lon, lat) when the grid can decide it with {@code marginMeters} set aside
     * around the boundary: {@link Location#INTERIOR} or {@link Location#EXTERIOR}; otherwise
     * {@link Location#NONE} (near the boundary, outside the grid, or a margin beyond the cell's
     * clearance), and the caller must take the exact path. A few arithmetic operations, no allocation.
     */
    int locate(double lon, double lat, double marginMeters) {
        double fx = (lon - minX) * invCellW;
        double fy = (lat - minY) * invCellH;
        if (!(fx >= 0 && fy >= 0 && fx < nx && fy < ny)) {
            return Location.NONE;
        }
        float c = clearance[(int) fy * nx + (int) fx];
        if (c > marginMeters) {
            return Location.INTERIOR;
        }
        if (-c > marginMeters) {
            return Location.EXTERIOR;
        }
        return Location.NONE;
    }

    int cellCount() {
        return clearance.length;
    }

    /** Share of cells that decide a query with {@code marginMeters} (for tests and tuning). */
    double decidedShare(double marginMeters) {
        int n = 0;
        for (float c : clearance) {
            if (Math.abs(c) > marginMeters) {
                n++;
            }
        }
        return (double) n / clearance.length;
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(n - 1, i));
    }

    /** Distance in metres from (px, py) to a segment, degrees scaled by the fixed factors mLon, mLat. */
    private static double segmentDistance(double px, double py, double x0, double y0, double x1, double y1,
                                          double mLon, double mLat) {
        double ax = (x0 - px) * mLon;
        double ay = (y0 - py) * mLat;
        double dx = (x1 - x0) * mLon;
        double dy = (y1 - y0) * mLat;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
        double cx = ax + t * dx;
        double cy = ay + t * dy;
        return Math.sqrt(cx * cx + cy * cy);
    }
}
