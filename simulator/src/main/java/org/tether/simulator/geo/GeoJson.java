package org.tether.simulator.geo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GeoJSON (RFC 7946) geometry objects as plain maps/lists, ready for any JSON serializer. */
public final class GeoJson {

    /** Decimal places kept for coordinates: 1e-7 degrees is about 1 cm. */
    private static final double SCALE = 1e7;

    private GeoJson() {
    }

    /** {@code {"type":"Polygon","coordinates":[[[lon,lat],...]]}}. */
    public static Map<String, Object> polygon(Polygon polygon) {
        List<List<Double>> ring = new ArrayList<>(polygon.exteriorRing().size());
        for (GeoPoint p : polygon.exteriorRing()) {
            ring.add(List.of(round(p.lon()), round(p.lat())));
        }
        Map<String, Object> geometry = new LinkedHashMap<>();
        geometry.put("type", "Polygon");
        geometry.put("coordinates", List.of(ring));
        return geometry;
    }

    private static double round(double degrees) {
        return Math.round(degrees * SCALE) / SCALE;
    }
}
