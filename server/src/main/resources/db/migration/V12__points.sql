-- Points (量化积分) and the monthly assessment (每月一考核, 一公示), issue 7: an append-only ledger per
-- person, the office's monthly close and its approval, per-person results, and proposals an officer
-- decides (tier changes, sanctions). Months are calendar months in Asia/Shanghai, stored as their
-- first day.

-- One line of a person's ledger. Never changed: a mistake is fixed by a new CORRECTION entry that
-- reverses it (corrects_entry_id), so the history shows what was recorded, by whom, and what undid it.
CREATE TABLE points_entries (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id        uuid        NOT NULL REFERENCES persons (id),
    office_id        uuid        NOT NULL REFERENCES offices (id),
    month            date        NOT NULL CHECK (extract(day FROM month) = 1),
    occurred_on      date        NOT NULL,
    kind             text        NOT NULL CHECK (kind IN ('ALERT_VIOLATION', 'COMMUNITY_SERVICE', 'EDUCATION',
                                                          'COMMENDATION', 'REPRIMAND', 'WARNING',
                                                          'PUBLIC_SECURITY_PENALTY', 'CORRECTION')),
    quantity         integer     NOT NULL DEFAULT 1 CHECK (quantity >= 1),
    points           integer     NOT NULL,
    reason           text        NOT NULL CHECK (length(btrim(reason)) > 0),
    evidence_ref     text        NOT NULL CHECK (length(btrim(evidence_ref)) > 0),
    alert_id         bigint REFERENCES alerts (id),
    corrects_entry_id bigint REFERENCES points_entries (id),
    proposal_id      bigint,
    recorded_by      uuid REFERENCES staff (id),
    recorded_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    CHECK ((kind = 'CORRECTION') = (corrects_entry_id IS NOT NULL)),
    CHECK ((kind = 'ALERT_VIOLATION') = (alert_id IS NOT NULL))
);
-- An alert confirmed as a violation scores once, however often the resolution is retried.
CREATE UNIQUE INDEX points_entries_one_per_alert ON points_entries (alert_id) WHERE kind = 'ALERT_VIOLATION';
-- An entry is reversed at most once (a wrong correction is itself corrected).
CREATE UNIQUE INDEX points_entries_one_correction ON points_entries (corrects_entry_id);
CREATE INDEX points_entries_person ON points_entries (person_id, month, id);
CREATE INDEX points_entries_office_month ON points_entries (office_id, month);

CREATE TRIGGER points_entries_append_only BEFORE UPDATE OR DELETE ON points_entries
    FOR EACH ROW EXECUTE FUNCTION tether_refuse_change();
CREATE TRIGGER points_entries_no_truncate BEFORE TRUNCATE ON points_entries
    FOR EACH STATEMENT EXECUTE FUNCTION tether_refuse_change();

-- An office's month: CLOSED (results computed; may be closed again) until a county supervisor
-- APPROVES it, after which it is frozen.
CREATE TABLE assessments (
    office_id       uuid        NOT NULL REFERENCES offices (id),
    month           date        NOT NULL CHECK (extract(day FROM month) = 1),
    status          text        NOT NULL CHECK (status IN ('CLOSED', 'APPROVED')),
    first_closed_at timestamptz NOT NULL DEFAULT now(),
    closed_at       timestamptz NOT NULL DEFAULT now(),
    closed_by       uuid REFERENCES staff (id),
    closings        integer     NOT NULL DEFAULT 1,
    approved_at     timestamptz,
    approved_by     uuid REFERENCES staff (id),
    PRIMARY KEY (office_id, month),
    CHECK ((status = 'APPROVED') = (approved_at IS NOT NULL))
);

-- Refuses any change to an approved month's results and to the approval itself.
CREATE FUNCTION assessments_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'APPROVED' THEN
        RAISE EXCEPTION 'assessment % of office % is approved and frozen', OLD.month, OLD.office_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER assessments_frozen BEFORE UPDATE OR DELETE ON assessments
    FOR EACH ROW EXECUTE FUNCTION assessments_frozen();

-- One person's result in an office's month.
CREATE TABLE assessment_results (
    office_id   uuid    NOT NULL,
    month       date    NOT NULL,
    person_id   uuid    NOT NULL REFERENCES persons (id),
    base        integer NOT NULL,
    points      integer NOT NULL,
    score       integer NOT NULL,
    grade       text    NOT NULL CHECK (grade IN ('GOOD', 'PASS', 'FAIL')),
    sanctions   integer NOT NULL,
    entries     integer NOT NULL,
    tier        text    NOT NULL,
    PRIMARY KEY (office_id, month, person_id),
    FOREIGN KEY (office_id, month) REFERENCES assessments (office_id, month)
);
CREATE INDEX assessment_results_person ON assessment_results (person_id, month);

CREATE FUNCTION assessment_results_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    st text;
BEGIN
    SELECT status INTO st FROM assessments
     WHERE office_id = coalesce(NEW.office_id, OLD.office_id) AND month = coalesce(NEW.month, OLD.month);
    IF st = 'APPROVED' THEN
        RAISE EXCEPTION 'assessment results of an approved month are frozen' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER assessment_results_frozen BEFORE INSERT OR UPDATE OR DELETE ON assessment_results
    FOR EACH ROW EXECUTE FUNCTION assessment_results_frozen();

-- What the close proposes; an officer accepts or rejects it with a reason. One per person, month
-- and rule, so closing again proposes nothing twice. WITHDRAWN: a later close no longer finds the
-- ground (e.g. the reprimand was corrected) while the proposal was still pending.
CREATE TABLE proposals (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id       uuid        NOT NULL REFERENCES persons (id),
    office_id       uuid        NOT NULL REFERENCES offices (id),
    month           date        NOT NULL,
    rule            text        NOT NULL CHECK (rule IN ('FAILING_MONTHS', 'GOOD_MONTHS', 'REPEATED_REPRIMANDS',
                                                         'LOST_CONTACT')),
    kind            text        NOT NULL CHECK (kind IN ('TIER_CHANGE', 'SANCTION')),
    proposed_tier   text CHECK (proposed_tier IN ('STRICT', 'NORMAL', 'LENIENT')),
    proposed_sanction text CHECK (proposed_sanction IN ('WARNING')),
    basis           text        NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING'
                                CHECK (status IN ('PENDING', 'ACCEPTED', 'REJECTED', 'WITHDRAWN')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    decided_at      timestamptz,
    decided_by      uuid REFERENCES staff (id),
    decision_reason text,
    points_entry_id bigint REFERENCES points_entries (id),
    UNIQUE (person_id, month, rule),
    CHECK ((kind = 'TIER_CHANGE') = (proposed_tier IS NOT NULL)),
    CHECK ((kind = 'SANCTION') = (proposed_sanction IS NOT NULL)),
    CHECK ((status IN ('ACCEPTED', 'REJECTED')) = (decided_at IS NOT NULL AND length(btrim(coalesce(decision_reason, ''))) > 0))
);
CREATE INDEX proposals_office ON proposals (office_id, status, month);
ALTER TABLE points_entries ADD CONSTRAINT points_entries_proposal FOREIGN KEY (proposal_id) REFERENCES proposals (id);

-- How an office publishes its board: names in full or masked (张** ). Absent = the configured default.
CREATE TABLE office_points_settings (
    office_id   uuid PRIMARY KEY REFERENCES offices (id),
    board_names text        NOT NULL CHECK (board_names IN ('FULL', 'MASKED')),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  uuid REFERENCES staff (id)
);
