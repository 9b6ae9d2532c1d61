package org.tether.geofence.exactness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.LinearComponentExtracter;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.geo.Geodesy;
import org.tether.geofence.geo.LocalMetricFrame;
import org.tether.geofence.zone.CorridorBuilder;

/**
 * Random zone shapes and probe points for {@link PostgisExactnessTest}. Shapes are laid out in metres
 * in a {@link LocalMetricFrame} at a random realistic place and stored as WGS-84 lon/lat, as zones
 * are. Everything is drawn from the one {@link SplittableRandom}, so a seed reproduces a run.
 */
final class ExactnessShapes {

    static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    /** The families of polygonal zones generated. */
    enum Kind {
        /** Star-shaped, 3–400 vertices, 50 m – 10 km. */
        STAR,
        /** Star-shaped shell with 1–3 star-shaped holes. */
        HOLES,
        /** 2–4 disjoint star-shaped parts, some with a hole, some only metres apart. */
        MULTI,
        /** Rotated rectangle 2–25 km long and 10–60 m wide. */
        THIN,
        /** A bent corridor from {@link CorridorBuilder}, 20–100 m wide, 3–25 km long. */
        CORRIDOR,
        /** 3–6 vertices with 20–80 km edges, half of them with an east–west edge. */
        LONG_EDGES
    }

    private final SplittableRandom rnd;

    ExactnessShapes(SplittableRandom rnd) {
        this.rnd = rnd;
    }

    // ---------------------------------------------------------------------------------------------
    // places and numbers

    /** Mostly mainland China; some near 60° N, across the equator and in the southern mid-latitudes. */
    GeoPoint place() {
        double u = rnd.nextDouble();
        if (u < 0.80) {
            return GeoPoint.of(uniform(20, 45), uniform(100, 125));
        } else if (u < 0.88) {
            return GeoPoint.of(uniform(59, 61.5), uniform(20, 40)); // Helsinki, St Petersburg
        } else if (u < 0.96) {
            return GeoPoint.of(uniform(-1.5, 1.5), uniform(100, 118)); // Singapore, Sumatra, Borneo
        } else {
            return GeoPoint.of(uniform(-38, -30), uniform(140, 152)); // south-east Australia
        }
    }

    double uniform(double lo, double hi) {
        return lo + (hi - lo) * rnd.nextDouble();
    }

    double logUniform(double lo, double hi) {
        return lo * Math.pow(hi / lo, rnd.nextDouble());
    }

    int between(int lo, int hiInclusive) {
        return rnd.nextInt(lo, hiInclusive + 1);
    }

    boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    /** 0.5–200 m, half log-uniform (so many are within a few metres) and half uniform. */
    double nearOffset() {
        return chance(0.5) ? logUniform(0.5, 200) : uniform(0.5, 200);
    }

    // ---------------------------------------------------------------------------------------------
    // polygons (undensified; the test densifies)

    Geometry polygon(Kind kind) {
        return switch (kind) {
            case STAR -> star();
            case HOLES -> withHoles();
            case MULTI -> multi();
            case THIN -> thin();
            case CORRIDOR -> corridor();
            case LONG_EDGES -> longEdges();
        };
    }

    private Geometry star() {
        double u = rnd.nextDouble();
        int n = u < 0.3 ? between(3, 10) : u < 0.7 ? between(11, 100) : between(101, 400);
        double r = logUniform(50, 10_000);
        double[][] xy = starXY(0, 0, n, r * uniform(0.2, 0.95), r);
        return FACTORY.createPolygon(ring(LocalMetricFrame.at(place()), xy));
    }

    private Geometry withHoles() {
        LocalMetricFrame f = LocalMetricFrame.at(place());
        double r = logUniform(500, 8_000);
        LinearRing shell = ring(f, starXY(0, 0, between(8, 120), 0.85 * r, r));
        int holes = between(1, 3);
        List<double[]> placed = new ArrayList<>(); // {cx, cy, radius}
        for (int attempt = 0; attempt < 50 && placed.size() < holes; attempt++) {
            double d = uniform(0, 0.45 * r);
            double a = uniform(0, 2 * Math.PI);
            double[] h = {d * Math.cos(a), d * Math.sin(a), uniform(0.05, 0.2) * r};
            if (placed.stream().allMatch(o -> Math.hypot(o[0] - h[0], o[1] - h[1]) > o[2] + h[2] + 0.02 * r)) {
                placed.add(h);
            }
        }
        LinearRing[] holeRings = placed.stream()
                .map(h -> ring(f, reversed(starXY(h[0], h[1], between(3, 40), 0.6 * h[2], h[2]))))
                .toArray(LinearRing[]::new);
        return FACTORY.createPolygon(shell, holeRings);
    }

    private Geometry multi() {
        LocalMetricFrame f = LocalMetricFrame.at(place());
        int parts = between(2, 4);
        List<double[]> placed = new ArrayList<>(); // {cx, cy, radius}
        placed.add(new double[] {0, 0, logUniform(100, 3_000)});
        for (int attempt = 0; attempt < 100 && placed.size() < parts; attempt++) {
            double[] from = placed.get(rnd.nextInt(placed.size()));
            double rho = logUniform(100, 3_000);
            double dist = from[2] + rho + logUniform(5, 5_000);
            double a = uniform(0, 2 * Math.PI);
            double[] p = {from[0] + dist * Math.cos(a), from[1] + dist * Math.sin(a), rho};
            if (placed.stream().allMatch(o -> Math.hypot(o[0] - p[0], o[1] - p[1]) > o[2] + p[2] + 1)) {
                placed.add(p);
            }
        }
        Polygon[] polygons = new Polygon[placed.size()];
        for (int i = 0; i < polygons.length; i++) {
            double[] p = placed.get(i);
            LinearRing shell = ring(f, starXY(p[0], p[1], between(3, 60), 0.6 * p[2], p[2]));
            polygons[i] = chance(0.3)
                    ? FACTORY.createPolygon(shell, new LinearRing[] {
                        ring(f, reversed(starXY(p[0], p[1], between(3, 20), 0.2 * p[2], 0.4 * p[2])))})
                    : FACTORY.createPolygon(shell);
        }
        return FACTORY.createMultiPolygon(polygons);
    }

    private Geometry thin() {
        double length = uniform(2_000, 25_000);
        double width = logUniform(10, 60);
        double a = uniform(0, Math.PI);
        double ux = Math.cos(a);
        double uy = Math.sin(a);
        double hl = length / 2;
        double hw = width / 2;
        double[][] xy = {
            {-hl * ux + hw * uy, -hl * uy - hw * ux},
            {hl * ux + hw * uy, hl * uy - hw * ux},
            {hl * ux - hw * uy, hl * uy + hw * ux},
            {-hl * ux - hw * uy, -hl * uy + hw * ux},
        };
        return FACTORY.createPolygon(ring(LocalMetricFrame.at(place()), xy));
    }

    /** Already densified by {@link CorridorBuilder}, as the server stores corridors. */
    private Geometry corridor() {
        LocalMetricFrame f = LocalMetricFrame.at(place());
        List<GeoPoint> route = new ArrayList<>();
        double x = 0;
        double y = 0;
        double heading = uniform(0, 2 * Math.PI);
        route.add(GeoPoint.of(f.lat(y), f.lon(x)));
        int legs = between(1, 5);
        for (int i = 0; i < legs; i++) {
            double len = uniform(1_000, 6_000);
            x += len * Math.cos(heading);
            y += len * Math.sin(heading);
            route.add(GeoPoint.of(f.lat(y), f.lon(x)));
            heading += uniform(-Math.PI / 3, Math.PI / 3);
        }
        return CorridorBuilder.corridor(route, uniform(20, 100));
    }

    private Geometry longEdges() {
        int n = between(3, 6);
        double edge = uniform(20_000, 80_000);
        double r = edge / (2 * Math.sin(Math.PI / n));
        // Half the time the first edge runs east–west: there the lon/lat line and the geodesic part most.
        double start = chance(0.5) ? -Math.PI / 2 - Math.PI / n : uniform(0, 2 * Math.PI);
        double[][] xy = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = start + 2 * Math.PI * i / n;
            xy[i] = new double[] {r * Math.cos(a), r * Math.sin(a)};
        }
        return FACTORY.createPolygon(ring(LocalMetricFrame.at(place()), xy));
    }

    /** n vertices counter-clockwise around (cx, cy), radii in [rMin, rMax]: always a simple ring. */
    private double[][] starXY(double cx, double cy, int n, double rMin, double rMax) {
        double[] angles = new double[n];
        if (chance(0.5)) {
            double a0 = uniform(0, 2 * Math.PI);
            for (int i = 0; i < n; i++) {
                angles[i] = a0 + (i + uniform(-0.4, 0.4)) * 2 * Math.PI / n;
            }
        } else {
            for (int i = 0; i < n; i++) {
                angles[i] = uniform(0, 2 * Math.PI);
            }
            Arrays.sort(angles);
        }
        double[][] xy = new double[n][];
        for (int i = 0; i < n; i++) {
            double rr = uniform(rMin, rMax);
            xy[i] = new double[] {cx + rr * Math.cos(angles[i]), cy + rr * Math.sin(angles[i])};
        }
        return xy;
    }

    private static double[][] reversed(double[][] xy) {
        double[][] out = new double[xy.length][];
        for (int i = 0; i < xy.length; i++) {
            out[i] = xy[xy.length - 1 - i];
        }
        return out;
    }

    private static LinearRing ring(LocalMetricFrame f, double[][] xy) {
        Coordinate[] cs = new Coordinate[xy.length + 1];
        for (int i = 0; i < xy.length; i++) {
            cs[i] = new Coordinate(f.lon(xy[i][0]), f.lat(xy[i][1]));
        }
        cs[xy.length] = cs[0].copy();
        return FACTORY.createLinearRing(cs);
    }

    // ---------------------------------------------------------------------------------------------
    // probe points

    /**
     * Points for a polygonal zone: uniform in its bounding box (grown by 10 % and at least 300 m),
     * near random edges (perpendicular offset ±0.5–200 m, in a local frame at the foot) and near
     * random vertices (0.5–200 m along a random bearing). Edges and vertices are taken from
     * {@code shape} as generated, before densification, ring chosen first so holes get their share.
     */
    List<GeoPoint> polygonPoints(Geometry shape, int inBox, int nearEdge, int nearVertex) {
        List<GeoPoint> out = new ArrayList<>(inBox + nearEdge + nearVertex);
        var env = shape.getEnvelopeInternal();
        double midLat = (env.getMinY() + env.getMaxY()) / 2;
        double padLat = Math.max(env.getHeight() * 0.1, 300 / Geodesy.metersPerDegreeLat(midLat));
        double padLon = Math.max(env.getWidth() * 0.1, 300 / Geodesy.metersPerDegreeLon(Math.abs(midLat) + 1));
        for (int i = 0; i < inBox; i++) {
            out.add(GeoPoint.of(uniform(env.getMinY() - padLat, env.getMaxY() + padLat),
                    uniform(env.getMinX() - padLon, env.getMaxX() + padLon)));
        }
        @SuppressWarnings("unchecked")
        List<LineString> rings = LinearComponentExtracter.getLines(shape);
        for (int i = 0; i < nearEdge; i++) {
            Coordinate[] cs = rings.get(rnd.nextInt(rings.size())).getCoordinates();
            int k = rnd.nextInt(cs.length - 1);
            Coordinate a = cs[k];
            Coordinate b = cs[k + 1];
            double t = rnd.nextDouble();
            GeoPoint foot = GeoPoint.of(a.y + t * (b.y - a.y), a.x + t * (b.x - a.x));
            LocalMetricFrame f = LocalMetricFrame.at(foot);
            double dx = f.x(b.x) - f.x(a.x);
            double dy = f.y(b.y) - f.y(a.y);
            double len = Math.hypot(dx, dy);
            if (len == 0) {
                continue;
            }
            double off = nearOffset() * (chance(0.5) ? 1 : -1);
            out.add(GeoPoint.of(f.lat(dx / len * off), f.lon(-dy / len * off)));
        }
        for (int i = 0; i < nearVertex; i++) {
            Coordinate[] cs = rings.get(rnd.nextInt(rings.size())).getCoordinates();
            Coordinate v = cs[rnd.nextInt(cs.length - 1)];
            out.add(Geodesy.destination(GeoPoint.of(v.y, v.x), uniform(0, 360), nearOffset()));
        }
        return out;
    }

    /** Points for a circle: uniform in a box around it, and at radius ± 0.5–200 m on a random bearing. */
    List<GeoPoint> circlePoints(GeoPoint centre, double radius, int inBox, int nearRim) {
        List<GeoPoint> out = new ArrayList<>(inBox + nearRim);
        double reach = radius * 1.3 + 200;
        double dLat = reach / Geodesy.metersPerDegreeLat(centre.lat());
        double dLon = reach / Geodesy.metersPerDegreeLon(centre.lat());
        for (int i = 0; i < inBox; i++) {
            out.add(GeoPoint.of(uniform(centre.lat() - dLat, centre.lat() + dLat),
                    uniform(centre.lon() - dLon, centre.lon() + dLon)));
        }
        for (int i = 0; i < nearRim; i++) {
            double d = radius + nearOffset() * (chance(0.5) ? 1 : -1);
            // A negative distance travels backwards along the bearing: still |d| from the centre.
            out.add(Geodesy.destination(centre, uniform(0, 360), d));
        }
        return out;
    }
}
