-- The staff console's API (issue 8): sign-in lock-out, zone edits and retirement with history.

-- Consecutive failed sign-ins per user name. Keyed by the name as typed, whether or not an account has
-- it, so a locked name answers the same for both and the lock holds across instances and restarts.
-- failures counts attempts since the last success (an attempt is counted before its password check,
-- so parallel guesses cannot overshoot the limit); locked_until is set when the limit is reached.
CREATE TABLE staff_signin_failures (
    username     text PRIMARY KEY,
    failures     integer     NOT NULL CHECK (failures >= 0),
    locked_until timestamptz,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Zones are edited in place (their id is what persons, leaves and alerts refer to); every earlier
-- shape is kept in zone_versions. A retired zone stays for the alerts that cite it but no longer
-- counts for anyone.
ALTER TABLE zones
    ADD COLUMN version    integer     NOT NULL DEFAULT 1,
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN retired_at timestamptz,
    ADD COLUMN retired_by uuid REFERENCES staff (id);
UPDATE zones SET updated_at = created_at;

CREATE TABLE zone_versions (
    zone_id     uuid        NOT NULL REFERENCES zones (id),
    version     integer     NOT NULL,
    name        text        NOT NULL,
    kind        text        NOT NULL,
    geom        geometry(Geometry, 4326) NOT NULL,
    radius_m    double precision,
    valid_from  timestamptz NOT NULL,
    valid_until timestamptz NOT NULL,
    PRIMARY KEY (zone_id, version)
);

-- The shape before every edit (each edit is a version, even one that changes nothing), whatever code
-- path made it; the edit's author is in audit_log.
CREATE FUNCTION zones_keep_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO zone_versions (zone_id, version, name, kind, geom, radius_m, valid_from, valid_until)
    VALUES (OLD.id, OLD.version, OLD.name, OLD.kind, OLD.geom, OLD.radius_m, OLD.updated_at, now());
    RETURN NEW;
END $$;
CREATE TRIGGER zones_keep_version AFTER UPDATE OF name, kind, geom, radius_m ON zones
    FOR EACH ROW EXECUTE FUNCTION zones_keep_version();

CREATE FUNCTION zone_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'zone_versions is append-only';
END $$;
CREATE TRIGGER zone_versions_append_only BEFORE UPDATE OR DELETE ON zone_versions
    FOR EACH ROW EXECUTE FUNCTION zone_versions_append_only();
CREATE TRIGGER zone_versions_no_truncate BEFORE TRUNCATE ON zone_versions
    FOR EACH STATEMENT EXECUTE FUNCTION zone_versions_append_only();
