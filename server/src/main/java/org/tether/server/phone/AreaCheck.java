package org.tether.server.phone;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Where a single fix lies against the person's inclusion area (their INCLUSION zones and the zones of a
 * leave in force), in metres on the spheroid (PostGIS geography): INSIDE; OUTSIDE when farther out than
 * the accuracy radius; UNCERTAIN when within it (a coarse fix is never called outside by itself);
 * NO_AREA when the person has no inclusion zone. A record for the officer, not an alert: OUT_OF_AREA
 * stays the geofence engine's, with its buffer and dwell.
 */
final class AreaCheck {

    private static final String SQL = """
            WITH pt AS (SELECT ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography AS g),
                 zs AS (SELECT z.geom, z.radius_m FROM person_zones pz JOIN zones z ON z.id = pz.zone_id
                         WHERE pz.person_id = $1 AND z.kind = 'INCLUSION'
                        UNION ALL
                        SELECT z.geom, z.radius_m FROM leave_permits l
                          JOIN leave_permit_zones lz ON lz.leave_id = l.id JOIN zones z ON z.id = lz.zone_id
                         WHERE l.person_id = $1 AND l.starts_at <= $5 AND l.ends_at > $5)
            SELECT CASE WHEN count(*) = 0 THEN 'NO_AREA'
                        WHEN min(d) <= 0 THEN 'INSIDE'
                        WHEN min(d) > $4 THEN 'OUTSIDE'
                        ELSE 'UNCERTAIN' END AS area
              FROM (SELECT greatest(ST_Distance(zs.geom::geography, pt.g) - coalesce(zs.radius_m, 0), 0) AS d
                      FROM zs, pt) x""";

    private AreaCheck() {
    }

    static Future<String> of(SqlClient client, UUID personId, ValidFix fix) {
        return client.preparedQuery(SQL)
                .execute(Tuple.of(personId, fix.wgs84().lon(), fix.wgs84().lat(), fix.accuracyMeters(),
                        fix.time().atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getString("area"));
    }
}
