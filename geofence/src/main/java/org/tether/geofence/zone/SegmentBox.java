package org.tether.geofence.zone;

/**
 * Whether a straight segment surely passes beside an axis-aligned box. A path between two sparse fixes
 * whose bounding box meets a small zone's box usually passes far from the zone itself; this test spares
 * the zone's exact crossing test then. Stateless; a dozen multiplications, no allocation.
 */
final class SegmentBox {

    private SegmentBox() {
    }

    /**
     * True only when all four corners of [minX, maxX] × [minY, maxY] lie strictly on one side of the
     * line through (ax, ay)–(bx, by), by more than a rounding allowance: then neither the segment nor
     * its ends touch the box. False whenever they may touch (and for non-finite boxes).
     */
    static boolean surelyMisses(double ax, double ay, double bx, double by, double minX, double maxX, double minY,
                                double maxY) {
        if (!(Double.isFinite(minX) && Double.isFinite(maxX) && Double.isFinite(minY) && Double.isFinite(maxY))) {
            return false;
        }
        double dx = bx - ax;
        double dy = by - ay;
        double s1 = dx * (minY - ay) - dy * (minX - ax);
        double s2 = dx * (minY - ay) - dy * (maxX - ax);
        double s3 = dx * (maxY - ay) - dy * (minX - ax);
        double s4 = dx * (maxY - ay) - dy * (maxX - ax);
        // Each side value is off by a few ulps of the products it is made of; 1e-9 of their scale is ample.
        double scale = (Math.abs(dx) + Math.abs(dy))
                * ((maxX - minX) + (maxY - minY) + Math.abs(minX - ax) + Math.abs(minY - ay));
        double eps = scale * 1e-9 + Double.MIN_NORMAL;
        return s1 > eps && s2 > eps && s3 > eps && s4 > eps || s1 < -eps && s2 < -eps && s3 < -eps && s4 < -eps;
    }
}
