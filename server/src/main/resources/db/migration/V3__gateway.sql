-- Device gateway: events, status, vendors and device credentials, sequence-number dedup.

-- A device re-sending a fix with the same sequence number is a duplicate even if it re-stamped the
-- time; the lookup is bounded to an hour around the fix so a device whose counter restarted after a
-- reset is not mistaken for one repeating itself.
CREATE INDEX positions_device_seq ON positions (device_id, seq, fix_time) WHERE seq IS NOT NULL;

CREATE TABLE device_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id   text        NOT NULL,
    person_id   uuid,
    seq         bigint,
    event_time  timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    type        text        NOT NULL,
    battery_pct smallint,
    detail      text,
    CONSTRAINT device_events_unique UNIQUE (device_id, type, event_time)
);
CREATE INDEX device_events_person_time ON device_events (person_id, event_time);

-- Vendor platforms that publish for their own devices (vendor bridges).
CREATE TABLE vendors (
    id          text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._-]{1,64}$'),
    name        text        NOT NULL,
    fix_format  text        NOT NULL DEFAULT 'tether-json-v1',
    secret_hash text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE devices ADD COLUMN vendor_id text REFERENCES vendors (id);
ALTER TABLE devices ADD COLUMN secret_hash text;

-- Alerts raised by device events cite those events.
ALTER TABLE alerts ADD COLUMN evidence_event_ids bigint[] NOT NULL DEFAULT '{}';
ALTER TABLE alerts ADD COLUMN device_id text;
