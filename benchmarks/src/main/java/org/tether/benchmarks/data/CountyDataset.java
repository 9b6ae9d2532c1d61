package org.tether.benchmarks.data;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateXY;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.tether.geofence.fix.Fix;
import org.tether.geofence.fix.PositionSource;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.geo.Geodesy;
import org.tether.geofence.geo.LocalMetricFrame;
import org.tether.geofence.rule.CurfewWindow;
import org.tether.geofence.zone.BoundaryProximity;
import org.tether.geofence.zone.PersonRuleSpec;
import org.tether.geofence.zone.PreparedZone;
import org.tether.geofence.zone.Zone;
import org.tether.geofence.zone.ZoneDensifier;
import org.tether.geofence.zone.ZoneKind;
import org.tether.geofence.zone.ZoneSnapshot;

/**
 * A seeded, synthetic county of supervised persons for the geofence benchmarks (the spec):
 *
 * <ul>
 *   <li>one county inclusion polygon around (30.27 N, 120.15 E), about 40 km in radius, with an irregular
 *       (noisy) boundary of {@value #COUNTY_BASE_VERTICES} vertices, densified to 1 km edges as zones are
 *       on save; shared by every person, so the snapshot prepares it once;
 *   <li>per person: a home at least 1 km inside the county, a {@link ZoneKind#HOME} circle of
 *       {@value #HOME_RADIUS_METERS} m around it, {@value #EXCLUSIONS_PER_PERSON} star-shaped exclusion
 *       polygons of 20–200 vertices and 50–500 m radius whose centres lie 0.5–5 km from home (each wholly
 *       inside the county and at least 300 m from home), and a curfew 22:00–06:00 every day;
 *   <li>a fix stream held in primitive arrays: {@code fixesPerPerson} rounds, each with one fix per person
 *       in a shuffled order, a person's fixes {@value #FIX_INTERVAL_SECONDS} s apart from {@link #START}.
 *       About 90 % of fixes lie within 2 km of the person's home (60 % of those within 60 m of it), about
 *       5 % within 100 m of the county boundary and about 5 % within 100 m of the edge of one of the
 *       person's exclusion zones. 90 % are GNSS fixes of 5–20 m accuracy, 10 % Wi-Fi fixes of 100–500 m.
 * </ul>
 *
 * <p>Fixes near an edge are drawn only within {@value #AWAY_REACH_METERS} m of the person's home and never
 * twice in a row (nor in the first round), so that every fix is plausible at 100 m/s after the previous
 * one: the engine classifies all of them ACCEPTED and evaluates every rule, as it would for a real
 * bracelet, instead of rejecting boundary fixes as teleports. Persons living far from the county border
 * therefore get no county-edge fixes, and those near it get correspondingly more (the overall shares are
 * solved for 5 % each).
 *
 * <p>Replaying the stream more than once: pass {@code pass} to {@link Fixes#fix}; the times of pass
 * {@code n} follow those of pass {@code n - 1}, so a person's fixes keep increasing in time.
 */
public final class CountyDataset {

    public static final GeoPoint COUNTY_CENTRE = GeoPoint.of(30.27, 120.15);
    public static final double COUNTY_RADIUS_METERS = 40_000;
    public static final int COUNTY_BASE_VERTICES = 2_400;
    public static final UUID COUNTY_ID = UUID.nameUUIDFromBytes("bench:county".getBytes(StandardCharsets.UTF_8));
    /** Monday 2025-03-03 21:50 in Asia/Shanghai: the curfew starts ten minutes (rounds) in. */
    public static final Instant START = Instant.parse("2025-03-03T13:50:00Z");
    public static final int FIX_INTERVAL_SECONDS = 60;
    public static final double HOME_RADIUS_METERS = 100;
    public static final int EXCLUSIONS_PER_PERSON = 3;
    public static final int MIN_EXCLUSION_VERTICES = 20;
    public static final int MAX_EXCLUSION_VERTICES = 200;
    public static final double MIN_EXCLUSION_RADIUS = 50;
    public static final double MAX_EXCLUSION_RADIUS = 500;
    public static final double MIN_EXCLUSION_DISTANCE = 500;
    public static final double MAX_EXCLUSION_DISTANCE = 5_000;
    public static final double HOME_MIN_DEPTH_METERS = 1_000;
    public static final double NEAR_HOME_METERS = 2_000;
    public static final double AT_HOME_METERS = 60;
    public static final double NEAR_EDGE_METERS = 100;
    /** Edge fixes lie at most this far from home: 2 km + this + 100 m stays under 100 m/s × 60 s. */
    public static final double AWAY_REACH_METERS = 3_700;
    public static final double TARGET_COUNTY_EDGE_SHARE = 0.05;
    public static final double TARGET_EXCLUSION_EDGE_SHARE = 0.05;
    public static final double WIFI_SHARE = 0.10;

    /** Fix kinds, in {@link Fixes#kind}. */
    public static final byte NEAR_HOME = 0;
    public static final byte NEAR_COUNTY_EDGE = 1;
    public static final byte NEAR_EXCLUSION_EDGE = 2;

    /** 22:00–06:00 every day. */
    public static final List<CurfewWindow> CURFEW = curfewEveryNight();

    static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326,
            org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory.DOUBLE_FACTORY);

    /**
     * @param fixesPerPerson rounds of the fix stream; the stream holds {@code persons × fixesPerPerson} fixes
     */
    public record Config(long seed, int persons, int fixesPerPerson) {

        public static final long DEFAULT_SEED = 20_250_303L;

        public Config {
            if (persons < 1 || fixesPerPerson < 1) {
                throw new IllegalArgumentException("persons and fixesPerPerson must be >= 1");
            }
        }

        /** 100,000 persons, 20 fixes each: 2,000,000 fixes. */
        public static Config defaults() {
            return new Config(DEFAULT_SEED, 100_000, 20);
        }
    }

    private final Config config;
    private final Polygon county;
    private final Zone countyZone;
    private final List<Zone> zones;
    private final Map<UUID, PersonRuleSpec> specs;
    private final UUID[] personIds;
    private final String[] deviceIds;
    private final GeoPoint[] homes;
    private final Polygon[][] exclusions;
    private final Fixes fixes;

    private CountyDataset(Config config, Polygon county, Zone countyZone, List<Zone> zones,
                          Map<UUID, PersonRuleSpec> specs, UUID[] personIds, String[] deviceIds, GeoPoint[] homes,
                          Polygon[][] exclusions, Fixes fixes) {
        this.config = config;
        this.county = county;
        this.countyZone = countyZone;
        this.zones = zones;
        this.specs = specs;
        this.personIds = personIds;
        this.deviceIds = deviceIds;
        this.homes = homes;
        this.exclusions = exclusions;
        this.fixes = fixes;
    }

    /** Zones, rules and fixes; the same config always gives the same dataset. */
    public static CountyDataset generate(Config config) {
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom countyRnd = root.split();
        SplittableRandom personRnd = root.split();
        SplittableRandom fixRnd = root.split();

        Polygon county = countyPolygon(countyRnd);
        Zone countyZone = new Zone(COUNTY_ID, "county", ZoneKind.INCLUSION, county);
        PreparedZone countyCheck = new PreparedZone(countyZone); // only to place persons inside it

        int n = config.persons();
        List<Zone> zones = new ArrayList<>(1 + n * (1 + EXCLUSIONS_PER_PERSON));
        zones.add(countyZone);
        Map<UUID, PersonRuleSpec> specs = new HashMap<>(n * 2);
        UUID[] personIds = new UUID[n];
        String[] deviceIds = new String[n];
        GeoPoint[] homes = new GeoPoint[n];
        Polygon[][] exclusions = new Polygon[n][];
        LocalMetricFrame countyFrame = LocalMetricFrame.at(COUNTY_CENTRE);
        double homeDiskRadius = COUNTY_RADIUS_METERS * 1.4;
        for (int p = 0; p < n; p++) {
            personIds[p] = randomUuid(personRnd);
            deviceIds[p] = String.format("BR%08d", p);
            GeoPoint home;
            do {
                double r = homeDiskRadius * Math.sqrt(personRnd.nextDouble());
                double a = personRnd.nextDouble(2 * Math.PI);
                home = new GeoPoint(countyFrame.lat(r * Math.sin(a)), countyFrame.lon(r * Math.cos(a)));
            } while (countyCheck.locate(home, HOME_MIN_DEPTH_METERS) != BoundaryProximity.INSIDE);
            homes[p] = home;
            List<UUID> ids = new ArrayList<>(2 + EXCLUSIONS_PER_PERSON);
            ids.add(COUNTY_ID);
            Zone homeZone = new Zone(randomUuid(personRnd), "home " + deviceIds[p], ZoneKind.HOME,
                    FACTORY.createPoint(new Coordinate(home.lon(), home.lat())), HOME_RADIUS_METERS);
            zones.add(homeZone);
            ids.add(homeZone.id());
            exclusions[p] = new Polygon[EXCLUSIONS_PER_PERSON];
            for (int j = 0; j < EXCLUSIONS_PER_PERSON; j++) {
                Polygon ex = exclusionPolygon(personRnd, home, countyCheck);
                exclusions[p][j] = ex;
                Zone z = new Zone(randomUuid(personRnd), "exclusion " + (j + 1) + " of " + deviceIds[p],
                        ZoneKind.EXCLUSION, ex);
                zones.add(z);
                ids.add(z.id());
            }
            specs.put(personIds[p], new PersonRuleSpec(ids, CURFEW, List.of()));
        }
        Fixes fixes = generateFixes(fixRnd, config, county, homes, exclusions);
        return new CountyDataset(config, county, countyZone, List.copyOf(zones), specs, personIds, deviceIds, homes,
                exclusions, fixes);
    }

    /** Prepares every zone and resolves every person's rules, as the server does on load. */
    public ZoneSnapshot buildSnapshot() {
        return ZoneSnapshot.buildRules(zones, specs);
    }

    public Config config() {
        return config;
    }

    /** The county polygon after densification (lon/lat, SRID 4326). */
    public Polygon county() {
        return county;
    }

    public Zone countyZone() {
        return countyZone;
    }

    /** Every zone: the county first, then per person the home circle and the exclusion polygons. */
    public List<Zone> zones() {
        return zones;
    }

    public Map<UUID, PersonRuleSpec> specs() {
        return specs;
    }

    public int personCount() {
        return personIds.length;
    }

    public UUID personId(int person) {
        return personIds[person];
    }

    public String deviceId(int person) {
        return deviceIds[person];
    }

    public GeoPoint home(int person) {
        return homes[person];
    }

    public Polygon exclusion(int person, int j) {
        return exclusions[person][j];
    }

    public Fixes fixes() {
        return fixes;
    }

    /** A copy of the person ids, indexed like {@link Fixes#person}. */
    public UUID[] personIds() {
        return personIds.clone();
    }

    /** A copy of the device ids, indexed like {@link Fixes#person}. */
    public String[] deviceIds() {
        return deviceIds.clone();
    }

    /**
     * The pre-generated fix stream, in arrival order: round after round, one fix per person per round
     * in a shuffled order. Positions are WGS-84 degrees.
     */
    public static final class Fixes {
        public final int persons;
        public final int rounds;
        public final int[] person;
        public final double[] lat;
        public final double[] lon;
        public final double[] accuracy;
        /** {@link PositionSource#ordinal()}. */
        public final byte[] source;
        /** {@link #NEAR_HOME}, {@link #NEAR_COUNTY_EDGE} or {@link #NEAR_EXCLUSION_EDGE}. */
        public final byte[] kind;
        private final long startSecond = START.getEpochSecond();
        private static final PositionSource[] SOURCES = PositionSource.values();

        Fixes(int persons, int rounds) {
            this.persons = persons;
            this.rounds = rounds;
            int size = Math.multiplyExact(persons, rounds);
            person = new int[size];
            lat = new double[size];
            lon = new double[size];
            accuracy = new double[size];
            source = new byte[size];
            kind = new byte[size];
        }

        public int size() {
            return person.length;
        }

        /** Epoch second of fix {@code i} when the stream is replayed for the {@code pass}-th time (from 0). */
        public long epochSecond(int i, long pass) {
            return startSecond + (pass * rounds + i / persons) * FIX_INTERVAL_SECONDS;
        }

        public PositionSource source(int i) {
            return SOURCES[source[i]];
        }

        /** Fix {@code i} of replay {@code pass}, as the gateway would hand it to the engine. */
        public Fix fix(int i, long pass, String[] deviceIds) {
            return new Fix(deviceIds[person[i]], Instant.ofEpochSecond(epochSecond(i, pass)),
                    new GeoPoint(lat[i], lon[i]), accuracy[i], SOURCES[source[i]]);
        }

        /** Bytes held by the arrays (for subtracting from heap measurements). */
        public long bytes() {
            long n = size();
            return n * (4 + 8 + 8 + 8 + 1 + 1) + 6 * 16L;
        }
    }

    // ---------------------------------------------------------------- county

    private static Polygon countyPolygon(SplittableRandom rnd) {
        int harmonics = 24;
        double[] amp = new double[harmonics + 1];
        double[] phase = new double[harmonics + 1];
        for (int k = 2; k <= harmonics; k++) {
            amp[k] = 0.16 / k * (0.5 + rnd.nextDouble());
            phase[k] = rnd.nextDouble(2 * Math.PI);
        }
        int n = COUNTY_BASE_VERTICES;
        Coordinate[] ring = new Coordinate[n + 1];
        double walk = 0; // mean-reverting wiggle: rivers and ridges rather than a smooth curve
        for (int i = 0; i < n; i++) {
            double theta = 2 * Math.PI * i / n;
            double s = 0;
            for (int k = 2; k <= harmonics; k++) {
                s += amp[k] * Math.sin(k * theta + phase[k]);
            }
            walk = 0.9 * walk + rnd.nextGaussian() * 0.004;
            double r = COUNTY_RADIUS_METERS * Math.max(0.5, 1 + s + walk);
            double bearing = 90 - Math.toDegrees(theta); // counter-clockwise from east
            GeoPoint v = Geodesy.destination(COUNTY_CENTRE, bearing, r);
            ring[i] = new Coordinate(v.lon(), v.lat());
        }
        ring[n] = ring[0].copy();
        Polygon raw = FACTORY.createPolygon(ring);
        Polygon densified = (Polygon) ZoneDensifier.densify(raw, ZoneDensifier.DEFAULT_MAX_SEGMENT_METERS);
        densified.setSRID(4326);
        return densified;
    }

    // ---------------------------------------------------------------- persons

    /**
     * A star-shaped polygon (so simple and valid), 0.5–5 km from home, not reaching within 300 m of home,
     * wholly inside the county.
     */
    private static Polygon exclusionPolygon(SplittableRandom rnd, GeoPoint home, PreparedZone county) {
        LocalMetricFrame homeFrame = LocalMetricFrame.at(home);
        for (int attempt = 0; ; attempt++) {
            double d = rnd.nextDouble(MIN_EXCLUSION_DISTANCE, MAX_EXCLUSION_DISTANCE);
            if (attempt > 50) {
                d = MIN_EXCLUSION_DISTANCE; // home is >= 1 km inside: this always fits
            }
            double maxR = Math.min(MAX_EXCLUSION_RADIUS, d - 300);
            double radius = rnd.nextDouble(MIN_EXCLUSION_RADIUS, maxR);
            double a = rnd.nextDouble(2 * Math.PI);
            GeoPoint centre = new GeoPoint(homeFrame.lat(d * Math.sin(a)), homeFrame.lon(d * Math.cos(a)));
            if (county.locate(centre, radius + 20) != BoundaryProximity.INSIDE) {
                continue;
            }
            int vertices = rnd.nextInt(MIN_EXCLUSION_VERTICES, MAX_EXCLUSION_VERTICES + 1);
            return starPolygon(rnd, centre, radius, vertices);
        }
    }

    /** {@code vertices} distinct vertices (the ring has one more, closing it) at 55–100 % of {@code radius}. */
    static Polygon starPolygon(SplittableRandom rnd, GeoPoint centre, double radius, int vertices) {
        LocalMetricFrame f = LocalMetricFrame.at(centre);
        Coordinate[] ring = new Coordinate[vertices + 1];
        double step = 2 * Math.PI / vertices;
        for (int i = 0; i < vertices; i++) {
            double a = step * (i + rnd.nextDouble(-0.4, 0.4));
            double r = radius * rnd.nextDouble(0.55, 1.0);
            // XY coordinates, so the packed sequence holds 2 doubles a vertex (no unused Z) and the engine
            // reads its rings straight from it instead of keeping a copy.
            ring[i] = new CoordinateXY(f.lon(r * Math.cos(a)), f.lat(r * Math.sin(a)));
        }
        ring[vertices] = ring[0].copy();
        // No ZoneDensifier pass: every edge is under 1 km (the radius is at most 500 m), so the densifier
        // would return the same ring (the tests check a sample) and only cost generation time.
        Polygon p = FACTORY.createPolygon(ring);
        p.setSRID(4326);
        return p;
    }

    private static UUID randomUuid(SplittableRandom rnd) {
        long msb = (rnd.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private static List<CurfewWindow> curfewEveryNight() {
        List<CurfewWindow> windows = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            windows.add(new CurfewWindow(d, LocalTime.of(22, 0), LocalTime.of(6, 0)));
        }
        return List.copyOf(windows);
    }

    // ---------------------------------------------------------------- fixes

    private static Fixes generateFixes(SplittableRandom rnd, Config config, Polygon county, GeoPoint[] homes,
                                       Polygon[][] exclusions) {
        int n = homes.length;
        int rounds = config.fixesPerPerson();
        // Read rings through their CoordinateSequence: getCoordinates() on a packed sequence would cache a
        // Coordinate[] per ring behind a soft reference, which the zones would then carry into the snapshot
        // (and into MemoryFootprint's figures).
        Coordinate[] boundary = coordinates(county.getExteriorRing().getCoordinateSequence()); // closed

        // Which edges each person can reach: county vertices within reach, exclusion zones within reach.
        int[][] reachableBoundary = new int[n][];
        int[][] reachableExclusions = new int[n][];
        int[] scratch = new int[boundary.length];
        for (int p = 0; p < n; p++) {
            LocalMetricFrame f = LocalMetricFrame.at(homes[p]);
            int count = 0;
            double reach2 = AWAY_REACH_METERS * AWAY_REACH_METERS;
            double reachLat = f.degreesLatFor(AWAY_REACH_METERS);
            for (int v = 0; v < boundary.length - 1; v++) {
                if (Math.abs(boundary[v].y - homes[p].lat()) > reachLat) {
                    continue;
                }
                double x = f.x(boundary[v].x);
                double y = f.y(boundary[v].y);
                double xn = f.x(boundary[v + 1].x);
                double yn = f.y(boundary[v + 1].y);
                if (x * x + y * y <= reach2 && xn * xn + yn * yn <= reach2) {
                    scratch[count++] = v;
                }
            }
            reachableBoundary[p] = java.util.Arrays.copyOf(scratch, count);
            int ex = 0;
            int[] exIdx = new int[EXCLUSIONS_PER_PERSON];
            for (int j = 0; j < EXCLUSIONS_PER_PERSON; j++) {
                boolean all = true;
                CoordinateSequence ring = exclusions[p][j].getExteriorRing().getCoordinateSequence();
                for (int v = 0; v < ring.size(); v++) {
                    double x = f.x(ring.getX(v));
                    double y = f.y(ring.getY(v));
                    if (x * x + y * y > reach2) {
                        all = false;
                        break;
                    }
                }
                if (all) {
                    exIdx[ex++] = j;
                }
            }
            reachableExclusions[p] = java.util.Arrays.copyOf(exIdx, ex);
        }

        // Per-person probability of an edge fix (when the previous fix was not one), solved so that the
        // stationary shares over all persons come out at the targets: with away probability q when
        // allowed, the share of away fixes is q / (1 + q).
        double sB = TARGET_COUNTY_EDGE_SHARE * 4;
        double sE = TARGET_EXCLUSION_EDGE_SHARE * 1.5;
        double[] qB = new double[n];
        double[] qE = new double[n];
        for (int iter = 0; iter < 60; iter++) {
            double shareB = 0;
            double shareE = 0;
            for (int p = 0; p < n; p++) {
                qB[p] = reachableBoundary[p].length > 0 ? sB : 0;
                qE[p] = reachableExclusions[p].length > 0 ? sE : 0;
                double q = qB[p] + qE[p];
                if (q > 0.9) {
                    qB[p] *= 0.9 / q;
                    qE[p] *= 0.9 / q;
                    q = 0.9;
                }
                double notFirst = (rounds - 1) / (double) rounds;
                shareB += qB[p] / (1 + q) * notFirst;
                shareE += qE[p] / (1 + q) * notFirst;
            }
            shareB /= n;
            shareE /= n;
            sB *= shareB > 0 ? TARGET_COUNTY_EDGE_SHARE / shareB : 1;
            sE *= shareE > 0 ? TARGET_EXCLUSION_EDGE_SHARE / shareE : 1;
        }

        Fixes fx = new Fixes(n, rounds);
        boolean[] lastAway = new boolean[n];
        int[] order = new int[n];
        for (int p = 0; p < n; p++) {
            order[p] = p;
        }
        int i = 0;
        for (int round = 0; round < rounds; round++) {
            shuffle(order, rnd);
            for (int k = 0; k < n; k++) {
                int p = order[k];
                byte kind = NEAR_HOME;
                if (round > 0 && !lastAway[p]) {
                    double u = rnd.nextDouble();
                    if (u < qB[p]) {
                        kind = NEAR_COUNTY_EDGE;
                    } else if (u < qB[p] + qE[p]) {
                        kind = NEAR_EXCLUSION_EDGE;
                    }
                }
                lastAway[p] = kind != NEAR_HOME;
                GeoPoint pos = switch (kind) {
                    case NEAR_COUNTY_EDGE -> nearEdge(rnd, boundary,
                            reachableBoundary[p][rnd.nextInt(reachableBoundary[p].length)]);
                    case NEAR_EXCLUSION_EDGE -> {
                        CoordinateSequence ring = exclusions[p][reachableExclusions[p][
                                rnd.nextInt(reachableExclusions[p].length)]].getExteriorRing().getCoordinateSequence();
                        int v = rnd.nextInt(ring.size() - 1);
                        yield nearEdge(rnd, ring.getX(v), ring.getY(v), ring.getX(v + 1), ring.getY(v + 1));
                    }
                    default -> nearHome(rnd, homes[p]);
                };
                fx.person[i] = p;
                fx.lat[i] = pos.lat();
                fx.lon[i] = pos.lon();
                fx.kind[i] = kind;
                if (rnd.nextDouble() < WIFI_SHARE) {
                    fx.source[i] = (byte) PositionSource.WIFI.ordinal();
                    fx.accuracy[i] = Math.rint(rnd.nextDouble(100, 500));
                } else {
                    fx.source[i] = (byte) PositionSource.GNSS.ordinal();
                    fx.accuracy[i] = Math.rint(rnd.nextDouble(5, 20) * 10) / 10;
                }
                i++;
            }
        }
        return fx;
    }

    /** 60 % at home (within 60 m), the rest anywhere within 2 km of it. */
    private static GeoPoint nearHome(SplittableRandom rnd, GeoPoint home) {
        double radius = rnd.nextDouble() < 0.6 ? AT_HOME_METERS : NEAR_HOME_METERS;
        return offset(rnd, home, radius);
    }

    /** A point on the edge from ring[v] to ring[v + 1], moved up to 100 m in any direction. */
    private static GeoPoint nearEdge(SplittableRandom rnd, Coordinate[] ring, int v) {
        return nearEdge(rnd, ring[v].x, ring[v].y, ring[v + 1].x, ring[v + 1].y);
    }

    /** A point on the edge (x0, y0)–(x1, y1) (lon, lat), moved up to 100 m in any direction. */
    private static GeoPoint nearEdge(SplittableRandom rnd, double x0, double y0, double x1, double y1) {
        double t = rnd.nextDouble();
        GeoPoint onEdge = new GeoPoint(y0 + t * (y1 - y0), x0 + t * (x1 - x0));
        return offset(rnd, onEdge, NEAR_EDGE_METERS);
    }

    private static Coordinate[] coordinates(CoordinateSequence cs) {
        Coordinate[] out = new Coordinate[cs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Coordinate(cs.getX(i), cs.getY(i));
        }
        return out;
    }

    /** Uniform in the disk of {@code radius} metres around {@code centre}. */
    private static GeoPoint offset(SplittableRandom rnd, GeoPoint centre, double radius) {
        LocalMetricFrame f = LocalMetricFrame.at(centre);
        double r = radius * Math.sqrt(rnd.nextDouble());
        double a = rnd.nextDouble(2 * Math.PI);
        return new GeoPoint(f.lat(r * Math.sin(a)), f.lon(r * Math.cos(a)));
    }

    private static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
