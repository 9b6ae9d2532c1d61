package org.tether.server.registry;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Supervised persons. Methods taking a {@link SqlClient} run inside the caller's transaction. */
public final class PersonRepository {

    /** A person's registration (the columns a client may set), before it has an id. */
    public record Intake(String displayName, UUID officeId, UUID responsibleOfficerId, CaseType caseType,
                         LocalDate correctionStartsOn, LocalDate correctionEndsOn, SupervisionTier tier, boolean minor,
                         String idCardNumber) {
    }

    /** Just enough to decide access: locked with the row in {@link #lock}. */
    public record PersonRef(UUID id, UUID officeId, PersonStatus status) {
    }

    private final Pool pool;

    public PersonRepository(Pool pool) {
        this.pool = pool;
    }

    public Future<UUID> create(SqlClient tx, Intake p) {
        UUID id = UUID.randomUUID();
        return tx.preparedQuery("""
                        INSERT INTO persons (id, display_name, office_id, responsible_officer_id, case_type,
                                             correction_starts_on, correction_ends_on, tier, minor, id_card_number)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""")
                .execute(Tuple.tuple().addValue(id).addValue(p.displayName()).addValue(p.officeId())
                        .addValue(p.responsibleOfficerId()).addValue(p.caseType() == null ? null : p.caseType().name())
                        .addValue(p.correctionStartsOn()).addValue(p.correctionEndsOn()).addValue(p.tier().name())
                        .addValue(p.minor()).addValue(p.idCardNumber()))
                .map(id);
    }

    /**
     * Locks the person's row for the rest of the transaction ({@code FOR NO KEY UPDATE}: the ingest path's
     * alert inserts, which only need the key, are not held up); empty if there is no such person.
     */
    public Future<Optional<PersonRef>> lock(SqlClient tx, UUID id) {
        return ref(tx, id, " FOR NO KEY UPDATE");
    }

    /** As {@link #lock} without locking, for reads. */
    public Future<Optional<PersonRef>> ref(SqlClient client, UUID id) {
        return ref(client, id, "");
    }

    private Future<Optional<PersonRef>> ref(SqlClient tx, UUID id, String lock) {
        return tx.preparedQuery("SELECT id, office_id, status FROM persons WHERE id = $1" + lock).execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(new PersonRef(r.getUUID("id"), r.getUUID("office_id"),
                            PersonStatus.valueOf(r.getString("status"))));
                });
    }

    public Future<Optional<Person>> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + Person.COLUMNS + " FROM persons p WHERE p.id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Person.fromRow(rows.iterator().next())));
    }

    public Future<List<Person>> list(UUID[] offices, PersonStatus status, int limit) {
        return pool.preparedQuery("SELECT " + Person.COLUMNS + " FROM persons p WHERE p.office_id = ANY($1)"
                        + " AND ($2::text IS NULL OR p.status = $2) ORDER BY p.created_at, p.id LIMIT $3")
                .execute(Tuple.of(offices, status == null ? null : status.name(), limit))
                .map(rows -> {
                    List<Person> out = new ArrayList<>();
                    rows.forEach(r -> out.add(Person.fromRow(r)));
                    return out;
                });
    }

    /**
     * Sets the given columns (names from the caller's fixed list, never from input), and
     * {@code updated_at}.
     */
    public Future<Void> update(SqlClient tx, UUID id, Map<String, Object> columns) {
        if (columns.isEmpty()) {
            return Future.succeededFuture();
        }
        List<String> names = new ArrayList<>(new LinkedHashMap<>(columns).keySet());
        String set = names.stream().map(n -> n + " = $" + (names.indexOf(n) + 2)).collect(Collectors.joining(", "));
        Tuple params = Tuple.tuple().addValue(id);
        names.forEach(n -> params.addValue(columns.get(n)));
        return tx.preparedQuery("UPDATE persons SET " + set + ", updated_at = now() WHERE id = $1").execute(params)
                .mapEmpty();
    }

    /** Whether the staff member is an active officer of that office (who may be responsible for its persons). */
    public Future<Boolean> isOfficerOf(SqlClient tx, UUID staffId, UUID officeId) {
        return tx.preparedQuery("SELECT EXISTS (SELECT 1 FROM staff WHERE id = $1 AND office_id = $2"
                        + " AND role = 'OFFICER' AND active)")
                .execute(Tuple.of(staffId, officeId)).map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** The person's stored positions in [from, to), oldest first, at most {@code limit}. */
    public Future<List<JsonObject>> trail(SqlClient tx, UUID personId, Instant from, Instant to, int limit) {
        return tx.preparedQuery("""
                        SELECT fix_time, device_id, ST_Y(geom) AS lat, ST_X(geom) AS lon, accuracy_m, source, crs,
                               reported_lat, reported_lon, fix_class
                          FROM positions WHERE person_id = $1 AND fix_time >= $2 AND fix_time < $3
                         ORDER BY fix_time, id LIMIT $4""")
                .execute(Tuple.of(personId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), limit))
                .map(rows -> {
                    List<JsonObject> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new JsonObject()
                            .put("time", r.getOffsetDateTime("fix_time").toInstant().toString())
                            .put("deviceId", r.getString("device_id")).put("lat", r.getDouble("lat"))
                            .put("lon", r.getDouble("lon")).put("accuracyMeters", r.getDouble("accuracy_m"))
                            .put("source", r.getString("source")).put("reportedCrs", r.getString("crs"))
                            .put("reportedLat", r.getDouble("reported_lat")).put("reportedLon", r.getDouble("reported_lon"))
                            .put("fixClass", r.getString("fix_class"))));
                    return out;
                });
    }
}
