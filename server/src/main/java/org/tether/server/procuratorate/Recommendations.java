package org.tether.server.procuratorate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Procuratorial recommendations (检察建议) and correction opinions (纠正意见) with the agency's written
 * reply (law Art. 62). A reply is given once; {@code overdue} (no reply and the deadline passed) and
 * {@code repliedLate} are computed by the database clock on every read.
 */
public final class Recommendations {

    /** A new recommendation, before it is stored. */
    public record Issue(RecommendationKind kind, UUID officeId, UUID personId, String content, Instant replyDueAt) {
    }

    private static final String COLUMNS = """
            id, kind, office_id, person_id, content, reply_due_at, issued_by, issued_at, reply, replied_by, replied_at,
            (reply IS NULL AND now() > reply_due_at) AS overdue, (replied_at > reply_due_at) AS replied_late""";

    private final Pool pool;

    public Recommendations(Pool pool) {
        this.pool = pool;
    }

    public Future<JsonObject> issue(SqlClient tx, Issue issue, UUID issuedBy) {
        return tx.preparedQuery("""
                        INSERT INTO procuratorate_recommendations (id, kind, office_id, person_id, content, reply_due_at,
                                                                   issued_by)
                        VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING\s""" + COLUMNS)
                .execute(Tuple.tuple().addValue(UUID.randomUUID()).addValue(issue.kind().name())
                        .addValue(issue.officeId()).addValue(issue.personId()).addValue(issue.content())
                        .addValue(issue.replyDueAt().atOffset(ZoneOffset.UTC)).addValue(issuedBy))
                .map(Recommendations::first);
    }

    /** The reply, if the recommendation is in {@code offices} and not answered yet; empty otherwise. */
    public Future<Optional<JsonObject>> reply(SqlClient tx, UUID[] offices, UUID id, String reply, UUID by) {
        return tx.preparedQuery("UPDATE procuratorate_recommendations SET reply = $3, replied_by = $4, replied_at = now()"
                        + " WHERE id = $1 AND office_id = ANY($2) AND reply IS NULL RETURNING " + COLUMNS)
                .execute(Tuple.tuple().addValue(id).addValue(offices).addValue(reply).addValue(by))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(first(rows)));
    }

    public Future<Optional<JsonObject>> find(SqlClient client, UUID[] offices, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM procuratorate_recommendations"
                        + " WHERE id = $1 AND office_id = ANY($2)")
                .execute(Tuple.tuple().addValue(id).addValue(offices))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(first(rows)));
    }

    /** Newest first; {@code overdueOnly}: unanswered past their deadline. */
    public Future<List<JsonObject>> list(UUID[] offices, boolean overdueOnly, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM procuratorate_recommendations"
                        + " WHERE office_id = ANY($1) AND (NOT $2 OR (reply IS NULL AND now() > reply_due_at))"
                        + " ORDER BY issued_at DESC, id LIMIT $3")
                .execute(Tuple.tuple().addValue(offices).addValue(overdueOnly).addValue(limit))
                .map(rows -> {
                    List<JsonObject> out = new ArrayList<>(rows.size());
                    rows.forEach(r -> out.add(view(r)));
                    return out;
                });
    }

    private static JsonObject first(RowSet<Row> rows) {
        return view(rows.iterator().next());
    }

    private static JsonObject view(Row r) {
        return new JsonObject().put("id", r.getUUID("id").toString()).put("kind", r.getString("kind"))
                .put("officeId", r.getUUID("office_id").toString()).put("personId", str(r.getUUID("person_id")))
                .put("content", r.getString("content")).put("replyDueAt", time(r.getOffsetDateTime("reply_due_at")))
                .put("issuedBy", r.getUUID("issued_by").toString()).put("issuedAt", time(r.getOffsetDateTime("issued_at")))
                .put("reply", r.getString("reply")).put("repliedBy", str(r.getUUID("replied_by")))
                .put("repliedAt", time(r.getOffsetDateTime("replied_at")))
                .put("overdue", r.getBoolean("overdue")).put("repliedLate", Boolean.TRUE.equals(r.getBoolean("replied_late")));
    }

    private static String time(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
