package org.tether.server.watch;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;

/**
 * A time-driven alert rule: finds in the database what has become due by {@code now} and raises or
 * clears alerts for it. Deadlines are derived from stored facts (last fix, leave end, alert age) on
 * every scan, never held in memory, so a restart neither loses a due alert nor raises one twice; each
 * scan is idempotent because it skips conditions already alerted for the same episode.
 */
public interface Watch {

    /** Short stable name, for logs and the advisory lock. */
    String name();

    /** Runs one scan inside {@code tx}; returns how many alerts it raised, repeated, cleared or escalated. */
    Future<Integer> scan(SqlConnection tx, Instant now);
}
