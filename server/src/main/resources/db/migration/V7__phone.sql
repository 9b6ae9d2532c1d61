-- The phone app (issue 6, first part): enrolment with one-time codes, the phone's API token, scheduled
-- check-ins (定期报到) with their windows in Asia/Shanghai, officers' location checks (信息化核查) and
-- the push outbox (FCM).

-- A one-time enrolment code an officer issues for a person: short, expiring, single use. Only its
-- SHA-256 is stored. Issuing a new code for a person withdraws the unused earlier ones.
CREATE TABLE enrolment_codes (
    code_hash  bytea PRIMARY KEY,
    person_id  uuid        NOT NULL REFERENCES persons (id),
    issued_by  uuid        NOT NULL REFERENCES staff (id),
    issued_at  timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    withdrawn_at timestamptz
);
CREATE INDEX enrolment_codes_person ON enrolment_codes (person_id) WHERE used_at IS NULL AND withdrawn_at IS NULL;

-- Every redemption attempt by source address: failures within a window rate-limit brute force.
CREATE TABLE enrolment_attempts (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source    text        NOT NULL,
    at        timestamptz NOT NULL DEFAULT now(),
    succeeded boolean     NOT NULL
);
CREATE INDEX enrolment_attempts_source ON enrolment_attempts (source, at) WHERE NOT succeeded;

-- An enrolled phone: the PHONE device created for it, the API token (SHA-256 only), the FCM token.
-- Enrolling a new phone revokes the person's earlier enrolment (and the old device's MQTT login).
CREATE TABLE phone_enrolments (
    id              uuid PRIMARY KEY,
    person_id       uuid        NOT NULL REFERENCES persons (id),
    device_id       text        NOT NULL REFERENCES devices (id),
    token_hash      bytea       NOT NULL UNIQUE,
    platform        text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    revoked_at      timestamptz,
    push_token      text,
    push_token_at   timestamptz
);
CREATE UNIQUE INDEX phone_enrolments_one_active ON phone_enrolments (person_id) WHERE revoked_at IS NULL;

-- Check-in schedules: a person's own, else their office's for their tier, else the default for their
-- tier (office_id and person_id NULL). days are ISO days of week (1 = Monday); the window is local
-- time in Asia/Shanghai and does not cross midnight. effective_from: windows closing before it are
-- never counted as missed.
CREATE TABLE check_in_schedules (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id      uuid REFERENCES persons (id),
    office_id      uuid REFERENCES offices (id),
    tier           text CHECK (tier IN ('STRICT', 'NORMAL', 'LENIENT')),
    days           smallint[]  NOT NULL CHECK (cardinality(days) BETWEEN 1 AND 7 AND days <@ '{1,2,3,4,5,6,7}'),
    window_start   time        NOT NULL,
    window_end     time        NOT NULL CHECK (window_end > window_start),
    effective_from timestamptz NOT NULL DEFAULT now(),
    updated_by     uuid REFERENCES staff (id),
    CHECK ((person_id IS NOT NULL AND office_id IS NULL AND tier IS NULL) OR (person_id IS NULL AND tier IS NOT NULL))
);
CREATE UNIQUE INDEX check_in_schedules_person ON check_in_schedules (person_id) WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX check_in_schedules_office ON check_in_schedules (office_id, tier)
    WHERE person_id IS NULL AND office_id IS NOT NULL;
CREATE UNIQUE INDEX check_in_schedules_default ON check_in_schedules (tier) WHERE person_id IS NULL AND office_id IS NULL;
-- Defaults: 严管 daily, 普管 twice a week (Monday, Thursday), 宽管 weekly (Monday), 08:00–20:00.
INSERT INTO check_in_schedules (tier, days, window_start, window_end, effective_from) VALUES
    ('STRICT', '{1,2,3,4,5,6,7}', '08:00', '20:00', '-infinity'),
    ('NORMAL', '{1,4}', '08:00', '20:00', '-infinity'),
    ('LENIENT', '{1}', '08:00', '20:00', '-infinity');

-- The schedule in force for a person: own, else office + tier, else default + tier.
CREATE FUNCTION check_in_schedule_of(p_person uuid)
    RETURNS TABLE (days smallint[], window_start time, window_end time, effective_from timestamptz)
    LANGUAGE sql STABLE AS $$
    SELECT s.days, s.window_start, s.window_end, s.effective_from
      FROM persons p
      JOIN check_in_schedules s ON s.person_id = p.id
                                OR (s.person_id IS NULL AND s.tier = p.tier
                                    AND (s.office_id = p.office_id OR s.office_id IS NULL))
     WHERE p.id = p_person
     ORDER BY (s.person_id IS NOT NULL) DESC, (s.office_id IS NOT NULL) DESC
     LIMIT 1
$$;

-- The person's check-in windows that overlap [p_from, p_to], as instants (Asia/Shanghai local days).
CREATE FUNCTION check_in_windows(p_person uuid, p_from timestamptz, p_to timestamptz)
    RETURNS TABLE (opens_at timestamptz, closes_at timestamptz, effective_from timestamptz)
    LANGUAGE sql STABLE AS $$
    SELECT w.opens_at, w.closes_at, w.effective_from
      FROM (SELECT (d::date + s.window_start) AT TIME ZONE 'Asia/Shanghai' AS opens_at,
                   (d::date + s.window_end) AT TIME ZONE 'Asia/Shanghai' AS closes_at,
                   s.effective_from, extract(isodow FROM d)::smallint AS dow, s.days
              FROM check_in_schedule_of(p_person) s,
                   generate_series((p_from AT TIME ZONE 'Asia/Shanghai')::date - 1,
                                   (p_to AT TIME ZONE 'Asia/Shanghai')::date, interval '1 day') d) w
     WHERE w.dow = ANY (w.days) AND w.closes_at > p_from AND w.opens_at <= p_to
$$;

-- A check-in from the app: a fresh fix, the window it fell in (NULL = outside every window) and where
-- the fix lies against the inclusion area (INSIDE, OUTSIDE beyond the accuracy radius, UNCERTAIN
-- within it, NO_AREA when the person has no inclusion zone).
CREATE TABLE check_ins (
    id               uuid PRIMARY KEY,
    person_id        uuid        NOT NULL REFERENCES persons (id),
    device_id        text        NOT NULL,
    received_at      timestamptz NOT NULL,
    fix_time         timestamptz NOT NULL,
    geom             geometry(Point, 4326) NOT NULL,
    reported_lat     double precision NOT NULL,
    reported_lon     double precision NOT NULL,
    crs              text        NOT NULL,
    accuracy_m       real        NOT NULL,
    source           text        NOT NULL,
    window_opens_at  timestamptz,
    window_closes_at timestamptz,
    area             text        NOT NULL CHECK (area IN ('INSIDE', 'OUTSIDE', 'UNCERTAIN', 'NO_AREA'))
);
CREATE INDEX check_ins_person ON check_ins (person_id, received_at);

-- A check-in's photo, checked for type (by content) and size; served only to staff who see the person.
CREATE TABLE check_in_photos (
    check_in_id  uuid PRIMARY KEY REFERENCES check_ins (id),
    content_type text        NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    bytes        bytea       NOT NULL,
    uploaded_at  timestamptz NOT NULL DEFAULT now()
);

-- The push outbox: written in the transaction that causes a push, delivered from here by the
-- dispatcher (at least once). state PENDING → SENT, or FAILED with the reason (not delivered).
CREATE TABLE push_messages (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id       uuid        NOT NULL REFERENCES persons (id),
    kind            text        NOT NULL CHECK (kind IN ('CHECK_IN_REMINDER', 'LOCATION_CHECK', 'MESSAGE')),
    dedup_key       text UNIQUE,
    title           text        NOT NULL,
    body            text        NOT NULL,
    data            jsonb       NOT NULL DEFAULT '{}',
    high_priority   boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid REFERENCES staff (id),
    state           text        NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'SENT', 'FAILED')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    claimed_until   timestamptz,
    sent_at         timestamptz,
    device_id       text,
    fcm_message_id  text,
    failure         text
);
CREATE INDEX push_messages_due ON push_messages (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX push_messages_person ON push_messages (person_id, created_at);

-- An officer's location check (信息化核查): the phone answers with a fresh fix before due_at, else
-- LOCATION_CHECK_UNANSWERED. A late answer is kept (answered_at > due_at).
CREATE TABLE location_checks (
    id            uuid PRIMARY KEY,
    person_id     uuid        NOT NULL REFERENCES persons (id),
    requested_by  uuid        NOT NULL REFERENCES staff (id),
    requested_at  timestamptz NOT NULL,
    due_at        timestamptz NOT NULL,
    push_id       bigint REFERENCES push_messages (id),
    answered_at   timestamptz,
    device_id     text,
    fix_time      timestamptz,
    geom          geometry(Point, 4326),
    reported_lat  double precision,
    reported_lon  double precision,
    crs           text,
    accuracy_m    real,
    source        text,
    area          text CHECK (area IN ('INSIDE', 'OUTSIDE', 'UNCERTAIN', 'NO_AREA'))
);
CREATE INDEX location_checks_person ON location_checks (person_id, requested_at);
CREATE INDEX location_checks_open ON location_checks (due_at) WHERE answered_at IS NULL;
