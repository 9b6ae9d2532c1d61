package org.tether.server.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tether.server.staff.StaffPrincipal;

/**
 * The append-only audit trail ({@code audit_log}; the table refuses UPDATE and DELETE). Entries are
 * written in the transaction of the change they describe, so a change without its entry cannot
 * commit.
 */
public final class AuditTrail {

    private final Pool pool;

    public AuditTrail(Pool pool) {
        this.pool = pool;
    }

    public Future<Void> record(SqlClient tx, StaffPrincipal actor, AuditEntry e) {
        return record(tx, actor.id(), actor.username(), actor.role().name(), e);
    }

    /** For events without a signed-in actor (a refused login, the bootstrap administrator). */
    public Future<Void> record(SqlClient tx, UUID actorId, String actorUsername, String actorRole, AuditEntry e) {
        return tx.preparedQuery("INSERT INTO audit_log (actor_id, actor_username, actor_role, action, target_type,"
                        + " target_id, office_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.of(actorId, actorUsername, actorRole, e.action(), e.targetType(), e.targetId(),
                        e.officeId()).addValue(e.detail()))
                .mapEmpty();
    }

    /**
     * Newest first.
     *
     * @param offices null = every entry (administrators); else entries of these offices only
     */
    public Future<List<JsonObject>> list(UUID[] offices, String targetType, String targetId, long beforeId, int limit) {
        return pool.preparedQuery("""
                        SELECT id, at, actor_id, actor_username, actor_role, action, target_type, target_id, office_id, detail
                          FROM audit_log
                         WHERE ($1::uuid[] IS NULL OR office_id = ANY($1))
                           AND ($2::text IS NULL OR target_type = $2) AND ($3::text IS NULL OR target_id = $3)
                           AND id < $4
                         ORDER BY id DESC LIMIT $5""")
                .execute(Tuple.tuple().addValue(offices).addValue(targetType).addValue(targetId).addValue(beforeId)
                        .addValue(limit))
                .map(rows -> {
                    List<JsonObject> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id"))
                            .put("at", r.getOffsetDateTime("at").toInstant().toString())
                            .put("actorId", str(r.getUUID("actor_id"))).put("actorUsername", r.getString("actor_username"))
                            .put("actorRole", r.getString("actor_role")).put("action", r.getString("action"))
                            .put("targetType", r.getString("target_type")).put("targetId", r.getString("target_id"))
                            .put("officeId", str(r.getUUID("office_id")))
                            .put("detail", r.getValue("detail") instanceof JsonObject o ? o : new JsonObject())));
                    return out;
                });
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
