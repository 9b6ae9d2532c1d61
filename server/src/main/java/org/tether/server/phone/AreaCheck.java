package org.tether.server.phone;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Where a single fix lies against the person's area, in metres on the spheroid (PostGIS geography):
 * INSIDE; OUTSIDE when farther out than the accuracy radius; UNCERTAIN when within it (a coarse fix is
 * never called outside by itself); NO_AREA when the person has no inclusion zone. A record for the
 * officer, not an alert: OUT_OF_AREA stays the geofence engine's, with its buffer and dwell.
 */
public final class AreaCheck {

    private static final String HOME_ZONES = """
            SELECT z.geom, z.radius_m FROM person_zones pz JOIN zones z ON z.id = pz.zone_id
             WHERE pz.person_id = $1 AND z.kind = 'INCLUSION' AND z.retired_at IS NULL""";

    private static final String LEAVE_ZONES = """
            SELECT z.geom, z.radius_m FROM leave_permits l
              JOIN leave_permit_zones lz ON lz.leave_id = l.id JOIN zones z ON z.id = lz.zone_id
             WHERE l.person_id = $1 AND l.starts_at <= $5 AND l.ends_at > $5 AND z.retired_at IS NULL""";

    private static final String WITH_LEAVE = verdict(HOME_ZONES + "\nUNION ALL\n" + LEAVE_ZONES);
    private static final String HOME_ONLY = verdict(HOME_ZONES);

    private AreaCheck() {
    }

    private static String verdict(String zones) {
        return """
                WITH pt AS (SELECT ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography AS g),
                     zs AS (%s)
                SELECT CASE WHEN count(*) = 0 THEN 'NO_AREA'
                            WHEN min(d) <= 0 THEN 'INSIDE'
                            WHEN min(d) > $4 THEN 'OUTSIDE'
                            ELSE 'UNCERTAIN' END AS area
                  FROM (SELECT greatest(ST_Distance(zs.geom::geography, pt.g) - coalesce(zs.radius_m, 0), 0) AS d
                          FROM zs, pt) x""".formatted(zones);
    }

    /** Against the inclusion zones and the destination of a leave in force at the fix's time (check-ins, location checks). */
    static Future<String> of(SqlClient client, UUID personId, ValidFix fix) {
        return client.preparedQuery(WITH_LEAVE)
                .execute(Tuple.of(personId, fix.wgs84().lon(), fix.wgs84().lat(), fix.accuracyMeters(),
                        fix.time().atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getString("area"));
    }

    /**
     * Against the inclusion zones only, without any leave's destination: a report-back (销假) means back where
     * the person lives.
     */
    public static Future<String> home(SqlClient client, UUID personId, ValidFix fix) {
        return client.preparedQuery(HOME_ONLY)
                .execute(Tuple.of(personId, fix.wgs84().lon(), fix.wgs84().lat(), fix.accuracyMeters()))
                .map(rows -> rows.iterator().next().getString("area"));
    }
}
