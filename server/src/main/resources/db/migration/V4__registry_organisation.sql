-- The registry's organisation: county agencies and their justice offices, staff and their sessions,
-- supervised persons' case data, devices' binding history, electronic-monitoring orders (law Art. 29)
-- and the append-only audit trail.

-- A county-level community-correction agency (社区矫正机构, kind COUNTY_AGENCY) or one of its justice
-- offices (司法所, kind JUSTICE_OFFICE, parent = its agency). Persons belong to a justice office.
CREATE TABLE offices (
    id         uuid PRIMARY KEY,
    kind       text        NOT NULL CHECK (kind IN ('COUNTY_AGENCY', 'JUSTICE_OFFICE')),
    name       text        NOT NULL,
    parent_id  uuid REFERENCES offices (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'COUNTY_AGENCY' AND parent_id IS NULL) OR (kind = 'JUSTICE_OFFICE' AND parent_id IS NOT NULL)),
    UNIQUE (parent_id, name)
);
CREATE UNIQUE INDEX offices_agency_name ON offices (name) WHERE parent_id IS NULL;
CREATE INDEX offices_parent ON offices (parent_id);

-- Staff: an OFFICER works at a justice office; a COUNTY_SUPERVISOR and a PROCURATOR are attached to a
-- county agency (and see its justice offices); an ADMIN manages the organisation and has no office.
CREATE TABLE staff (
    id            uuid PRIMARY KEY,
    username      text        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
    display_name  text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('OFFICER', 'COUNTY_SUPERVISOR', 'PROCURATOR', 'ADMIN')),
    office_id     uuid REFERENCES offices (id),
    password_hash text        NOT NULL,
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((role = 'ADMIN') = (office_id IS NULL))
);
CREATE INDEX staff_office ON staff (office_id);

-- Bearer sessions: only the SHA-256 of the random token is stored; revocable, expiring.
CREATE TABLE staff_sessions (
    token_hash bytea PRIMARY KEY,
    staff_id   uuid        NOT NULL REFERENCES staff (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id) WHERE revoked_at IS NULL;

-- Supervised persons (社区矫正对象). Rows from before this migration have no office and are visible
-- to nobody until assigned one; the intake fields may be completed after registration.
ALTER TABLE persons
    ADD COLUMN office_id              uuid REFERENCES offices (id),
    ADD COLUMN responsible_officer_id uuid REFERENCES staff (id),
    ADD COLUMN case_type              text CHECK (case_type IN ('PROBATION', 'PAROLE', 'PUBLIC_SURVEILLANCE',
                                                               'TEMPORARY_OUTSIDE_PRISON')),
    ADD COLUMN correction_starts_on   date,
    ADD COLUMN correction_ends_on     date,
    ADD COLUMN tier                   text NOT NULL DEFAULT 'STRICT' CHECK (tier IN ('STRICT', 'NORMAL', 'LENIENT')),
    ADD COLUMN minor                  boolean NOT NULL DEFAULT false,
    ADD COLUMN id_card_number         text CHECK (id_card_number ~ '^[0-9]{17}[0-9X]$'),
    ADD COLUMN status                 text NOT NULL DEFAULT 'IN_SUPERVISION' CHECK (status IN ('IN_SUPERVISION', 'ENDED')),
    ADD COLUMN ended_on               date,
    ADD COLUMN updated_at             timestamptz NOT NULL DEFAULT now(),
    ADD CONSTRAINT persons_correction_period CHECK (correction_ends_on >= correction_starts_on);
CREATE INDEX persons_office ON persons (office_id, status);
-- One person in supervision per identity.
CREATE UNIQUE INDEX persons_id_card_in_supervision ON persons (id_card_number)
    WHERE status = 'IN_SUPERVISION' AND id_card_number IS NOT NULL;

-- Zones: shared by an office (person_id NULL; an agency's zones serve all its offices) or a person's own.
ALTER TABLE zones
    ADD COLUMN office_id uuid REFERENCES offices (id),
    ADD COLUMN person_id uuid REFERENCES persons (id) ON DELETE CASCADE;
CREATE INDEX zones_office ON zones (office_id);

-- Devices belong to an office's inventory; bound to at most one person (devices.person_id), and a
-- person has at most one bound device of each kind.
ALTER TABLE devices ADD COLUMN office_id uuid REFERENCES offices (id);
CREATE UNIQUE INDEX devices_one_kind_per_person ON devices (person_id, kind) WHERE person_id IS NOT NULL;

-- Electronic-monitoring orders (电子定位装置, law Art. 29): one of the five legal grounds, approved by
-- a county supervisor, a term of at most 3 months (Asia/Shanghai calendar). An extension is a new
-- order that starts where the one it extends ends. status ENDED = ended early (device no longer needed).
CREATE TABLE em_orders (
    id               uuid PRIMARY KEY,
    person_id        uuid        NOT NULL REFERENCES persons (id),
    ground           text        NOT NULL CHECK (ground IN ('VIOLATED_PROHIBITION_ORDER', 'LEFT_AREA_WITHOUT_APPROVAL',
                                     'REFUSED_TO_REPORT_AFTER_WARNING', 'PUBLIC_SECURITY_PENALTY',
                                     'PENDING_REVOCATION_OR_PRISON')),
    ground_detail    text,
    approved_by      uuid        NOT NULL REFERENCES staff (id),
    approved_at      timestamptz NOT NULL,
    starts_at        timestamptz NOT NULL,
    ends_at          timestamptz NOT NULL,
    extends_order_id uuid UNIQUE REFERENCES em_orders (id),
    status           text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'ENDED')),
    ended_at         timestamptz,
    ended_by         uuid REFERENCES staff (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT em_orders_term CHECK (ends_at > starts_at AND (ends_at AT TIME ZONE 'Asia/Shanghai')
        <= (starts_at AT TIME ZONE 'Asia/Shanghai') + interval '3 months')
);
CREATE INDEX em_orders_person ON em_orders (person_id, ends_at);
CREATE INDEX em_orders_ending ON em_orders (ends_at) WHERE status = 'ACTIVE';

-- Binding history: every period a device was bound to a person (unbound_at NULL = bound now), and the
-- order a bracelet was bound under.
CREATE TABLE device_bindings (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id   text        NOT NULL REFERENCES devices (id),
    person_id   uuid        NOT NULL REFERENCES persons (id),
    em_order_id uuid REFERENCES em_orders (id),
    bound_at    timestamptz NOT NULL DEFAULT now(),
    bound_by    uuid REFERENCES staff (id),
    unbound_at  timestamptz,
    unbound_by  uuid REFERENCES staff (id),
    unbind_reason text
);
CREATE UNIQUE INDEX device_bindings_current ON device_bindings (device_id) WHERE unbound_at IS NULL;
CREATE INDEX device_bindings_person ON device_bindings (person_id, bound_at);
-- Bindings that exist already become the first history rows.
INSERT INTO device_bindings (device_id, person_id, bound_at)
SELECT id, person_id, created_at FROM devices WHERE person_id IS NOT NULL;

-- The audit trail: who did what, when, to what; changes and reads of confidential data (trails).
-- Append-only: the trigger refuses UPDATE, DELETE and TRUNCATE.
CREATE TABLE audit_log (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor_id       uuid,
    actor_username text        NOT NULL,
    actor_role     text,
    action         text        NOT NULL,
    target_type    text        NOT NULL,
    target_id      text,
    office_id      uuid,
    detail         jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id, at);
CREATE INDEX audit_log_office ON audit_log (office_id, at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
