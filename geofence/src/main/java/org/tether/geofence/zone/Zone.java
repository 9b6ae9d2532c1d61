package org.tether.geofence.zone;

import java.util.Objects;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;

/**
 * A geofence as stored: a polygonal geometry in WGS-84 longitude/latitude (x = lon, y = lat).
 * Edges are straight lines in lon/lat, as PostGIS {@code geometry} and JTS read them.
 */
public record Zone(UUID id, String name, ZoneKind kind, Geometry geometry) {

    public Zone {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(geometry, "geometry");
        name = name == null ? "" : name;
    }
}
