package org.tether.server.status;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tether.mobile.LocationCheckView;
import org.tether.mobile.MessageView;
import org.tether.mobile.PhonePrincipal;
import org.tether.mobile.PhonePoints;
import org.tether.mobile.PhoneStatus;
import org.tether.server.points.MyPoints;
import org.tether.server.message.OfficerMessages;

/**
 * "My status" (我的状态) for the phone: read from the person's own rows only. The check-in window comes
 * from {@code check_in_windows}, and "done" is the same test the MISSED_CHECK_IN watch makes (a check-in
 * received within the window), so the app and the alert never disagree. Leave is read from the approved
 * permits ({@code leave_permits}).
 */
public final class MyStatusReader {

    static final int LATEST_MESSAGES = 5;

    private static final String WINDOW = """
            SELECT w.opens_at, w.closes_at,
                   EXISTS (SELECT 1 FROM check_ins c WHERE c.person_id = $1 AND c.window_opens_at IS NOT NULL
                              AND c.received_at >= w.opens_at AND c.received_at < w.closes_at) AS done
              FROM check_in_windows($1::uuid, $2::timestamptz, $2::timestamptz + interval '8 days') w
             ORDER BY w.opens_at LIMIT 1""";

    /**
     * The leave that matters most now: the one in progress, else one ended but not reported back (销假,
     * looked for 30 days back), else the next one.
     */
    private static final String LEAVE = """
            SELECT l.id, l.starts_at, l.ends_at,
                   CASE WHEN l.starts_at <= $2 AND l.ends_at > $2 THEN 'ON_LEAVE'
                        WHEN l.ends_at <= $2 THEN 'REPORT_BACK_DUE' ELSE 'UPCOMING' END AS state,
                   ARRAY(SELECT z.name FROM leave_permit_zones lz JOIN zones z ON z.id = lz.zone_id
                          WHERE lz.leave_id = l.id ORDER BY z.name) AS destinations
              FROM leave_permits l
             WHERE l.person_id = $1 AND l.reported_back_at IS NULL AND l.ends_at > $2::timestamptz - interval '30 days'
             ORDER BY CASE WHEN l.starts_at <= $2 AND l.ends_at > $2 THEN 0 WHEN l.ends_at <= $2 THEN 1 ELSE 2 END,
                      l.starts_at
             LIMIT 1""";

    /** The open location checks of the phone's person (a source the phone API already has). */
    @FunctionalInterface
    public interface OpenChecks {
        Future<List<LocationCheckView>> open(PhonePrincipal phone);
    }

    private final Pool pool;
    private final OpenChecks checks;
    private final Clock clock;

    private final MyPoints points;

    public MyStatusReader(Pool pool, OpenChecks checks, MyPoints points, Clock clock) {
        this.pool = pool;
        this.checks = checks;
        this.points = points;
        this.clock = clock;
    }

    /** This month's points and the last {@code months} published months. */
    public Future<PhonePoints> points(PhonePrincipal phone, int months) {
        return points.read(pool, phone.personId(), months);
    }

    public Future<PhoneStatus> read(PhonePrincipal phone) {
        Instant now = clock.instant();
        Future<List<LocationCheckView>> open = checks.open(phone);
        // The rest on one connection: the queries are pipelined, not spread over the pool.
        return pool.withConnection(conn -> read(conn, phone.personId(), now, points))
                .compose(status -> open.map(status::withOpenLocationChecks));
    }

    private static Future<PhoneStatus> read(SqlConnection conn, UUID person, Instant now, MyPoints points) {
        Tuple args = Tuple.of(person, now.atOffset(ZoneOffset.UTC));
        Future<Row> persons = conn.preparedQuery("SELECT tier, case_type, correction_starts_on, correction_ends_on"
                + " FROM persons WHERE id = $1").execute(Tuple.of(person)).map(rows -> rows.iterator().next());
        Future<Optional<PhoneStatus.CheckInWindow>> window = conn.preparedQuery(WINDOW).execute(args)
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(window(rows.iterator().next(), now)));
        Future<Optional<PhoneStatus.Leave>> leave = conn.preparedQuery(LEAVE).execute(args)
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(leave(rows.iterator().next())));
        Future<Integer> unread = OfficerMessages.unread(conn, person);
        Future<List<MessageView>> latest = OfficerMessages.forPhone(conn, person, LATEST_MESSAGES);
        Future<PhonePoints> score = points.read(conn, person, 1);
        return Future.all(persons, window, leave, unread, latest, score).map(all -> {
            Row p = persons.result();
            return new PhoneStatus(now, p.getString("tier"), p.getString("case_type"),
                    p.getLocalDate("correction_starts_on"), p.getLocalDate("correction_ends_on"),
                    window.result().orElse(null), List.of(), leave.result().orElse(null), unread.result(),
                    latest.result(), score.result());
        });
    }

    private static PhoneStatus.CheckInWindow window(Row r, Instant now) {
        Instant opens = r.getOffsetDateTime("opens_at").toInstant();
        Instant closes = r.getOffsetDateTime("closes_at").toInstant();
        return new PhoneStatus.CheckInWindow(opens, closes, !now.isBefore(opens) && now.isBefore(closes),
                r.getBoolean("done"));
    }

    private static PhoneStatus.Leave leave(Row r) {
        String[] destinations = r.getArrayOfStrings("destinations");
        return new PhoneStatus.Leave(r.getUUID("id"), r.getOffsetDateTime("starts_at").toInstant(),
                r.getOffsetDateTime("ends_at").toInstant(), r.getString("state"),
                destinations == null ? List.of() : List.of(destinations));
    }
}
