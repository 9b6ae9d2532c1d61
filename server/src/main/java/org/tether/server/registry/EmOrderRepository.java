package org.tether.server.registry;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Electronic-monitoring orders. Methods taking a {@link SqlClient} run inside the caller's transaction. */
public final class EmOrderRepository {

    private final Pool pool;

    public EmOrderRepository(Pool pool) {
        this.pool = pool;
    }

    public Future<EmOrder> create(SqlClient tx, UUID personId, EmGround ground, String groundDetail, UUID approvedBy,
                                  Instant startsAt, Instant endsAt, UUID extendsOrderId) {
        return tx.preparedQuery("INSERT INTO em_orders (id, person_id, ground, ground_detail, approved_by, approved_at,"
                        + " starts_at, ends_at, extends_order_id) VALUES ($1, $2, $3, $4, $5, now(), $6, $7, $8)"
                        + " RETURNING " + EmOrder.COLUMNS)
                .execute(Tuple.of(UUID.randomUUID(), personId, ground.name(), groundDetail, approvedBy,
                        startsAt.atOffset(ZoneOffset.UTC), endsAt.atOffset(ZoneOffset.UTC), extendsOrderId))
                .map(rows -> EmOrder.fromRow(rows.iterator().next()));
    }

    public Future<Optional<EmOrder>> lock(SqlClient tx, UUID id) {
        return tx.preparedQuery("SELECT " + EmOrder.COLUMNS + " FROM em_orders WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(EmOrder.fromRow(rows.iterator().next())));
    }

    /** The person's order in force now ({@code orderId} null: any), the one ending last. */
    public Future<Optional<EmOrder>> inForce(SqlClient tx, UUID personId, UUID orderId) {
        return tx.preparedQuery("SELECT " + EmOrder.COLUMNS + " FROM em_orders WHERE person_id = $1"
                        + " AND ($2::uuid IS NULL OR id = $2) AND status = 'ACTIVE' AND starts_at <= now() AND ends_at > now()"
                        + " ORDER BY ends_at DESC LIMIT 1")
                .execute(Tuple.of(personId, orderId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(EmOrder.fromRow(rows.iterator().next())));
    }

    public Future<EmOrder> end(SqlClient tx, UUID id, UUID by) {
        return tx.preparedQuery("UPDATE em_orders SET status = 'ENDED', ended_at = now(), ended_by = $2 WHERE id = $1"
                        + " RETURNING " + EmOrder.COLUMNS)
                .execute(Tuple.of(id, by)).map(rows -> EmOrder.fromRow(rows.iterator().next()));
    }

    public Future<List<EmOrder>> forPerson(UUID personId) {
        return pool.preparedQuery("SELECT " + EmOrder.COLUMNS + " FROM em_orders WHERE person_id = $1 ORDER BY starts_at, id")
                .execute(Tuple.of(personId))
                .map(rows -> {
                    List<EmOrder> out = new ArrayList<>();
                    rows.forEach(r -> out.add(EmOrder.fromRow(r)));
                    return out;
                });
    }
}
