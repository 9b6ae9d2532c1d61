package org.tether.server.staff;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Locks a user name after consecutive failed sign-ins ({@code staff_signin_failures}). Keyed by the name as
 * typed, whether or not an account has it, so the answers do not tell which names exist; kept in the
 * database, so the count and the lock hold on every instance and across restarts.
 *
 * <p>An attempt is counted when it starts ({@link #claim}, committed at once) and forgiven when it succeeds,
 * so parallel guesses cannot slip past the limit while their password checks run.
 */
public final class SignInLockout {

    /**
     * Counts the attempt. A lock that has run out starts a new count. When the count already reached the limit
     * (guesses in flight) the name is locked from now. Returns the lock's end when the name is locked.
     */
    private static final String CLAIM = """
            INSERT INTO staff_signin_failures AS f (username, failures) VALUES ($1, 1)
            ON CONFLICT (username) DO UPDATE SET
                failures = CASE WHEN f.locked_until <= now() THEN 1 ELSE f.failures + 1 END,
                locked_until = CASE WHEN f.locked_until <= now() THEN NULL
                                    WHEN f.locked_until IS NULL AND f.failures >= $2 THEN now() + make_interval(secs => $3)
                                    ELSE f.locked_until END,
                updated_at = now()
            RETURNING locked_until""";

    /** The failure that reaches the limit locks the name; returns the lock's end then. */
    private static final String FAILED = """
            UPDATE staff_signin_failures SET locked_until = now() + make_interval(secs => $3), updated_at = now()
             WHERE username = $1 AND failures >= $2 AND locked_until IS NULL
            RETURNING locked_until""";

    private final Pool pool;
    private final int maxFailures;
    private final Duration lock;

    public SignInLockout(Pool pool, int maxFailures, Duration lock) {
        this.pool = pool;
        this.maxFailures = maxFailures;
        this.lock = lock;
    }

    /** Counts an attempt (committed at once); the end of the lock when the name is locked and must be refused. */
    public Future<Optional<Instant>> claim(String username) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(username, maxFailures, (double) lock.toSeconds()))
                .map(rows -> Optional.ofNullable(rows.iterator().next().getOffsetDateTime("locked_until"))
                        .map(t -> t.toInstant()));
    }

    /** The attempt failed: the end of the lock when this failure locked the name. */
    public Future<Optional<Instant>> failed(SqlClient tx, String username) {
        return tx.preparedQuery(FAILED).execute(Tuple.of(username, maxFailures, (double) lock.toSeconds()))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getOffsetDateTime("locked_until").toInstant()));
    }

    /** The attempt succeeded: the count starts again. */
    public Future<Void> succeeded(SqlClient tx, String username) {
        return tx.preparedQuery("DELETE FROM staff_signin_failures WHERE username = $1").execute(Tuple.of(username))
                .mapEmpty();
    }

    /** An administrator lifts the lock (and the count); whether the name was locked. */
    public Future<Boolean> unlock(SqlClient tx, String username) {
        return tx.preparedQuery("DELETE FROM staff_signin_failures WHERE username = $1 RETURNING locked_until > now() AS locked")
                .execute(Tuple.of(username))
                .map(rows -> rows.size() > 0 && Boolean.TRUE.equals(rows.iterator().next().getBoolean("locked")));
    }
}
