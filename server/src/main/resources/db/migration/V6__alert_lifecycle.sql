-- Alert lifecycle (issue 5): acknowledgement, resolution, escalation, major incidents, an append-only
-- history written by the database itself, a change notice for every instance's live feed, leave
-- report-back (销假) and procuratorate notification records.

ALTER TABLE alerts
    ADD COLUMN acknowledged_at      timestamptz,
    ADD COLUMN acknowledged_by      uuid,
    ADD COLUMN resolved_at          timestamptz,
    ADD COLUMN resolved_by          uuid,
    ADD COLUMN resolution           text CHECK (resolution IN ('CONFIRMED_VIOLATION', 'FALSE_ALARM', 'DEVICE_FAULT', 'OTHER')),
    ADD COLUMN resolution_note      text,
    ADD COLUMN escalated_at         timestamptz,
    ADD COLUMN major_incident_at    timestamptz,
    ADD COLUMN major_incident_by    uuid;
-- A resolved alert always says how and why: an officer cannot close a tamper without a word.
ALTER TABLE alerts ADD CONSTRAINT alerts_resolution_explained CHECK (
    state <> 'RESOLVED'
    OR (resolved_at IS NOT NULL AND resolution IS NOT NULL AND length(btrim(coalesce(resolution_note, ''))) > 0));
CREATE INDEX alerts_unacknowledged ON alerts (created_at) WHERE state = 'OPEN' AND escalated_at IS NULL;
CREATE INDEX alerts_open_by_type ON alerts (type, first_seen) WHERE state <> 'RESOLVED';

-- Every change of every alert, in order, whoever made it (ingest, a watch, an officer). Rows are
-- written by the trigger below in the same transaction as the change, so the history cannot miss one.
CREATE TABLE alert_history (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id bigint      NOT NULL REFERENCES alerts (id),
    at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    action   text        NOT NULL CHECK (action IN ('RAISED', 'REPEATED', 'CONDITION_CLEARED', 'CONDITION_RETURNED',
                                                    'ACKNOWLEDGED', 'RESOLVED', 'ESCALATED', 'MARKED_MAJOR_INCIDENT')),
    actor    uuid,
    detail   text
);
CREATE INDEX alert_history_alert ON alert_history (alert_id, id);

CREATE FUNCTION tether_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER alert_history_append_only BEFORE UPDATE OR DELETE ON alert_history
    FOR EACH ROW EXECUTE FUNCTION tether_refuse_change();

CREATE FUNCTION tether_alert_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO alert_history (alert_id, action, detail) VALUES (NEW.id, 'RAISED', NEW.rule);
    ELSE
        IF NEW.occurrences > OLD.occurrences THEN
            INSERT INTO alert_history (alert_id, action, detail)
            VALUES (NEW.id, 'REPEATED', 'occurrence ' || NEW.occurrences || ': ' || NEW.rule);
        END IF;
        IF NEW.condition_cleared_at IS NOT NULL AND OLD.condition_cleared_at IS NULL THEN
            INSERT INTO alert_history (alert_id, action, detail)
            VALUES (NEW.id, 'CONDITION_CLEARED', 'condition ended at ' || NEW.condition_cleared_at);
        ELSIF NEW.condition_cleared_at IS NULL AND OLD.condition_cleared_at IS NOT NULL THEN
            INSERT INTO alert_history (alert_id, action) VALUES (NEW.id, 'CONDITION_RETURNED');
        END IF;
        IF NEW.state = 'ACKNOWLEDGED' AND OLD.state = 'OPEN' THEN
            INSERT INTO alert_history (alert_id, action, actor) VALUES (NEW.id, 'ACKNOWLEDGED', NEW.acknowledged_by);
        END IF;
        IF NEW.state = 'RESOLVED' AND OLD.state <> 'RESOLVED' THEN
            INSERT INTO alert_history (alert_id, action, actor, detail)
            VALUES (NEW.id, 'RESOLVED', NEW.resolved_by, NEW.resolution || ': ' || NEW.resolution_note);
        END IF;
        IF NEW.escalated_at IS NOT NULL AND OLD.escalated_at IS NULL THEN
            INSERT INTO alert_history (alert_id, action, detail)
            VALUES (NEW.id, 'ESCALATED', 'unacknowledged since ' || NEW.created_at);
        END IF;
        IF NEW.major_incident_at IS NOT NULL AND OLD.major_incident_at IS NULL THEN
            INSERT INTO alert_history (alert_id, action, actor)
            VALUES (NEW.id, 'MARKED_MAJOR_INCIDENT', NEW.major_incident_by);
        END IF;
    END IF;
    -- Delivered at commit, to every instance: the live feed follows the database, not one process.
    PERFORM pg_notify('tether_alert_changed', NEW.id::text);
    RETURN NEW;
END $$;
CREATE TRIGGER alerts_changed AFTER INSERT OR UPDATE ON alerts
    FOR EACH ROW EXECUTE FUNCTION tether_alert_changed();

-- 销假: the person reported back from leave. Until then an ended leave is overdue.
ALTER TABLE leave_permits
    ADD COLUMN reported_back_at timestamptz,
    ADD COLUMN reported_back_by uuid;
CREATE INDEX leave_permits_not_back ON leave_permits (ends_at) WHERE reported_back_at IS NULL;

-- What the agency owes the procuratorate (检察院). One per alert at most; delivery is the
-- notification issue's (status, attempts, receipts are added there).
CREATE TABLE procuratorate_notifications (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id  uuid        NOT NULL REFERENCES persons (id),
    alert_id   bigint UNIQUE REFERENCES alerts (id),
    kind       text        NOT NULL,
    summary    text        NOT NULL,
    created_by uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    status     text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED'))
);
