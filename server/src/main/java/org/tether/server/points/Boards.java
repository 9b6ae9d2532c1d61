package org.tether.server.points;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads an office's board and its name setting. */
public final class Boards {

    private final BoardNames defaultNames;

    public Boards(BoardNames defaultNames) {
        this.defaultNames = defaultNames;
    }

    public Future<BoardNames> names(SqlClient client, UUID officeId) {
        return client.preparedQuery("SELECT board_names FROM office_points_settings WHERE office_id = $1")
                .execute(Tuple.of(officeId))
                .map(rows -> rows.size() == 0 ? defaultNames : BoardNames.valueOf(rows.iterator().next().getString("board_names")));
    }

    public Future<BoardNames> setNames(SqlClient tx, UUID officeId, BoardNames names, UUID actor) {
        return tx.preparedQuery("""
                        INSERT INTO office_points_settings (office_id, board_names, updated_by) VALUES ($1, $2, $3)
                        ON CONFLICT (office_id) DO UPDATE SET board_names = EXCLUDED.board_names, updated_at = now(),
                               updated_by = EXCLUDED.updated_by""")
                .execute(Tuple.of(officeId, names.name(), actor)).map(names);
    }

    /** The board, once the month is closed; empty before. Minors are left out here, in the query. */
    public Future<Optional<Board>> board(SqlClient client, UUID officeId, YearMonth month) {
        return client.preparedQuery("""
                        SELECT a.status, o.name FROM assessments a JOIN offices o ON o.id = a.office_id
                         WHERE a.office_id = $1 AND a.month = $2""")
                .execute(Tuple.of(officeId, month.atDay(1)))
                .compose(head -> {
                    if (head.size() == 0) {
                        return Future.succeededFuture(Optional.empty());
                    }
                    Row h = head.iterator().next();
                    return names(client, officeId).compose(names -> client.preparedQuery("""
                                    SELECT p.display_name, r.tier, r.score, r.grade
                                      FROM assessment_results r JOIN persons p ON p.id = r.person_id
                                     WHERE r.office_id = $1 AND r.month = $2 AND NOT p.minor
                                     ORDER BY r.score DESC, p.display_name, p.id""")
                            .execute(Tuple.of(officeId, month.atDay(1)))
                            .map(rows -> {
                                List<Board.Row> out = new ArrayList<>(rows.size());
                                int rank = 0;
                                for (Row r : rows) {
                                    out.add(new Board.Row(++rank, names.show(r.getString("display_name")),
                                            Board.tierLabel(r.getString("tier")), r.getInteger("score"),
                                            Grade.valueOf(r.getString("grade"))));
                                }
                                return Optional.of(new Board(h.getString("name"), month,
                                        "APPROVED".equals(h.getString("status")), names, out));
                            }));
                });
    }
}
