-- Geofence engine: circles, home zones, curfews, leave permits, and persisted per-person state.

-- A circle is its centre point plus a radius in metres (true metres on the ellipsoid, as PostGIS
-- geography measures them); every other zone is a polygon or multipolygon.
ALTER TABLE zones ADD COLUMN radius_m double precision;
ALTER TABLE zones DROP CONSTRAINT zones_geom_check;
ALTER TABLE zones ADD CONSTRAINT zones_shape_check CHECK (
    (radius_m IS NULL AND GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON'))
    OR (radius_m > 0 AND GeometryType(geom) = 'POINT'));
ALTER TABLE zones DROP CONSTRAINT zones_kind_check;
ALTER TABLE zones ADD CONSTRAINT zones_kind_check CHECK (kind IN ('INCLUSION', 'EXCLUSION', 'HOME'));

-- Curfew (居家/宵禁) windows in Asia/Shanghai local time; end <= start means the window crosses midnight.
CREATE TABLE curfew_windows (
    person_id   uuid     NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    day_of_week smallint NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),  -- ISO: 1 = Monday
    start_local time     NOT NULL,
    end_local   time     NOT NULL,
    PRIMARY KEY (person_id, day_of_week, start_local)
);

-- An approved leave (外出请假): its destination zones count as allowed during [starts_at, ends_at).
CREATE TABLE leave_permits (
    id         uuid PRIMARY KEY,
    person_id  uuid        NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL CHECK (ends_at > starts_at),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX leave_permits_person ON leave_permits (person_id, ends_at);

CREATE TABLE leave_permit_zones (
    leave_id uuid NOT NULL REFERENCES leave_permits (id) ON DELETE CASCADE,
    zone_id  uuid NOT NULL REFERENCES zones (id) ON DELETE RESTRICT,
    PRIMARY KEY (leave_id, zone_id)
);

-- The geofence engine's hysteresis state per person (PersonStateCodec), written in the same
-- transaction as the fixes that produced it, read back at start.
CREATE TABLE geofence_states (
    person_id  uuid PRIMARY KEY REFERENCES persons (id) ON DELETE CASCADE,
    state      bytea       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
