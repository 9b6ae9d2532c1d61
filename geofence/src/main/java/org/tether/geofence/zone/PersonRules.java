package org.tether.geofence.zone;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.tether.geofence.rule.CurfewSchedule;
import org.tether.geofence.rule.LeavePermit;

/**
 * Everything the engine checks for one person. Shared zones are the same {@link PreparedZone}
 * instances for everyone who has them. Immutable and thread-safe.
 *
 * <p>A person may carry many exclusion zones (every school in a county): beyond
 * {@value #INDEX_THRESHOLD} of them an R-tree over their bounding boxes answers "which zones could
 * this fix concern?", so a fix costs a few tree nodes instead of one test per zone.
 */
public final class PersonRules {

    public static final PersonRules NONE = new PersonRules(List.of(), List.of());

    static final int INDEX_THRESHOLD = 8;

    private final List<PreparedZone> inclusion;
    private final PreparedZone inclusionUnion;
    private final List<PreparedZone> exclusion;
    /** The same zones as a plain array: one indirection less on the per-fix path. */
    private final PreparedZone[] exclusionArray;
    private final PreparedZone home;
    private final CurfewSchedule curfew;
    private final List<LeavePermit> leaves;
    private final STRtree exclusionIndex;
    private final TrackLayout trackLayout;
    /**
     * The exclusion zones' boxes packed as (minX, maxX, minY, maxY) per zone, so "is this fix far from
     * every exclusion zone?" reads one small array instead of chasing a pointer per zone. A box that
     * wraps ±180° is stored as the whole plane (always near: its pre-filter would be wrong).
     */
    private final double[] exclusionBoxes;

    /**
     * @param inclusion the inclusion zones (活动范围); the person must be inside their union
     * @param inclusionUnion the union of the polygonal inclusion zones, prepared: a person near the
     *     border between two adjacent inclusion zones is inside the union even though each zone alone
     *     cannot say so. Null when fewer than two polygonal inclusion zones exist.
     * @param exclusion the exclusion zones (禁止令区域)
     * @param home where the person must be while the curfew is on; null when none
     * @param curfew the curfew windows; null when none
     * @param leaves approved leaves, whose areas count as allowed while active
     */
    public PersonRules(List<PreparedZone> inclusion, PreparedZone inclusionUnion, List<PreparedZone> exclusion,
                       PreparedZone home, CurfewSchedule curfew, List<LeavePermit> leaves) {
        this.inclusion = List.copyOf(inclusion);
        this.inclusionUnion = inclusionUnion;
        this.exclusion = List.copyOf(exclusion);
        this.home = home;
        this.curfew = curfew;
        this.leaves = List.copyOf(leaves);
        this.exclusionIndex = this.exclusion.size() > INDEX_THRESHOLD ? index(this.exclusion) : null;
        this.exclusionArray = this.exclusion.toArray(new PreparedZone[0]);
        this.trackLayout = TrackLayout.of(this.exclusion);
        this.exclusionBoxes = new double[4 * this.exclusion.size()];
        for (int i = 0; i < this.exclusion.size(); i++) {
            Envelope e = this.exclusion.get(i).envelope();
            boolean wraps = e.getMinX() < -180 || e.getMaxX() > 180;
            exclusionBoxes[4 * i] = wraps ? Double.NEGATIVE_INFINITY : e.getMinX();
            exclusionBoxes[4 * i + 1] = wraps ? Double.POSITIVE_INFINITY : e.getMaxX();
            exclusionBoxes[4 * i + 2] = wraps ? Double.NEGATIVE_INFINITY : e.getMinY();
            exclusionBoxes[4 * i + 3] = wraps ? Double.POSITIVE_INFINITY : e.getMaxY();
        }
    }

    /** Inclusion and exclusion zones only; the union is prepared here. */
    public PersonRules(List<PreparedZone> inclusion, List<PreparedZone> exclusion) {
        this(inclusion, unionOf(inclusion), exclusion, null, null, List.of());
    }

    public List<PreparedZone> inclusion() {
        return inclusion;
    }

    public PreparedZone inclusionUnion() {
        return inclusionUnion;
    }

    public List<PreparedZone> exclusion() {
        return exclusion;
    }

    public PreparedZone home() {
        return home;
    }

    public CurfewSchedule curfew() {
        return curfew;
    }

    public List<LeavePermit> leaves() {
        return leaves;
    }

    public boolean isEmpty() {
        return inclusion.isEmpty() && exclusion.isEmpty() && home == null;
    }

    /** Whether a curfew window is on at {@code t} and there is a home zone to check it against. */
    public boolean curfewActiveAt(Instant t) {
        return home != null && curfew != null && curfew.isActiveAt(t);
    }

    /**
     * The exclusion zones whose bounding box meets {@code box} (lon/lat degrees): every zone that a
     * point or path inside the box could touch. All of them when there are few.
     */
    @SuppressWarnings("unchecked")
    public List<PreparedZone> exclusionsNear(Envelope box) {
        return exclusionIndex == null ? exclusion : exclusionIndex.query(box);
    }

    /** The exclusion zone tracked under {@code key} (its id as text), or null. A linear scan. */
    public PreparedZone exclusionByKey(String key) {
        int slot = trackLayout.slotOf(key);
        return slot >= TrackLayout.FIRST_EXCLUSION_SLOT ? exclusion.get(slot - TrackLayout.FIRST_EXCLUSION_SLOT) : null;
    }

    public int exclusionCount() {
        return exclusionArray.length;
    }

    /** Exclusion zone {@code i}, in the order of {@link #exclusion()}. */
    public PreparedZone exclusion(int i) {
        return exclusionArray[i];
    }

    /** The order of this person's tracks in their state. */
    public TrackLayout trackLayout() {
        return trackLayout;
    }

    /** Whether there is an index over the exclusion zones ({@link #exclusionsNear} then filters). */
    public boolean exclusionsIndexed() {
        return exclusionIndex != null;
    }

    /**
     * Whether exclusion zone {@code i}'s bounding box meets the box [minX, maxX] × [minY, maxY]
     * (lon/lat degrees). False means every point of the box is outside the zone and farther from it
     * than the box's margin. One read of a packed array.
     */
    /**
     * Whether the straight path (ax, ay)–(bx, by) surely passes beside exclusion zone {@code i}'s
     * bounding box, so it cannot cross the zone. False whenever it may touch it.
     */
    public boolean exclusionBoxMissedBy(int i, double ax, double ay, double bx, double by) {
        int k = 4 * i;
        return SegmentBox.surelyMisses(ax, ay, bx, by, exclusionBoxes[k], exclusionBoxes[k + 1], exclusionBoxes[k + 2],
                exclusionBoxes[k + 3]);
    }

    /** Bound {@code k} of the packed exclusion boxes (zone k / 4; minX, maxX, minY, maxY). */
    double exclusionBoxBound(int k) {
        return exclusionBoxes[k];
    }

    public boolean exclusionBoxMeets(int i, double minX, double maxX, double minY, double maxY) {
        int k = 4 * i;
        return exclusionBoxes[k] <= maxX && exclusionBoxes[k + 1] >= minX && exclusionBoxes[k + 2] <= maxY
                && exclusionBoxes[k + 3] >= minY;
    }

    private static STRtree index(List<PreparedZone> zones) {
        STRtree tree = new STRtree();
        for (PreparedZone z : zones) {
            tree.insert(z.envelope(), z);
        }
        tree.build();
        return tree;
    }

    /**
     * Prepares the union of the polygonal zones among {@code zones}; null when there are fewer than
     * two (a single zone is its own union). Costs a polygon union: do it once per distinct set.
     */
    public static PreparedZone unionOf(List<PreparedZone> zones) {
        List<Geometry> polygons = new ArrayList<>();
        for (PreparedZone z : zones) {
            if (!z.zone().isCircle()) {
                polygons.add(z.zone().geometry());
            }
        }
        if (polygons.size() < 2) {
            return null;
        }
        Geometry union = UnaryUnionOp.union(polygons);
        union.setSRID(4326);
        UUID id = UUID.nameUUIDFromBytes(("union:" + zones.stream().map(z -> z.zone().id().toString()).sorted()
                .reduce("", String::concat)).getBytes(StandardCharsets.UTF_8));
        return new PreparedZone(new Zone(id, "inclusion union", ZoneKind.INCLUSION, union));
    }
}
