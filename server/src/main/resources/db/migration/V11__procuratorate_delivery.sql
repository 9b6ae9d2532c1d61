-- Procuratorial supervision (检察监督, law Art. 8, 62): notifications from registry events as well as
-- alerts, their delivery to the procuratorate's endpoint through a transactional outbox (every attempt
-- logged), and the procuratorate's recommendations with the agency's written replies.

-- Major events officers record on a person (change of place Art. 27, detention Art. 32, death Art. 51,
-- end of correction Art. 44, proposals Art. 33/46/49, a prohibited act not stopped Art. 31). Each is
-- written with its notification and its audit row in one transaction.
CREATE TABLE person_major_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id   uuid        NOT NULL REFERENCES persons (id),
    kind        text        NOT NULL CHECK (kind IN ('PLACE_CHANGE', 'DETAINED', 'DEATH', 'CORRECTION_ENDED',
                                                     'REVOCATION_PROPOSED', 'PRISON_PROPOSED', 'COMMUTATION_PROPOSED',
                                                     'PROHIBITED_ACT_UNSTOPPED')),
    summary     text        NOT NULL CHECK (length(btrim(summary)) > 0),
    occurred_at timestamptz NOT NULL,
    recorded_by uuid        NOT NULL REFERENCES staff (id),
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_major_events_person ON person_major_events (person_id, occurred_at);

-- The name as the procuratorate is sent it: first character, asterisks, last character (张*, 张*明).
CREATE FUNCTION tether_masked_name(name text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN char_length(name) <= 1 THEN name
                WHEN char_length(name) = 2 THEN left(name, 1) || '*'
                ELSE left(name, 1) || repeat('*', char_length(name) - 2) || right(name, 1) END
$$;

CREATE FUNCTION tether_utc_text(t timestamptz) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

-- The outbox. The payload is frozen when the notification is recorded, so every attempt sends the same
-- bytes under the same idempotency key (a random UUID: ids of several agencies' databases would collide
-- at one procuratorate). status stays PENDING until a 2xx: delivery is retried without end.
ALTER TABLE procuratorate_notifications
    ADD COLUMN idempotency_key uuid        NOT NULL DEFAULT gen_random_uuid(),
    ADD COLUMN event_id        bigint UNIQUE REFERENCES person_major_events (id),
    ADD COLUMN office_id       uuid REFERENCES offices (id),
    ADD COLUMN article         text,
    ADD COLUMN occurred_at     timestamptz,
    ADD COLUMN payload         jsonb,
    ADD COLUMN attempts        integer     NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN claimed_until   timestamptz,
    ADD COLUMN delivered_at    timestamptz,
    ADD COLUMN last_status     integer,
    ADD COLUMN last_error      text,
    ADD COLUMN rejected        boolean     NOT NULL DEFAULT false,
    ADD CONSTRAINT procuratorate_notifications_key UNIQUE (idempotency_key),
    ADD CONSTRAINT procuratorate_notifications_one_cause CHECK (alert_id IS NULL OR event_id IS NULL);

-- Rows recorded before this migration (alert-driven only): office, time and payload filled in as the
-- recording statement does now.
WITH src AS (
    SELECT n.id, n.idempotency_key, n.kind, n.summary, n.created_at, p.id AS person_id, p.display_name,
           o.id AS office_id, o.name AS office_name, a.id AS alert_id, a.type AS alert_type,
           coalesce(a.last_seen, n.created_at) AS occurred_at,
           CASE n.kind WHEN 'SUSPECTED_ABSCONDING' THEN '30' ELSE '8' END AS article,
           CASE n.kind WHEN 'SUSPECTED_ABSCONDING' THEN '疑似脱管' ELSE '重大事件' END AS label
      FROM procuratorate_notifications n
      JOIN persons p ON p.id = n.person_id
      LEFT JOIN offices o ON o.id = p.office_id
      LEFT JOIN alerts a ON a.id = n.alert_id)
UPDATE procuratorate_notifications n
   SET office_id = src.office_id, occurred_at = src.occurred_at, article = src.article,
       payload = jsonb_build_object(
               'schema', 'tether.procuratorate.notification/1',
               'id', src.idempotency_key,
               'kind', src.kind,
               'article', src.article,
               'label', src.label,
               'person', jsonb_build_object('id', src.person_id, 'name', tether_masked_name(src.display_name),
                                            'caseNumber', NULL),
               'office', jsonb_build_object('id', src.office_id, 'name', src.office_name),
               'occurredAt', tether_utc_text(src.occurred_at),
               'recordedAt', tether_utc_text(src.created_at),
               'summary', src.summary,
               'alert', CASE WHEN src.alert_id IS NULL THEN NULL
                             ELSE jsonb_build_object('id', src.alert_id, 'type', src.alert_type) END,
               'event', NULL)
  FROM src
 WHERE src.id = n.id;

CREATE INDEX procuratorate_notifications_due ON procuratorate_notifications (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX procuratorate_notifications_office ON procuratorate_notifications (office_id, id DESC);

-- Every delivery attempt, whatever its outcome (append-only by convention; nothing updates it).
CREATE TABLE procuratorate_delivery_attempts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notification_id bigint      NOT NULL REFERENCES procuratorate_notifications (id),
    attempt         integer     NOT NULL,
    started_at      timestamptz NOT NULL,
    duration_ms     integer     NOT NULL,
    status_code     integer,
    error           text,
    outcome         text        NOT NULL CHECK (outcome IN ('DELIVERED', 'RETRY', 'REJECTED')),
    instance        text        NOT NULL
);
CREATE INDEX procuratorate_delivery_attempts_notification ON procuratorate_delivery_attempts (notification_id, id);

-- 检察建议 / 纠正意见 (Art. 62): issued by a procurator on an office (and maybe one person); the agency
-- answers once, in writing, by the deadline.
CREATE TABLE procuratorate_recommendations (
    id           uuid PRIMARY KEY,
    kind         text        NOT NULL CHECK (kind IN ('RECOMMENDATION', 'CORRECTION_OPINION')),
    office_id    uuid        NOT NULL REFERENCES offices (id),
    person_id    uuid REFERENCES persons (id),
    content      text        NOT NULL CHECK (length(btrim(content)) > 0),
    reply_due_at timestamptz NOT NULL,
    issued_by    uuid        NOT NULL REFERENCES staff (id),
    issued_at    timestamptz NOT NULL DEFAULT now(),
    reply        text,
    replied_by   uuid REFERENCES staff (id),
    replied_at   timestamptz,
    CHECK ((reply IS NULL) = (replied_at IS NULL) AND (reply IS NULL) = (replied_by IS NULL)),
    CHECK (reply_due_at > issued_at)
);
CREATE INDEX procuratorate_recommendations_office ON procuratorate_recommendations (office_id, issued_at DESC);
