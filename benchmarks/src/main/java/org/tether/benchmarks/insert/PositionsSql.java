package org.tether.benchmarks.insert;

/** The {@code positions} table as the server's migrations define it, and the statements the methods run. */
final class PositionsSql {

    private PositionsSql() {
    }

    /** server/src/main/resources/db/migration/V1__backbone.sql (positions part) and V3__gateway.sql (its index). */
    static final String DDL = """
            CREATE EXTENSION IF NOT EXISTS postgis;

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

            CREATE INDEX positions_device_seq ON positions (device_id, seq, fix_time) WHERE seq IS NOT NULL;
            """;

    /** Verbatim from org.tether.server.ingest.PositionWriter (method a). */
    static final String SERVER_UNNEST = """
            INSERT INTO positions (device_id, person_id, received_at, seq, fix_time, geom, reported_lat, reported_lon,
                                   crs, accuracy_m, source, speed_mps, heading_deg, altitude_m, battery_pct, charging,
                                   fix_class)
            SELECT u.dev, u.person, u.recv, u.seq, u.fix_time, ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326), u.rlat,
                   u.rlon, u.crs, u.acc, u.src, u.spd, u.hdg, u.alt, u.batt, u.chg, u.cls
              FROM unnest($1::text[], $2::uuid[], $3::timestamptz[], $4::int8[], $5::timestamptz[], $6::float8[],
                          $7::float8[], $8::float8[], $9::float8[], $10::text[], $11::float8[], $12::text[],
                          $13::float8[], $14::float8[], $15::float8[], $16::int4[], $17::bool[], $18::text[])
                   AS u(dev, person, recv, seq, fix_time, lat, lon, rlat, rlon, crs, acc, src, spd, hdg, alt, batt, chg, cls)
             WHERE u.seq IS NULL OR NOT EXISTS (
                   SELECT 1 FROM positions p
                    WHERE p.device_id = u.dev AND p.seq = u.seq
                      AND p.fix_time BETWEEN u.fix_time - interval '1 hour' AND u.fix_time + interval '1 hour')
            ON CONFLICT DO NOTHING""";

    /** Method a0: the same unnest without the sequence-number check (ON CONFLICT only, as b and d). */
    static final String UNNEST_UNIQUE_ONLY = SERVER_UNNEST.substring(0, SERVER_UNNEST.indexOf(" WHERE u.seq IS NULL"))
            + "ON CONFLICT DO NOTHING";

    /** Method b (Vert.x executeBatch, one tuple per row), with the casts the unnest arrays carry. */
    static final String VALUES_VERTX = """
            INSERT INTO positions (device_id, person_id, received_at, seq, fix_time, geom, reported_lat, reported_lon,
                                   crs, accuracy_m, source, speed_mps, heading_deg, altitude_m, battery_pct, charging,
                                   fix_class)
            VALUES ($1::text, $2::uuid, $3::timestamptz, $4::int8, $5::timestamptz,
                    ST_SetSRID(ST_MakePoint($7::float8, $6::float8), 4326), $8::float8, $9::float8, $10::text,
                    $11::float8, $12::text, $13::float8, $14::float8, $15::float8, $16::int4, $17::bool, $18::text)
            ON CONFLICT DO NOTHING""";

    /** Method d (pgjdbc batch with reWriteBatchedInserts=true): the same statement with JDBC placeholders. */
    static final String VALUES_JDBC = """
            INSERT INTO positions (device_id, person_id, received_at, seq, fix_time, geom, reported_lat, reported_lon,
                                   crs, accuracy_m, source, speed_mps, heading_deg, altitude_m, battery_pct, charging,
                                   fix_class)
            VALUES (?::text, ?::uuid, ?::timestamptz, ?::int8, ?::timestamptz,
                    ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326), ?::float8, ?::float8, ?::text,
                    ?::float8, ?::text, ?::float8, ?::float8, ?::float8, ?::int4, ?::bool, ?::text)
            ON CONFLICT DO NOTHING""";

    /** The columns COPY writes, in {@link BinaryCopyEncoder}'s order (id is generated). */
    static final String COPY_COLUMNS = "device_id, person_id, seq, fix_time, received_at, geom, reported_lat, reported_lon, "
            + "crs, accuracy_m, source, speed_mps, heading_deg, altitude_m, battery_pct, charging, fix_class";

    /** Method c: straight into positions (no dedup possible: one duplicate fails the whole batch). */
    static final String COPY_POSITIONS = "COPY positions (" + COPY_COLUMNS + ") FROM STDIN (FORMAT binary)";

    /**
     * Method c': a session's staging table with the COPY columns of {@code positions}, emptied at each
     * commit (no WAL, no indexes; constraints are checked when rows move on into positions).
     */
    static final String CREATE_STAGE = "CREATE TEMP TABLE positions_stage ON COMMIT DELETE ROWS AS SELECT "
            + COPY_COLUMNS + " FROM positions WITH NO DATA";

    static final String COPY_STAGE = "COPY positions_stage (" + COPY_COLUMNS + ") FROM STDIN (FORMAT binary)";

    /** Method c': from the staging table with the server's full dedup (seq check + ON CONFLICT). */
    static final String STAGE_TO_POSITIONS = """
            INSERT INTO positions (""" + COPY_COLUMNS + """
            )
            SELECT u.device_id, u.person_id, u.seq, u.fix_time, u.received_at, u.geom, u.reported_lat, u.reported_lon,
                   u.crs, u.accuracy_m, u.source, u.speed_mps, u.heading_deg, u.altitude_m, u.battery_pct, u.charging,
                   u.fix_class
              FROM positions_stage u
             WHERE u.seq IS NULL OR NOT EXISTS (
                   SELECT 1 FROM positions p
                    WHERE p.device_id = u.device_id AND p.seq = u.seq
                      AND p.fix_time BETWEEN u.fix_time - interval '1 hour' AND u.fix_time + interval '1 hour')
            ON CONFLICT DO NOTHING""";

    /**
     * Everything stored, as text, in key order: equal fingerprints mean equal rows whatever the method (floats print
     * exactly, geometry as hex EWKB).
     */
    static final String FINGERPRINT = """
            SELECT count(*),
                   count(*) FILTER (WHERE ST_SRID(geom) = 4326 AND GeometryType(geom) = 'POINT'),
                   md5(string_agg(concat_ws('|', device_id, person_id, seq, fix_time, received_at, geom::text,
                                            reported_lat, reported_lon, crs, accuracy_m, source, speed_mps, heading_deg,
                                            altitude_m, battery_pct, charging, fix_class), E'\\n'
                                  ORDER BY device_id, fix_time))
              FROM positions""";
}
