package org.tether.server.leave;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.tether.server.phone.ValidFix;

/**
 * Where a report-back (销假) fix lies against the person's own inclusion area — without the zones of any
 * leave, which {@code phone.AreaCheck} counts as allowed: "back" means back where the person lives. Same
 * verdicts and metres as that check: INSIDE; OUTSIDE beyond the accuracy radius; UNCERTAIN within it;
 * NO_AREA when the person has no inclusion zone.
 */
final class HomeAreaCheck {

    private static final String SQL = """
            WITH pt AS (SELECT ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography AS g),
                 zs AS (SELECT z.geom, z.radius_m FROM person_zones pz JOIN zones z ON z.id = pz.zone_id
                         WHERE pz.person_id = $1 AND z.kind = 'INCLUSION')
            SELECT CASE WHEN count(*) = 0 THEN 'NO_AREA'
                        WHEN min(d) <= 0 THEN 'INSIDE'
                        WHEN min(d) > $4 THEN 'OUTSIDE'
                        ELSE 'UNCERTAIN' END AS area
              FROM (SELECT greatest(ST_Distance(zs.geom::geography, pt.g) - coalesce(zs.radius_m, 0), 0) AS d
                      FROM zs, pt) x""";

    private HomeAreaCheck() {
    }

    static Future<String> of(SqlClient client, UUID personId, ValidFix fix) {
        return client.preparedQuery(SQL)
                .execute(Tuple.of(personId, fix.wgs84().lon(), fix.wgs84().lat(), fix.accuracyMeters()))
                .map(rows -> rows.iterator().next().getString("area"));
    }
}
