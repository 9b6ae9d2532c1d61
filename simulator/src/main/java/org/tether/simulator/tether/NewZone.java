package org.tether.simulator.tether;

import java.util.Map;

/** Body of {@code POST /api/zones}; {@code geometry} is a GeoJSON Polygon or MultiPolygon (lon/lat WGS-84). */
public record NewZone(String name, ZoneKind kind, String officeId, Map<String, Object> geometry) {
}
