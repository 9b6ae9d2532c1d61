package org.tether.benchmarks.gateway;

import java.util.Locale;

/**
 * The load test's inclusion zone: a county-sized star-shaped polygon around (30.27 N, 120.15 E) with
 * {@value #VERTICES} vertices at radius {@code 30 km × (1 + 0.08 sin 3θ + 0.04 cos 7θ)} (26.4–33.6 km; edges
 * under 1 km, so the server's densify-on-save leaves it as it is). Positions are placed in metres on a local
 * tangent plane, which at this scale agrees with the geodesic geometry far within the test's margins.
 */
final class CountyZone {

    static final double CENTRE_LAT = 30.27;
    static final double CENTRE_LON = 120.15;
    static final int VERTICES = 256;
    static final double BASE_RADIUS_M = 30_000;
    static final double MIN_RADIUS_M = BASE_RADIUS_M * (1 - 0.08 - 0.04);
    private static final double M_PER_DEG_LAT = 111_320;
    private static final double M_PER_DEG_LON = 111_320 * Math.cos(Math.toRadians(CENTRE_LAT));

    private CountyZone() {
    }

    static double angle(int vertex) {
        return 2 * Math.PI * vertex / VERTICES;
    }

    static double radius(int vertex) {
        double a = angle(vertex);
        return BASE_RADIUS_M * (1 + 0.08 * Math.sin(3 * a) + 0.04 * Math.cos(7 * a));
    }

    /** Latitude of the point {@code east}/{@code north} metres from the centre. */
    static double lat(double north) {
        return CENTRE_LAT + north / M_PER_DEG_LAT;
    }

    static double lon(double east) {
        return CENTRE_LON + east / M_PER_DEG_LON;
    }

    /** The body of {@code POST /api/zones}. */
    static String zoneJson() {
        StringBuilder sb = new StringBuilder("{\"name\":\"bench county\",\"kind\":\"INCLUSION\",\"geometry\":"
                + "{\"type\":\"Polygon\",\"coordinates\":[[");
        for (int i = 0; i <= VERTICES; i++) {
            int v = i % VERTICES;
            double r = radius(v);
            double a = angle(v);
            if (i > 0) {
                sb.append(',');
            }
            sb.append(String.format(Locale.ROOT, "[%.7f,%.7f]", lon(r * Math.cos(a)), lat(r * Math.sin(a))));
        }
        return sb.append("]]}}").toString();
    }
}
