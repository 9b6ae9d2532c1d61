package org.tether.benchmarks.insert;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The fixes every method inserts: the same rows, column by column, generated once from a seed.
 *
 * <p>{@code devices} devices each report {@code rows / devices} fixes, one a minute, in rounds: row {@code i} is
 * device {@code i % devices} in round {@code i / devices}, so a batch holds fixes of many devices, as a group commit
 * of many messages does. The values are plausible for a county: positions random-walk around a home near
 * 39.95 N, 75.16 W; 95 % WGS84 (the rest GCJ02, reported position shifted); 80 % GNSS (speed, heading and altitude
 * present), 15 % WIFI, 5 % CELL (those three null); accuracy 3–60 m; battery 5–100 %, 10 % charging; 98 % ACCEPTED.
 * Bracelets (90 % of devices) send a sequence number, phones none (seq null). Every (device, fix_time) is distinct,
 * so every row is new and all {@code rows} must be stored.
 */
final class FixRows {

    static final Instant BASE = Instant.parse("2026-11-02T08:00:00Z");

    final int size;
    final String[] device;
    final UUID[] person;
    final Long[] seq;
    final OffsetDateTime[] fixTime;
    final OffsetDateTime[] receivedAt;
    final double[] lat;
    final double[] lon;
    final double[] reportedLat;
    final double[] reportedLon;
    final String[] crs;
    final double[] accuracy;
    final String[] source;
    final Double[] speed;
    final Double[] heading;
    final Double[] altitude;
    final Integer[] battery;
    final Boolean[] charging;
    final String[] fixClass;

    private FixRows(int n) {
        size = n;
        device = new String[n];
        person = new UUID[n];
        seq = new Long[n];
        fixTime = new OffsetDateTime[n];
        receivedAt = new OffsetDateTime[n];
        lat = new double[n];
        lon = new double[n];
        reportedLat = new double[n];
        reportedLon = new double[n];
        crs = new String[n];
        accuracy = new double[n];
        source = new String[n];
        speed = new Double[n];
        heading = new Double[n];
        altitude = new Double[n];
        battery = new Integer[n];
        charging = new Boolean[n];
        fixClass = new String[n];
    }

    static FixRows generate(int rows, int devices, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FixRows r = new FixRows(rows);
        String[] ids = new String[devices];
        UUID[] persons = new UUID[devices];
        long[] seqStart = new long[devices];
        int[] offsetMs = new int[devices];
        double[] curLat = new double[devices];
        double[] curLon = new double[devices];
        boolean[] gcj = new boolean[devices];
        int[] batt = new int[devices];
        for (int d = 0; d < devices; d++) {
            ids[d] = String.format("BR-%07d", d);
            persons[d] = UUID.nameUUIDFromBytes(("insert-bench-person-" + d).getBytes(StandardCharsets.UTF_8));
            seqStart[d] = rnd.nextInt(10) < 9 ? 1 + rnd.nextInt(500_000) : -1; // -1: a phone, no seq
            offsetMs[d] = rnd.nextInt(60_000);
            curLat[d] = 39.95 + (rnd.nextDouble() - 0.5) * 0.6;
            curLon[d] = -75.16 + (rnd.nextDouble() - 0.5) * 0.8;
            gcj[d] = rnd.nextInt(20) == 0;
            batt[d] = 20 + rnd.nextInt(81);
        }
        for (int i = 0; i < rows; i++) {
            int d = i % devices;
            int round = i / devices;
            curLat[d] += (rnd.nextDouble() - 0.5) * 0.002;
            curLon[d] += (rnd.nextDouble() - 0.5) * 0.002;
            batt[d] = Math.max(5, batt[d] - (rnd.nextInt(4) == 0 ? 1 : 0));
            Instant t = BASE.plusMillis(round * 60_000L + offsetMs[d]);
            r.device[i] = ids[d];
            r.person[i] = persons[d];
            r.seq[i] = seqStart[d] < 0 ? null : seqStart[d] + round;
            r.fixTime[i] = t.atOffset(ZoneOffset.UTC);
            r.receivedAt[i] = t.plusMillis(300 + rnd.nextInt(4_700)).atOffset(ZoneOffset.UTC);
            r.lat[i] = curLat[d];
            r.lon[i] = curLon[d];
            if (gcj[d]) {
                r.crs[i] = "GCJ02";
                r.reportedLat[i] = curLat[d] + 0.0021 + rnd.nextDouble() * 0.0001;
                r.reportedLon[i] = curLon[d] + 0.0045 + rnd.nextDouble() * 0.0001;
            } else {
                r.crs[i] = "WGS84";
                r.reportedLat[i] = curLat[d];
                r.reportedLon[i] = curLon[d];
            }
            int s = rnd.nextInt(100);
            if (s < 80) {
                r.source[i] = "GNSS";
                r.accuracy[i] = 3 + rnd.nextDouble() * 17;
                r.speed[i] = rnd.nextDouble() * 15;
                r.heading[i] = rnd.nextDouble() * 360;
                r.altitude[i] = 5 + rnd.nextDouble() * 120;
            } else {
                r.source[i] = s < 95 ? "WIFI" : "CELL";
                r.accuracy[i] = s < 95 ? 15 + rnd.nextDouble() * 25 : 40 + rnd.nextDouble() * 20;
            }
            r.battery[i] = batt[d];
            r.charging[i] = rnd.nextInt(10) == 0;
            int c = rnd.nextInt(1000);
            r.fixClass[i] = c < 980 ? "ACCEPTED" : c < 995 ? "LATE" : "IMPLAUSIBLE_SPEED";
        }
        return r;
    }
}
