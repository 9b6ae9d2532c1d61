-- The backbone schema: registry seed, positions, dead letters, alerts.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE persons (
    id           uuid PRIMARY KEY,
    display_name text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- Zones are stored once and assigned to persons, so a county area shared by an office is one row.
CREATE TABLE zones (
    id         uuid PRIMARY KEY,
    name       text        NOT NULL,
    kind       text        NOT NULL CHECK (kind IN ('INCLUSION', 'EXCLUSION')),
    geom       geometry(Geometry, 4326) NOT NULL CHECK (GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON')),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX zones_geom_gist ON zones USING gist (geom);

CREATE TABLE person_zones (
    person_id uuid NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    zone_id   uuid NOT NULL REFERENCES zones (id) ON DELETE RESTRICT,
    PRIMARY KEY (person_id, zone_id)
);

CREATE TABLE devices (
    id         text PRIMARY KEY,
    kind       text        NOT NULL CHECK (kind IN ('PHONE', 'BRACELET')),
    person_id  uuid REFERENCES persons (id),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX devices_person ON devices (person_id);

-- Every accepted fix. geom is WGS-84; the position as sent is kept beside it with its system.
CREATE TABLE positions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id    text        NOT NULL,
    person_id    uuid        NOT NULL,
    seq          bigint,
    fix_time     timestamptz NOT NULL,
    received_at  timestamptz NOT NULL,
    geom         geometry(Point, 4326) NOT NULL,
    reported_lat double precision NOT NULL,
    reported_lon double precision NOT NULL,
    crs          text        NOT NULL,
    accuracy_m   real        NOT NULL,
    source       text        NOT NULL,
    speed_mps    real,
    heading_deg  real,
    altitude_m   real,
    battery_pct  smallint,
    charging     boolean,
    fix_class    text        NOT NULL,
    -- Redelivery of the same message must not double a fix.
    CONSTRAINT positions_device_time_unique UNIQUE (device_id, fix_time)
);
CREATE INDEX positions_person_time ON positions (person_id, fix_time);

-- Input we refused, kept with the reason so a vendor's bug can be found and nothing is silently lost.
CREATE TABLE dead_letters (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    received_at timestamptz NOT NULL,
    channel     text        NOT NULL,
    topic       text,
    device_id   text,
    reason      text        NOT NULL,
    detail      text        NOT NULL,
    payload     bytea       NOT NULL
);
CREATE INDEX dead_letters_reason ON dead_letters (reason, received_at);

CREATE TABLE alerts (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id             uuid        NOT NULL REFERENCES persons (id),
    type                  text        NOT NULL,
    severity              text        NOT NULL CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    state                 text        NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
    -- One open alert per person and condition (type + zone): repeats update it.
    dedup_key             text        NOT NULL,
    zone_id               uuid REFERENCES zones (id),
    first_seen            timestamptz NOT NULL,
    last_seen             timestamptz NOT NULL,
    occurrences           integer     NOT NULL DEFAULT 1,
    condition_cleared_at  timestamptz,
    rule                  text        NOT NULL,
    evidence_position_ids bigint[]    NOT NULL DEFAULT '{}',
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX alerts_one_open_per_condition ON alerts (person_id, dedup_key) WHERE state <> 'RESOLVED';
CREATE INDEX alerts_recent ON alerts (updated_at DESC);
