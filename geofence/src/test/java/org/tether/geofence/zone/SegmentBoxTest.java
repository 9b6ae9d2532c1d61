package org.tether.geofence.zone;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tether.geofence.zone.ZoneFixtures.FACTORY;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;

class SegmentBoxTest {

    @Test
    void neverSaysMissedWhenJtsSaysTheSegmentMeetsTheBox() {
        SplittableRandom rnd = new SplittableRandom(5);
        int missed = 0;
        for (int i = 0; i < 200_000; i++) {
            double cx = 120 + rnd.nextDouble(-0.1, 0.1);
            double cy = 30 + rnd.nextDouble(-0.1, 0.1);
            double w = rnd.nextDouble(1e-5, 0.01);
            double h = rnd.nextDouble(1e-5, 0.01);
            Envelope box = new Envelope(cx - w, cx + w, cy - h, cy + h);
            double ax = 120 + rnd.nextDouble(-0.12, 0.12);
            double ay = 30 + rnd.nextDouble(-0.12, 0.12);
            double bx = rnd.nextInt(10) == 0 ? box.getMinX() : 120 + rnd.nextDouble(-0.12, 0.12); // some touch exactly
            double by = 30 + rnd.nextDouble(-0.12, 0.12);
            LineString seg = FACTORY.createLineString(new Coordinate[] {new Coordinate(ax, ay), new Coordinate(bx, by)});
            Geometry rect = FACTORY.toGeometry(box);
            boolean meets = seg.intersects(rect);
            boolean says = SegmentBox.surelyMisses(ax, ay, bx, by, box.getMinX(), box.getMaxX(), box.getMinY(), box.getMaxY());
            if (meets) {
                assertFalse(says, () -> "segment " + seg + " meets " + box);
            } else if (says) {
                missed++;
            }
        }
        assertTrue(missed > 50_000, "the filter should spare most misses: " + missed);
        assertFalse(SegmentBox.surelyMisses(0, 0, 1, 1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
    }
}
