package org.tether.server.staff;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Staff sessions in PostgreSQL. Every request resolves its token with one indexed query (no cache), so
 * a revoked session, a deactivated account or a changed office counts on every instance at once.
 */
public final class StaffSessions {

    private static final String RESOLVE = """
            SELECT st.id, st.username, st.role, st.office_id,
                   ARRAY(SELECT o.id FROM offices o
                          WHERE o.id = st.office_id
                             OR (st.role IN ('COUNTY_SUPERVISOR', 'PROCURATOR') AND o.parent_id = st.office_id)) AS offices
              FROM staff_sessions se JOIN staff st ON st.id = se.staff_id
             WHERE se.token_hash = $1 AND se.revoked_at IS NULL AND se.expires_at > now() AND st.active""";

    private final Pool pool;
    private final Duration lifetime;

    public StaffSessions(Pool pool, Duration lifetime) {
        this.pool = pool;
        this.lifetime = lifetime;
    }

    /** A new session: the token (shown once) and when it expires. */
    public record Issued(String token, Instant expiresAt) {
    }

    public Future<Issued> open(SqlClient tx, UUID staffId) {
        String token = SessionTokens.generate();
        Instant expires = Instant.now().plus(lifetime);
        return tx.preparedQuery("INSERT INTO staff_sessions (token_hash, staff_id, expires_at) VALUES ($1, $2, $3)")
                .execute(Tuple.of(Buffer.buffer(SessionTokens.hash(token)), staffId, expires.atOffset(ZoneOffset.UTC)))
                .map(new Issued(token, expires));
    }

    public Future<Optional<StaffPrincipal>> resolve(String token) {
        return pool.preparedQuery(RESOLVE).execute(Tuple.of(Buffer.buffer(SessionTokens.hash(token))))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(principal(rows.iterator().next())));
    }

    private static StaffPrincipal principal(Row r) {
        UUID[] offices = r.getArrayOfUUIDs("offices");
        return new StaffPrincipal(r.getUUID("id"), r.getString("username"), StaffRole.valueOf(r.getString("role")),
                r.getUUID("office_id"), offices == null ? Set.of() : Set.of(offices));
    }

    public Future<Boolean> revoke(SqlClient tx, String token) {
        return tx.preparedQuery("UPDATE staff_sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(Buffer.buffer(SessionTokens.hash(token)))).map(rows -> rows.rowCount() > 0);
    }

    public Future<Void> revokeAll(SqlClient tx, UUID staffId) {
        return tx.preparedQuery("UPDATE staff_sessions SET revoked_at = now() WHERE staff_id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(staffId)).mapEmpty();
    }

    static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
