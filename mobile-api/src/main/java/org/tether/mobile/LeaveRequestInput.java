package org.tether.mobile;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A leave request (外出请假) as the app sent it, checked for shape only. Coordinates are in {@code crs}
 * (as sent: WGS84, GCJ02, BD09, CGCS2000, like fixes); the backend converts them to WGS-84 and validates
 * the area like a zone, with problems naming {@code area.circle}, {@code area.geometry} or {@code corridor}.
 *
 * @param corridor the approved travel route, or null
 */
public record LeaveRequestInput(String destination, String reason, Instant startsAt, Instant endsAt, String crs,
                                Area area, Corridor corridor) {

    public LeaveRequestInput {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(crs, "crs");
        Objects.requireNonNull(area, "area");
    }

    /** A position as longitude and latitude, in the request's coordinate system. */
    public record LonLat(double lon, double lat) {
    }

    /** The destination area: a circle or a GeoJSON polygon. */
    public sealed interface Area permits Circle, Polygon {
    }

    public record Circle(LonLat center, double radiusMeters) implements Area {
    }

    /** @param geoJson a GeoJSON Polygon or MultiPolygon, as sent */
    public record Polygon(String geoJson) implements Area {
    }

    /** A travel corridor: every point within {@code widthMeters / 2} of the route. */
    public record Corridor(List<LonLat> route, double widthMeters) {

        public Corridor {
            route = List.copyOf(route);
        }
    }
}
