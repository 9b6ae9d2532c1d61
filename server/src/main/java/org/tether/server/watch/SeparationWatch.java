package org.tether.server.watch;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import org.tether.server.alert.AlertRepository;
import org.tether.server.alert.AlertType;

/**
 * SEPARATION (人机分离) measured from positions, for persons wearing a bracelet and carrying a phone:
 * each recent bracelet fix is paired with the phone fix nearest in time (within 2 minutes); the pair
 * is apart when the distance between them exceeds the threshold even after taking off both accuracy
 * radii (so two Wi-Fi fixes never look apart by themselves). Apart continuously for the configured
 * time raises the alert; the next pair found together clears its condition. (The bracelet's own
 * "BLE link lost" event raises a per-device SEPARATION at once, in the ingest path.)
 */
public final class SeparationWatch implements Watch {

    private static final String KEY = AlertType.SEPARATION.name();

    /** $1 now, $2 metres, $3 seconds. */
    private static final String PAIRS = """
            WITH pairs AS (
                SELECT b.person_id, b.fix_time,
                       ST_Distance(b.geom::geography, ph.geom::geography) - b.accuracy_m - ph.accuracy_m AS apart_m
                  FROM (SELECT person_id FROM devices WHERE person_id IS NOT NULL
                         GROUP BY person_id HAVING count(DISTINCT kind) = 2) worn
                  JOIN devices bd ON bd.person_id = worn.person_id AND bd.kind = 'BRACELET'
                  JOIN positions b ON b.person_id = worn.person_id AND b.device_id = bd.id
                                  AND b.fix_time > $1::timestamptz - make_interval(secs => 2 * $3 + 300)
                  CROSS JOIN LATERAL (
                      SELECT p.geom, p.accuracy_m FROM positions p JOIN devices pd ON pd.id = p.device_id AND pd.kind = 'PHONE'
                       WHERE p.person_id = b.person_id
                         AND p.fix_time BETWEEN b.fix_time - interval '2 minutes' AND b.fix_time + interval '2 minutes'
                       ORDER BY abs(extract(epoch FROM p.fix_time - b.fix_time)) LIMIT 1) ph
            ), runs AS (
                SELECT person_id, max(fix_time) FILTER (WHERE apart_m <= $2) AS last_together, max(fix_time) AS newest
                  FROM pairs GROUP BY person_id
            )
            """;

    private static final String DUE = PAIRS + """
            , apart AS (
                SELECT r.person_id, min(p.fix_time) AS since, r.newest
                  FROM runs r JOIN pairs p ON p.person_id = r.person_id
                                          AND p.fix_time > coalesce(r.last_together, '-infinity'::timestamptz)
                 GROUP BY r.person_id, r.newest
            )
            SELECT person_id, since, since + make_interval(secs => $3) AS due_at FROM apart a
             WHERE a.newest >= a.since + make_interval(secs => $3)
               AND NOT EXISTS (SELECT 1 FROM alerts x WHERE x.person_id = a.person_id AND x.dedup_key = 'SEPARATION'
                                  AND x.last_seen >= a.since)
             LIMIT 1000""";

    private static final String CLEAR = PAIRS + """
            UPDATE alerts x SET condition_cleared_at = r.last_together, updated_at = now()
              FROM runs r
             WHERE x.person_id = r.person_id AND x.dedup_key = 'SEPARATION' AND x.state <> 'RESOLVED'
               AND x.condition_cleared_at IS NULL AND r.last_together = r.newest AND r.last_together > x.last_seen""";

    private final AlertRepository alerts;
    private final double meters;
    private final long seconds;

    public SeparationWatch(AlertRepository alerts, double meters, long seconds) {
        this.alerts = alerts;
        this.meters = meters;
        this.seconds = seconds;
    }

    @Override
    public String name() {
        return "separation";
    }

    @Override
    public Future<Integer> scan(SqlConnection tx, Instant now) {
        Tuple args = Tuple.of(now.atOffset(ZoneOffset.UTC), meters, (double) seconds);
        return tx.preparedQuery(CLEAR).execute(args)
                .compose(cleared -> tx.preparedQuery(DUE).execute(args)
                        .compose(rows -> Sequential.forEachRow(rows, r -> alerts.raise(tx, r.getUUID("person_id"),
                                AlertType.SEPARATION, AlertType.SEPARATION.defaultSeverity(), null, KEY,
                                r.getOffsetDateTime("since").toInstant(), r.getOffsetDateTime("due_at").toInstant(),
                                "phone and bracelet more than " + Math.round(meters) + " m apart (beyond both accuracy radii) since "
                                        + r.getOffsetDateTime("since").toInstant())))
                        .map(n -> n + cleared.rowCount()));
    }
}
