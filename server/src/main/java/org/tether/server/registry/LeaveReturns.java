package org.tether.server.registry;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.tether.server.alert.AlertRepository;

/** 销假: recording that a person reported back from leave, which ends a LEAVE_OVERDUE condition. */
public final class LeaveReturns {

    /** The leave as it now stands; empty when there is no such leave. */
    public record LeaveReturn(UUID leaveId, UUID personId, OffsetDateTime endsAt, OffsetDateTime reportedBackAt) {
    }

    private final AlertRepository alerts;

    public LeaveReturns(AlertRepository alerts) {
        this.alerts = alerts;
    }

    /** Reporting back twice keeps the first time. */
    /**
     * @param offices the caller's offices: a leave of a person outside them does not exist for the caller
     */
    public Future<Optional<LeaveReturn>> reportBack(SqlClient tx, UUID[] offices, UUID leaveId, Instant at, UUID actor) {
        return tx.preparedQuery("""
                        UPDATE leave_permits SET reported_back_at = coalesce(reported_back_at, $2),
                                                 reported_back_by = coalesce(reported_back_by, $3)
                         WHERE id = $1 AND person_id IN (SELECT id FROM persons WHERE office_id = ANY($4))
                        RETURNING id, person_id, ends_at, reported_back_at""")
                .execute(Tuple.of(leaveId, at.atOffset(ZoneOffset.UTC), actor, offices))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture(Optional.<LeaveReturn>empty());
                    }
                    var r = rows.iterator().next();
                    LeaveReturn back = new LeaveReturn(r.getUUID("id"), r.getUUID("person_id"),
                            r.getOffsetDateTime("ends_at"), r.getOffsetDateTime("reported_back_at"));
                    return alerts.clearCondition(tx, back.personId(), AlertRepository.leaveKey(leaveId),
                                    back.reportedBackAt().toInstant())
                            .map(cleared -> Optional.of(back));
                });
    }
}
