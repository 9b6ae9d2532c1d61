package org.tether.server.staff;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Staff accounts. Methods taking a {@link SqlClient} run inside the caller's transaction. */
public final class StaffRepository {

    private final Pool pool;

    public StaffRepository(Pool pool) {
        this.pool = pool;
    }

    /** What a login needs: the account (active or not) and its password hash. */
    public record LoginRecord(StaffAccount account, String passwordHash) {
    }

    public Future<Optional<LoginRecord>> findForLogin(String username) {
        return pool.preparedQuery("SELECT " + StaffAccount.COLUMNS + ", password_hash FROM staff WHERE username = $1")
                .execute(Tuple.of(username))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(new LoginRecord(StaffAccount.fromRow(r), r.getString("password_hash")));
                });
    }

    public Future<StaffAccount> create(SqlClient tx, String username, String displayName, StaffRole role,
                                       UUID officeId, String passwordHash) {
        return tx.preparedQuery("INSERT INTO staff (id, username, display_name, role, office_id, password_hash)"
                        + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + StaffAccount.COLUMNS)
                .execute(Tuple.of(UUID.randomUUID(), username, displayName, role.name(), officeId, passwordHash))
                .map(rows -> StaffAccount.fromRow(rows.iterator().next()));
    }

    /** Changes whether the account may sign in and, when given, its password. Empty if there is no such account. */
    public Future<Optional<StaffAccount>> update(SqlClient tx, UUID id, Boolean active, String passwordHash) {
        return tx.preparedQuery("UPDATE staff SET active = coalesce($2, active), password_hash = coalesce($3, password_hash)"
                        + " WHERE id = $1 RETURNING " + StaffAccount.COLUMNS)
                .execute(Tuple.of(id, active, passwordHash))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(StaffAccount.fromRow(rows.iterator().next())));
    }

    public Future<Optional<StaffAccount>> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + StaffAccount.COLUMNS + " FROM staff WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(StaffAccount.fromRow(rows.iterator().next())));
    }

    /** @param offices null = every account (administrators) */
    public Future<List<StaffAccount>> list(UUID[] offices) {
        return pool.preparedQuery("SELECT " + StaffAccount.COLUMNS + " FROM staff"
                        + " WHERE $1::uuid[] IS NULL OR office_id = ANY($1) ORDER BY username")
                .execute(Tuple.tuple().addValue(offices))
                .map(rows -> {
                    List<StaffAccount> out = new ArrayList<>();
                    rows.forEach(r -> out.add(StaffAccount.fromRow(r)));
                    return out;
                });
    }

    /**
     * Creates the bootstrap administrator when no active administrator exists. Safe when several
     * instances start at once: the user name is unique, the second insert does nothing.
     *
     * @return whether an account was created
     */
    public Future<Boolean> ensureAdmin(String username, String passwordHash) {
        return pool.preparedQuery("""
                        INSERT INTO staff (id, username, display_name, role, password_hash)
                        SELECT $1, $2, 'Administrator', 'ADMIN', $3
                         WHERE NOT EXISTS (SELECT 1 FROM staff WHERE role = 'ADMIN' AND active)
                        ON CONFLICT (username) DO NOTHING""")
                .execute(Tuple.of(UUID.randomUUID(), username, passwordHash))
                .map(rows -> rows.rowCount() > 0);
    }

    public Future<Boolean> anyActiveAdmin() {
        return pool.query("SELECT EXISTS (SELECT 1 FROM staff WHERE role = 'ADMIN' AND active)").execute()
                .map(rows -> rows.iterator().next().getBoolean(0));
    }
}
