package org.tether.server.org;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** County agencies and justice offices. */
public final class OfficeRepository {

    private final Pool pool;

    public OfficeRepository(Pool pool) {
        this.pool = pool;
    }

    public Future<Office> create(SqlClient tx, OfficeKind kind, String name, UUID parentId) {
        return tx.preparedQuery("INSERT INTO offices (id, kind, name, parent_id) VALUES ($1, $2, $3, $4) RETURNING "
                        + Office.COLUMNS)
                .execute(Tuple.of(UUID.randomUUID(), kind.name(), name, parentId))
                .map(rows -> Office.fromRow(rows.iterator().next()));
    }

    public Future<Optional<Office>> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + Office.COLUMNS + " FROM offices WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Office.fromRow(rows.iterator().next())));
    }

    /** @param ids null = every office */
    public Future<List<Office>> list(UUID[] ids) {
        return pool.preparedQuery("SELECT " + Office.COLUMNS + " FROM offices WHERE $1::uuid[] IS NULL OR id = ANY($1)"
                        + " ORDER BY parent_id NULLS FIRST, name")
                .execute(Tuple.tuple().addValue(ids))
                .map(rows -> {
                    List<Office> out = new ArrayList<>();
                    rows.forEach(r -> out.add(Office.fromRow(r)));
                    return out;
                });
    }
}
