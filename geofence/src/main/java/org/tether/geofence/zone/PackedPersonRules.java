package org.tether.geofence.zone;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tether.geofence.rule.CurfewSchedule;

/**
 * The part of every person's rules that a fix far from their boundaries needs, packed in one
 * {@code double[]} indexed by person index ({@value #STRIDE} doubles, 160 bytes a person): which shared
 * inclusion zone and curfew schedule apply, the home circle's centre, metres per degree there and radius,
 * and the bounding boxes of up to {@value #MAX_EXCLUSIONS} exclusion zones. A fix then reads two or three
 * adjacent cache lines for its person instead of chasing {@code PersonRules} → box array / home zone, which
 * across 100,000 persons in random order are each a cache miss.
 *
 * <p>Persons whose rules do not fit (several inclusion zones or a union, leaves, more than
 * {@value #MAX_EXCLUSIONS} exclusion zones, a polygonal home) are marked not packed; the evaluator takes
 * the general path for them. Numbers are copies of what {@link PersonRules} and {@link PreparedZone} hold,
 * so every decision made from them equals the general path's.
 *
 * <p>Immutable after construction and thread-safe. Built with the snapshot in O(persons).
 */
public final class PackedPersonRules {

    /** The home circle's verdict from the fast frame: surely inside or outside, or not decidable there. */
    public static final int HOME_INSIDE = 1;
    public static final int HOME_OUTSIDE = 2;
    public static final int HOME_UNDECIDED = 0;

    static final int MAX_EXCLUSIONS = 3;
    // Layout of a person's block
    private static final int EXCLUSION_COUNT = 0; // -1: not packed
    private static final int INCLUSION = 1;       // index into inclusions, -1: none
    private static final int CURFEW = 2;          // index into curfews, -1: no curfew rule (no home or no schedule)
    private static final int HOME = 3;            // centre lat, centre lon, m/deg lat, m/deg lon, radius
    private static final int BOXES = 8;           // minX, maxX, minY, maxY per exclusion zone
    static final int STRIDE = BOXES + 4 * MAX_EXCLUSIONS;

    private final double[] block;
    /**
     * Person p's exclusion zone i at {@code p * MAX_EXCLUSIONS + i} and their home circle at {@code p}: a fix near
     * one reaches the zone from here in one read, instead of through {@code PersonRules} and its zone array.
     */
    private final PreparedZone[] exclusionZones;
    private final PreparedZone[] homes;
    private final PreparedZone[] inclusions;
    private final CurfewSchedule[] curfews;

    PackedPersonRules(PersonRules[] rules) {
        block = new double[STRIDE * rules.length];
        exclusionZones = new PreparedZone[MAX_EXCLUSIONS * rules.length];
        homes = new PreparedZone[rules.length];
        Map<PreparedZone, Integer> inclusionIds = new IdentityHashMap<>();
        Map<CurfewSchedule, Integer> curfewIds = new IdentityHashMap<>();
        List<PreparedZone> inclusionList = new ArrayList<>();
        List<CurfewSchedule> curfewList = new ArrayList<>();
        for (int p = 0; p < rules.length; p++) {
            PersonRules r = rules[p];
            int k = p * STRIDE;
            if (!fits(r)) {
                block[k + EXCLUSION_COUNT] = -1;
                continue;
            }
            block[k + EXCLUSION_COUNT] = r.exclusionCount();
            if (r.inclusion().isEmpty()) {
                block[k + INCLUSION] = -1;
            } else {
                PreparedZone z = r.inclusion().get(0);
                block[k + INCLUSION] = inclusionIds.computeIfAbsent(z, x -> {
                    inclusionList.add(x);
                    return inclusionList.size() - 1;
                });
            }
            if (r.home() != null && r.curfew() != null) {
                block[k + CURFEW] = curfewIds.computeIfAbsent(r.curfew(), x -> {
                    curfewList.add(x);
                    return curfewList.size() - 1;
                });
                System.arraycopy(r.home().circleNumbers(), 0, block, k + HOME, 5);
                homes[p] = r.home();
            } else {
                block[k + CURFEW] = -1;
            }
            for (int i = 0; i < 4 * r.exclusionCount(); i++) {
                block[k + BOXES + i] = r.exclusionBoxBound(i);
            }
            for (int i = 0; i < r.exclusionCount(); i++) {
                exclusionZones[p * MAX_EXCLUSIONS + i] = r.exclusion(i);
            }
        }
        inclusions = inclusionList.toArray(new PreparedZone[0]);
        curfews = curfewList.toArray(new CurfewSchedule[0]);
    }

    private static boolean fits(PersonRules r) {
        return r.inclusion().size() <= 1 && r.inclusionUnion() == null && r.leaves().isEmpty()
                && r.exclusionCount() <= MAX_EXCLUSIONS && !r.exclusionsIndexed()
                && (r.home() == null || r.home().zone().isCircle());
    }

    /** Whether person {@code p}'s rules are packed here (else the caller must use {@link PersonRules}). */
    public boolean isPacked(int p) {
        return p >= 0 && p * STRIDE < block.length && block[p * STRIDE + EXCLUSION_COUNT] >= 0;
    }

    /**
     * Reads one number from each cache line of person {@code p}'s block, so that the lines are on their way
     * before an evaluation needs them (batched evaluation issues these loads for several fixes at once); the
     * result means nothing. An index out of range touches nothing.
     */
    public long touch(int p) {
        int k = p * STRIDE;
        if (p < 0 || k >= block.length) {
            return 0;
        }
        // 160 bytes span at most four 64-byte lines; numbers at most 8 apart (0, 7, 14, 19) hit each of them.
        return Double.doubleToRawLongBits(block[k] + block[k + 7] + block[k + 14] + block[k + STRIDE - 1]);
    }

    /**
     * For a batch: touches the vertices of person {@code p}'s exclusion zones whose boxes meet the box
     * [minX, maxX] × [minY, maxY] (the fix's path, generously widened), so that the exact tests that follow
     * find them in the cache. Needs the block at hand (touch it first); the result means nothing. A person not
     * packed here touches nothing.
     */
    public long touchZonesNear(int p, double minX, double maxX, double minY, double maxY) {
        if (!isPacked(p)) {
            return 0;
        }
        int n = exclusionCount(p);
        long touched = 0;
        for (int i = 0; i < n; i++) {
            if (exclusionBoxMeets(p, i, minX, maxX, minY, maxY)) {
                touched += exclusionZones[p * MAX_EXCLUSIONS + i].touch();
            }
        }
        return touched;
    }

    /** Person {@code p}'s exclusion zone {@code i} (as {@link PersonRules#exclusion(int)}). */
    public PreparedZone exclusion(int p, int i) {
        return exclusionZones[p * MAX_EXCLUSIONS + i];
    }

    /** Person {@code p}'s home circle when they have a curfew rule ({@link #curfew} not null), else null. */
    public PreparedZone home(int p) {
        return homes[p];
    }

    public int exclusionCount(int p) {
        return (int) block[p * STRIDE + EXCLUSION_COUNT];
    }

    /** The person's single inclusion zone (shared, usually cache-resident), or null when none. */
    public PreparedZone inclusion(int p) {
        int i = (int) block[p * STRIDE + INCLUSION];
        return i < 0 ? null : inclusions[i];
    }

    /** The person's curfew schedule when they have both a curfew and a home circle, else null. */
    public CurfewSchedule curfew(int p) {
        int i = (int) block[p * STRIDE + CURFEW];
        return i < 0 ? null : curfews[i];
    }

    /**
     * The home circle's verdict for the point with accuracy margin {@code margin}, decided only where
     * {@link PreparedZone#locate}'s equirectangular frame decides it (the same arithmetic, so the same
     * answer); {@link #HOME_UNDECIDED} when that needs the exact ellipsoidal distance or lies within the
     * margin of the circle. A handful of multiplications.
     */
    public int homeVerdict(int p, double lat, double lon, double margin) {
        int k = p * STRIDE + HOME;
        double centreLat = block[k];
        double radius = block[k + 4];
        double dLon = lon - block[k + 1];
        if (dLon > 180) {
            dLon -= 360;
        } else if (dLon < -180) {
            dLon += 360;
        }
        double dx = dLon * block[k + 3];
        double dy = (lat - centreLat) * block[k + 2];
        double fast = Math.sqrt(dx * dx + dy * dy);
        double tolerance = fast * (PreparedZone.FAST_DISTANCE_REL_ERROR + fast / 6e6) + 1;
        if (Math.abs(centreLat) < PreparedZone.POLAR_LATITUDE && Math.abs(fast - radius) > margin + tolerance) {
            return fast <= radius ? HOME_INSIDE : HOME_OUTSIDE;
        }
        return HOME_UNDECIDED;
    }

    /** As {@link PersonRules#exclusionBoxMeets}, for person {@code p}'s exclusion zone {@code i}. */
    public boolean exclusionBoxMeets(int p, int i, double minX, double maxX, double minY, double maxY) {
        int k = p * STRIDE + BOXES + 4 * i;
        return block[k] <= maxX && block[k + 1] >= minX && block[k + 2] <= maxY && block[k + 3] >= minY;
    }

    /** As {@link PersonRules#exclusionBoxMissedBy}, for person {@code p}'s exclusion zone {@code i}. */
    public boolean exclusionBoxMissedBy(int p, int i, double ax, double ay, double bx, double by) {
        int k = p * STRIDE + BOXES + 4 * i;
        return SegmentBox.surelyMisses(ax, ay, bx, by, block[k], block[k + 1], block[k + 2], block[k + 3]);
    }
}
