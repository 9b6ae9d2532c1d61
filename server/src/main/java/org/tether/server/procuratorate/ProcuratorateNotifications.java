package org.tether.server.procuratorate;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.tether.server.alert.Alert;

/**
 * Records what the agency owes the procuratorate (检察院): one notification per alert or per major
 * event, written in the caller's transaction so it exists exactly when the change that caused it does
 * (the transactional outbox {@link ProcuratorateSender} delivers from). The payload — what the
 * procuratorate receives — is frozen here: the person by id and masked name (never the ID-card
 * number), the office, the kind with its law article, when it happened, the summary, the cause.
 */
public final class ProcuratorateNotifications {

    private static final String RECORD = """
            WITH k AS (SELECT gen_random_uuid() AS key)
            INSERT INTO procuratorate_notifications (person_id, alert_id, event_id, kind, article, summary, created_by,
                                                     office_id, occurred_at, idempotency_key, payload)
            SELECT p.id, $2, $3, $4, $5, $6, $7, p.office_id, $8, k.key,
                   jsonb_build_object(
                       'schema', 'tether.procuratorate.notification/1',
                       'id', k.key,
                       'kind', $4::text,
                       'article', $5::text,
                       'label', $9::text,
                       'person', jsonb_build_object('id', p.id, 'name', tether_masked_name(p.display_name),
                                                    'caseNumber', NULL),
                       'office', jsonb_build_object('id', o.id, 'name', o.name),
                       'occurredAt', tether_utc_text($8),
                       'recordedAt', tether_utc_text(now()),
                       'summary', $6::text,
                       'alert', CASE WHEN $2::bigint IS NULL THEN NULL
                                     ELSE jsonb_build_object('id', $2::bigint, 'type', $10::text) END,
                       'event', CASE WHEN $3::bigint IS NULL THEN NULL ELSE jsonb_build_object('id', $3::bigint) END)
              FROM persons p LEFT JOIN offices o ON o.id = p.office_id, k
             WHERE p.id = $1
            ON CONFLICT DO NOTHING
            RETURNING id""";

    /**
     * @param occurredAt when the incident happened (for an alert: when it was confirmed)
     * @return the new notification's id; empty when the alert already has one
     */
    public Future<Optional<Long>> recordForAlert(SqlClient tx, Alert alert, NotificationKind kind, String summary,
                                                 OffsetDateTime occurredAt, UUID actor) {
        return record(tx, alert.personId(), alert.id(), null, kind, summary, occurredAt, actor, alert.type().name());
    }

    /** @return the new notification's id */
    public Future<Long> recordForEvent(SqlClient tx, UUID personId, long eventId, NotificationKind kind, String summary,
                                       OffsetDateTime occurredAt, UUID actor) {
        if (!kind.fromEvent()) {
            throw new IllegalArgumentException(kind + " is raised from alerts, not recorded as an event");
        }
        return record(tx, personId, null, eventId, kind, summary, occurredAt, actor, null).map(Optional::orElseThrow);
    }

    private Future<Optional<Long>> record(SqlClient tx, UUID personId, Long alertId, Long eventId, NotificationKind kind,
                                          String summary, OffsetDateTime occurredAt, UUID actor, String alertType) {
        return tx.preparedQuery(RECORD)
                .execute(Tuple.tuple().addValue(personId).addValue(alertId).addValue(eventId).addValue(kind.name())
                        .addValue(kind.article()).addValue(summary).addValue(actor).addValue(occurredAt)
                        .addValue(kind.labelZh()).addValue(alertType))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("id")));
    }
}
