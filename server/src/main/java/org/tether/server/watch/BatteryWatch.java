package org.tether.server.watch;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import org.tether.server.alert.AlertRepository;
import org.tether.server.alert.AlertType;

/**
 * BATTERY_LOW (电量低) from the battery level each fix reports: the device's newest fix is below the
 * threshold and not charging. A discharge episode starts after the device's last fix that was above
 * the threshold or charging; one alert per device and episode (a new episode on an open alert counts
 * as a repeat). Charging or a recharged level clears the condition. Devices that report battery
 * events are also handled in the ingest path; both use the same per-device alert.
 */
public final class BatteryWatch implements Watch {

    /** $1 threshold percent. */
    private static final String NEWEST = """
            SELECT d.id AS device_id, d.person_id, f.fix_time, f.battery_pct, f.charging
              FROM devices d
              CROSS JOIN LATERAL (SELECT fix_time, battery_pct, charging FROM positions p WHERE p.device_id = d.id
                                   ORDER BY fix_time DESC LIMIT 1) f
             WHERE d.person_id IS NOT NULL""";

    private static final String DUE = "WITH newest AS (" + NEWEST + """
            ), low AS (
                SELECT n.*, (SELECT max(o.fix_time) FROM positions o WHERE o.device_id = n.device_id
                                AND o.fix_time < n.fix_time AND (o.charging OR o.battery_pct >= $1)) AS last_ok
                  FROM newest n WHERE n.battery_pct < $1 AND n.charging IS NOT TRUE
            ), episode AS (
                SELECT l.*, (SELECT min(p.fix_time) FROM positions p WHERE p.device_id = l.device_id
                               AND p.fix_time > coalesce(l.last_ok, '-infinity'::timestamptz)) AS since
                  FROM low l
            )
            SELECT device_id, person_id, since, fix_time, battery_pct FROM episode l
             WHERE NOT EXISTS (SELECT 1 FROM alerts a WHERE a.person_id = l.person_id
                                  AND a.dedup_key = 'BATTERY_LOW:device:' || l.device_id AND a.last_seen >= l.since)
             LIMIT 1000""";

    private static final String CLEAR = "WITH newest AS (" + NEWEST + """
            )
            UPDATE alerts a SET condition_cleared_at = n.fix_time, updated_at = now()
              FROM newest n
             WHERE a.person_id = n.person_id AND a.dedup_key = 'BATTERY_LOW:device:' || n.device_id
               AND a.state <> 'RESOLVED' AND a.condition_cleared_at IS NULL
               AND (n.charging OR n.battery_pct >= $1) AND n.fix_time > a.last_seen""";

    private final AlertRepository alerts;
    private final int thresholdPercent;

    public BatteryWatch(AlertRepository alerts, int thresholdPercent) {
        this.alerts = alerts;
        this.thresholdPercent = thresholdPercent;
    }

    @Override
    public String name() {
        return "battery-low";
    }

    @Override
    public Future<Integer> scan(SqlConnection tx, Instant now) {
        Tuple threshold = Tuple.of((short) thresholdPercent);
        return tx.preparedQuery(CLEAR).execute(threshold)
                .compose(cleared -> tx.preparedQuery(DUE).execute(threshold)
                        .compose(rows -> Sequential.forEachRow(rows, r -> alerts.raiseForDevice(tx, r.getUUID("person_id"),
                                AlertType.BATTERY_LOW, r.getString("device_id"), r.getOffsetDateTime("since").toInstant(),
                                r.getOffsetDateTime("fix_time").toInstant(),
                                "battery " + r.getShort("battery_pct") + " % and not charging (below "
                                        + thresholdPercent + " %)")))
                        .map(n -> n + cleared.rowCount()));
    }
}
