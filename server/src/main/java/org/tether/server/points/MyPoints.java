package org.tether.server.points;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tether.mobile.PhonePoints;

/**
 * A person's own points for the phone app: this month's ledger so far with the running score, and the
 * months whose assessment was approved (published). Unapproved closes stay with the officers: a re-close
 * may still change them.
 */
public final class MyPoints {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private static final String ENTRIES = """
            SELECT e.occurred_on, e.kind, e.points, e.reason,
                   EXISTS (SELECT 1 FROM points_entries c WHERE c.corrects_entry_id = e.id) AS corrected
            FROM points_entries e
            WHERE e.person_id = $1 AND e.month = $2
            ORDER BY e.occurred_on, e.id""";

    private static final String PUBLISHED = """
            SELECT r.month, r.score, r.grade
            FROM assessment_results r
            JOIN assessments a ON a.office_id = r.office_id AND a.month = r.month
            WHERE r.person_id = $1 AND a.status = 'APPROVED'
            ORDER BY r.month DESC
            LIMIT $2""";

    private final int baseScore;
    private final Clock clock;

    public MyPoints(int baseScore, Clock clock) {
        this.baseScore = baseScore;
        this.clock = clock;
    }

    public Future<PhonePoints> read(SqlClient client, UUID personId, int months) {
        YearMonth month = YearMonth.from(clock.instant().atZone(CHINA));
        Future<List<PhonePoints.Entry>> entries = client.preparedQuery(ENTRIES)
                .execute(Tuple.of(personId, month.atDay(1)))
                .map(rows -> {
                    List<PhonePoints.Entry> list = new ArrayList<>();
                    for (Row r : rows) {
                        PointsKind kind = PointsKind.valueOf(r.getString("kind"));
                        list.add(new PhonePoints.Entry(r.getLocalDate("occurred_on"), kind.name(), kind.labelZh(),
                                r.getInteger("points"), r.getString("reason"), r.getBoolean("corrected")));
                    }
                    return list;
                });
        Future<List<PhonePoints.MonthResult>> history = client.preparedQuery(PUBLISHED)
                .execute(Tuple.of(personId, months))
                .map(rows -> {
                    List<PhonePoints.MonthResult> list = new ArrayList<>();
                    for (Row r : rows) {
                        Grade grade = Grade.valueOf(r.getString("grade"));
                        list.add(new PhonePoints.MonthResult(YearMonth.from(r.getLocalDate("month")),
                                r.getInteger("score"), grade.name(), grade.labelZh()));
                    }
                    return list;
                });
        return Future.all(entries, history).map(all -> new PhonePoints(month, baseScore,
                // A correction is its own entry with the opposite points, so the plain sum is the score.
                baseScore + entries.result().stream().mapToInt(PhonePoints.Entry::points).sum(),
                entries.result(), history.result()));
    }
}
