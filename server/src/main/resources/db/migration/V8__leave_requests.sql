-- Leave from the phone (issue 6, leave part): the person requests leave (外出请假), staff approve or
-- reject it within the approval limits, the person reports back (销假) with a fresh fix.

-- A request as the phone sent it, and its decision. Approval creates the leave permit with the same id
-- (leave_permits.id = leave_requests.id) and its destination zones in the same transaction, so one id
-- names the leave from request to report-back.
CREATE TABLE leave_requests (
    id              uuid PRIMARY KEY,
    person_id       uuid        NOT NULL REFERENCES persons (id),
    destination     text        NOT NULL CHECK (length(btrim(destination)) > 0),
    reason          text        NOT NULL CHECK (length(btrim(reason)) > 0),
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz NOT NULL CHECK (ends_at > starts_at),
    -- The destination area in WGS-84 (converted from the phone's coordinate system, validated like a
    -- zone): a polygon, or a circle's centre with area_radius_m.
    area_geom       geometry(Geometry, 4326) NOT NULL
                    CHECK (GeometryType(area_geom) IN ('POLYGON', 'MULTIPOLYGON', 'POINT')),
    area_radius_m   double precision CHECK (area_radius_m > 0),
    corridor_geom   geometry(Geometry, 4326) CHECK (GeometryType(corridor_geom) IN ('POLYGON', 'MULTIPOLYGON')),
    -- What the phone sent (coordinates in its system), for the officer to compare with a map.
    submitted       jsonb       NOT NULL,
    device_id       text,
    requested_at    timestamptz NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING'
                    CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED')),
    decided_at      timestamptz,
    decided_by      uuid REFERENCES staff (id),
    decision_note   text,
    CHECK ((GeometryType(area_geom) = 'POINT') = (area_radius_m IS NOT NULL)),
    -- A rejection always says why; a decision always says who and when.
    CHECK (status <> 'REJECTED' OR length(btrim(coalesce(decision_note, ''))) > 0),
    CHECK (status NOT IN ('APPROVED', 'REJECTED') OR (decided_at IS NOT NULL AND decided_by IS NOT NULL))
);
CREATE INDEX leave_requests_person ON leave_requests (person_id, requested_at);
CREATE INDEX leave_requests_pending ON leave_requests (requested_at) WHERE status = 'PENDING';

-- Who approved a permit (null for permits made before this migration).
ALTER TABLE leave_permits
    ADD COLUMN approved_by uuid REFERENCES staff (id),
    ADD COLUMN reported_back_area text CHECK (reported_back_area IN ('INSIDE', 'UNCERTAIN', 'NO_AREA'));

-- Every report-back (销假) the phone sent, accepted or not: a refused one (the fix was outside the
-- person's inclusion area) is evidence too.
CREATE TABLE leave_report_backs (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    leave_id     uuid        NOT NULL REFERENCES leave_permits (id),
    person_id    uuid        NOT NULL REFERENCES persons (id),
    received_at  timestamptz NOT NULL,
    device_id    text        NOT NULL,
    fix_time     timestamptz NOT NULL,
    geom         geometry(Point, 4326) NOT NULL,
    reported_lat double precision NOT NULL,
    reported_lon double precision NOT NULL,
    crs          text        NOT NULL,
    accuracy_m   real        NOT NULL,
    source       text        NOT NULL,
    area         text        NOT NULL CHECK (area IN ('INSIDE', 'OUTSIDE', 'UNCERTAIN', 'NO_AREA')),
    accepted     boolean     NOT NULL
);
CREATE INDEX leave_report_backs_leave ON leave_report_backs (leave_id, id);

-- The decision's push to the phone (approved / rejected).
ALTER TABLE push_messages DROP CONSTRAINT push_messages_kind_check;
ALTER TABLE push_messages ADD CONSTRAINT push_messages_kind_check
    CHECK (kind IN ('CHECK_IN_REMINDER', 'LOCATION_CHECK', 'MESSAGE', 'LEAVE_DECISION'));
