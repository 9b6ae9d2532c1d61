package org.tether.server.watch;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import org.tether.server.alert.AlertType;
import org.tether.server.alert.AlertRepository;

/**
 * Electronic-monitoring orders (law Art. 29: at most 3 months a term, each extension newly approved).
 * EM_ORDER_EXPIRING (电子定位期限将满) 7 days before an order ends with no extension approved while a
 * bracelet is bound; when it ends without one, the same alert repeats asking for the bracelet's
 * removal (and from then on the bracelet's silence no longer counts, see {@link NoSignalWatch}). An
 * approved extension or the bracelet's unbinding clears the condition.
 */
public final class EmOrderWatch implements Watch {

    private static final String BRACELET_BOUND = """
            EXISTS (SELECT 1 FROM devices d JOIN device_bindings b ON b.device_id = d.id AND b.unbound_at IS NULL
                     WHERE d.person_id = o.person_id AND d.kind = 'BRACELET')""";
    private static final String NOT_EXTENDED = """
            NOT EXISTS (SELECT 1 FROM em_orders e WHERE e.extends_order_id = o.id AND e.status = 'ACTIVE')""";

    /** $1 now: orders within 7 days of their end (or past it) not yet alerted for that stage. */
    private static final String DUE = """
            SELECT o.id, o.person_id, o.ends_at, o.ends_at <= $1 AS ended,
                   CASE WHEN o.ends_at <= $1 THEN o.ends_at ELSE o.ends_at - interval '7 days' END AS stage_at
              FROM em_orders o
             WHERE o.status = 'ACTIVE' AND o.ends_at - interval '7 days' <= $1 AND\s""" + NOT_EXTENDED + " AND " + BRACELET_BOUND + """
               AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.person_id = o.person_id
                                  AND a.dedup_key = 'EM_ORDER_EXPIRING:' || o.id::text
                                  AND a.last_seen >= CASE WHEN o.ends_at <= $1 THEN o.ends_at
                                                          ELSE o.ends_at - interval '7 days' END)
             LIMIT 1000""";

    /** Extended, ended early, or the bracelet taken off: nothing left to do for this order. */
    private static final String CLEAR = """
            UPDATE alerts a SET condition_cleared_at = now(), updated_at = now()
              FROM em_orders o
             WHERE a.dedup_key = 'EM_ORDER_EXPIRING:' || o.id::text AND a.person_id = o.person_id
               AND a.state <> 'RESOLVED' AND a.condition_cleared_at IS NULL
               AND (o.status <> 'ACTIVE'
                    OR EXISTS (SELECT 1 FROM em_orders e WHERE e.extends_order_id = o.id AND e.status = 'ACTIVE')
                    OR NOT\s""" + BRACELET_BOUND + ")";

    private final AlertRepository alerts;

    public EmOrderWatch(AlertRepository alerts) {
        this.alerts = alerts;
    }

    @Override
    public String name() {
        return "em-order";
    }

    @Override
    public Future<Integer> scan(SqlConnection tx, Instant now) {
        return tx.preparedQuery(CLEAR).execute()
                .compose(cleared -> tx.preparedQuery(DUE).execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
                        .compose(rows -> Sequential.forEachRow(rows, r -> {
                            Instant ends = r.getOffsetDateTime("ends_at").toInstant();
                            String rule = r.getBoolean("ended")
                                    ? "electronic-monitoring order " + r.getUUID("id") + " ended " + ends
                                            + " without an approved extension: remove the bracelet (解除电子定位装置)"
                                    : "electronic-monitoring order " + r.getUUID("id") + " ends " + ends
                                            + "; no extension approved";
                            Instant stage = r.getOffsetDateTime("stage_at").toInstant();
                            return alerts.raise(tx, r.getUUID("person_id"), AlertType.EM_ORDER_EXPIRING,
                                    AlertType.EM_ORDER_EXPIRING.defaultSeverity(), null,
                                    AlertType.EM_ORDER_EXPIRING.name() + ":" + r.getUUID("id"), stage, stage, rule);
                        }))
                        .map(n -> n + cleared.rowCount()));
    }
}
