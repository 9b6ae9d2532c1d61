package org.tether.geofence.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tether.geofence.geo.GeoPoint;

class PersonStateCodecTest {

    private static final Instant T = Instant.parse("2025-03-03T14:00:00.123456789Z");
    private static final String EXCLUSION_KEY = UUID.nameUUIDFromBytes("victim".getBytes()).toString();

    private static PersonGeofenceState roundTrip(PersonGeofenceState s) {
        return PersonStateCodec.decode(PersonStateCodec.encode(s));
    }

    /** Three tracks: settled, pending with every field set, and a fresh one moving out of UNKNOWN. */
    private static PersonGeofenceState threeTracks() {
        return new PersonGeofenceState(T, GeoPoint.of(30.2741, 120.1551), 12.5, Map.of(
                PersonGeofenceState.INCLUSION_TRACK, new ZoneTrack(Presence.INSIDE, null, 0, null),
                PersonGeofenceState.CURFEW_TRACK, new ZoneTrack(Presence.OUTSIDE, Presence.INSIDE, 2,
                        Instant.parse("2025-03-03T13:58:00.250Z")),
                EXCLUSION_KEY, new ZoneTrack(Presence.UNKNOWN, Presence.OUTSIDE, 1, Instant.parse("2025-03-03T13:59:00Z"))));
    }

    @Test
    void theInitialStateRoundTrips() {
        PersonGeofenceState back = roundTrip(PersonGeofenceState.INITIAL);
        assertEquals(PersonGeofenceState.INITIAL, back);
        assertEquals(null, back.lastAcceptedTime());
        assertEquals(null, back.lastAcceptedPosition());
        assertTrue(back.tracks().isEmpty());
    }

    @Test
    void aStateWithSeveralTracksAndPendingAndNullFieldsRoundTrips() {
        PersonGeofenceState s = threeTracks();
        PersonGeofenceState back = roundTrip(s);
        assertEquals(s, back);
        // Field by field, so a failure says what was lost.
        assertEquals(T, back.lastAcceptedTime(), "nanoseconds of the last accepted time are kept");
        assertEquals(GeoPoint.of(30.2741, 120.1551), back.lastAcceptedPosition());
        assertEquals(12.5, back.lastAcceptedAccuracy());
        assertEquals(new ZoneTrack(Presence.INSIDE, null, 0, null), back.track(PersonGeofenceState.INCLUSION_TRACK));
        assertEquals(new ZoneTrack(Presence.OUTSIDE, Presence.INSIDE, 2, Instant.parse("2025-03-03T13:58:00.250Z")),
                back.track(PersonGeofenceState.CURFEW_TRACK));
        assertEquals(new ZoneTrack(Presence.UNKNOWN, Presence.OUTSIDE, 1, Instant.parse("2025-03-03T13:59:00Z")),
                back.track(EXCLUSION_KEY));
    }

    @Test
    void tracksWithoutALastFixRoundTrip() {
        PersonGeofenceState s = new PersonGeofenceState(null, null, 0,
                Map.of("k", new ZoneTrack(Presence.OUTSIDE, null, 0, null)));
        assertEquals(s, roundTrip(s));
    }

    @Test
    void theEncodingIsDeterministicForEqualStates() {
        // Equal states built with their tracks in a different order may encode differently (map order),
        // but each decodes to an equal state, and re-encoding a decoded state is stable in size.
        byte[] a = PersonStateCodec.encode(threeTracks());
        byte[] b = PersonStateCodec.encode(roundTrip(threeTracks()));
        assertEquals(a.length, b.length);
        assertEquals(PersonStateCodec.decode(a), PersonStateCodec.decode(b));
    }

    @Test
    void aThreeTrackStateIsSmall() {
        int size = PersonStateCodec.encode(threeTracks()).length;
        // 38 bytes of last fix, 2 of count, and per track its key plus 16 bytes: 139 with a UUID key.
        assertTrue(size < 200, "encoded size " + size);
    }

    // ---------------------------------------------------------------------------------------------
    // random states

    private static Instant randomInstant(Random rnd, boolean subMillisecond) {
        // 1960–2040, so negative epoch seconds (with a positive nano part) are included.
        long seconds = -315_619_200L + (long) (rnd.nextDouble() * 2_524_608_000L);
        int nanos = subMillisecond ? rnd.nextInt(1_000_000_000) : rnd.nextInt(1000) * 1_000_000;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static String randomKey(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> PersonGeofenceState.INCLUSION_TRACK;
            case 1 -> PersonGeofenceState.CURFEW_TRACK;
            case 2 -> new UUID(rnd.nextLong(), rnd.nextLong()).toString();
            default -> "区域-" + rnd.nextInt(1000) + (rnd.nextBoolean() ? "\u0000" : "") + "\uD83D\uDE00";
        };
    }

    private static PersonGeofenceState randomState(Random rnd) {
        Presence[] presences = Presence.values();
        Map<String, ZoneTrack> tracks = new HashMap<>();
        int n = rnd.nextInt(7);
        for (int i = 0; i < n; i++) {
            Presence pending = rnd.nextInt(3) == 0 ? null : presences[rnd.nextInt(3)];
            // Fix times come from devices in whole milliseconds; pendingSince is kept to the millisecond.
            tracks.put(randomKey(rnd), new ZoneTrack(presences[rnd.nextInt(3)], pending,
                    pending == null ? 0 : rnd.nextInt(), pending == null ? null : randomInstant(rnd, false)));
        }
        if (rnd.nextInt(10) == 0) {
            return new PersonGeofenceState(null, null, 0, tracks);
        }
        GeoPoint p = GeoPoint.of(rnd.nextDouble() * 180 - 90, rnd.nextDouble() * 360 - 180);
        double accuracy = rnd.nextBoolean() ? 1 + rnd.nextInt(2000) : rnd.nextDouble() * 1e4;
        return new PersonGeofenceState(randomInstant(rnd, true), p, accuracy, tracks);
    }

    @Test
    void aThousandRandomStatesRoundTrip() {
        Random rnd = new Random(1234);
        int tracks = 0;
        int negativeEpoch = 0;
        for (int i = 0; i < 1_000; i++) {
            PersonGeofenceState s = randomState(rnd);
            byte[] bytes = PersonStateCodec.encode(s);
            PersonGeofenceState back = PersonStateCodec.decode(bytes);
            assertEquals(s, back, "state " + i);
            // Track order follows the map's iteration order, so compare re-encodings by length only.
            assertEquals(bytes.length, PersonStateCodec.encode(back).length, "re-encoding state " + i);
            tracks += s.tracks().size();
            if (s.lastAcceptedTime() != null && s.lastAcceptedTime().getEpochSecond() < 0) {
                negativeEpoch++;
            }
        }
        assertTrue(tracks > 2_000, "tracks " + tracks);
        assertTrue(negativeEpoch > 50, "states before 1970: " + negativeEpoch);
    }

    @Test
    void extremeValuesRoundTrip() {
        Map<String, ZoneTrack> tracks = new HashMap<>();
        tracks.put("", new ZoneTrack(Presence.UNKNOWN, Presence.UNKNOWN, Integer.MIN_VALUE, Instant.ofEpochMilli(-1)));
        tracks.put("x".repeat(5_000), new ZoneTrack(Presence.INSIDE, Presence.OUTSIDE, Integer.MAX_VALUE,
                Instant.ofEpochMilli(Long.MIN_VALUE + 1)));
        for (Instant last : new Instant[] {Instant.EPOCH, Instant.ofEpochSecond(-1, 999_999_999),
                Instant.ofEpochSecond(-1, 1), Instant.ofEpochSecond(0, 1), Instant.parse("2099-12-31T23:59:59.999999999Z")}) {
            for (GeoPoint p : new GeoPoint[] {GeoPoint.of(90, 180), GeoPoint.of(-90, -180), GeoPoint.of(-0.0, 0.0)}) {
                PersonGeofenceState s = new PersonGeofenceState(last, p, Double.MIN_VALUE, tracks);
                assertEquals(s, roundTrip(s), last + " " + p);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // garbage

    private static void assertRejected(byte[] data, String what) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PersonStateCodec.decode(data), what);
        assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), what);
    }

    @Test
    void emptyAndWrongVersionAreRejected() {
        assertRejected(new byte[0], "empty");
        for (int v : new int[] {0, 2, 127, -1, -128}) {
            byte[] good = PersonStateCodec.encode(threeTracks());
            good[0] = (byte) v;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PersonStateCodec.decode(good));
            assertTrue(e.getMessage().contains("version"), e.getMessage());
        }
    }

    @Test
    void everyTruncationOfAValidEncodingIsRejected() {
        for (PersonGeofenceState s : new PersonGeofenceState[] {threeTracks(), PersonGeofenceState.INITIAL}) {
            byte[] full = PersonStateCodec.encode(s);
            for (int len = 0; len < full.length; len++) {
                assertRejected(Arrays.copyOf(full, len), "first " + len + " of " + full.length + " bytes");
            }
        }
    }

    /** Bytes laid out as the codec writes them, with any values. */
    private static byte[] raw(boolean hasLast, double lat, double lon, String key, int confirmed, int pending) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(1);
            out.writeBoolean(hasLast);
            if (hasLast) {
                out.writeLong(T.toEpochMilli());
                out.writeInt(0);
                out.writeDouble(lat);
                out.writeDouble(lon);
                out.writeDouble(10);
            }
            out.writeShort(1);
            out.writeUTF(key);
            out.writeByte(confirmed);
            out.writeByte(pending);
            out.writeInt(1);
            out.writeLong(T.toEpochMilli());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void impossibleFieldValuesAreRejected() {
        // The raw writer itself produces a valid state when the values are valid.
        assertEquals(new ZoneTrack(Presence.INSIDE, Presence.OUTSIDE, 1, Instant.ofEpochMilli(T.toEpochMilli())),
                PersonStateCodec.decode(raw(true, 30, 120, "k", 1, 2)).track("k"));
        assertRejected(raw(true, 30, 120, "k", 3, 2), "confirmed presence 3");
        assertRejected(raw(true, 30, 120, "k", -1, 2), "confirmed presence -1");
        assertRejected(raw(true, 30, 120, "k", 1, 3), "pending presence 3");
        assertRejected(raw(true, 30, 120, "k", 1, 100), "pending presence 100");
        assertRejected(raw(true, 91, 120, "k", 1, 2), "latitude 91");
        assertRejected(raw(true, 30, 180.5, "k", 1, 2), "longitude 180.5");
        assertRejected(raw(true, Double.NaN, 120, "k", 1, 2), "latitude NaN");
        // A key whose length prefix promises more bytes than there are.
        byte[] shortKey = raw(false, 0, 0, "abc", 1, 2);
        shortKey[4] = 100; // high byte of the key's length (bytes 2–3 are the track count)
        assertRejected(shortKey, "key length past the end");
        // A key that is not modified UTF-8 (0xFF never occurs in it).
        byte[] badUtf = raw(false, 0, 0, "abc", 1, 2);
        badUtf[6] = (byte) 0xFF; // the key's first byte
        assertRejected(badUtf, "0xFF in a key");
    }

    @Test
    void randomBytesAreRejectedWithIllegalArgumentExceptionAndNothingElse() {
        Random rnd = new Random(99);
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[rnd.nextInt(200)];
            rnd.nextBytes(junk);
            if (i % 2 == 0 && junk.length > 0) {
                junk[0] = 1; // half of them with the right version byte, so the rest of the decoder is exercised
            }
            try {
                PersonStateCodec.decode(junk);
                assertEquals(1, junk[0], "only bytes starting with the version can decode");
            } catch (IllegalArgumentException e) {
                rejected++;
            } catch (RuntimeException | OutOfMemoryError e) {
                fail("decode threw " + e + " for " + Arrays.toString(junk));
            }
        }
        assertTrue(rejected > 15_000, "rejected " + rejected);
    }

    @Test
    void mutatingAnyByteOfAValidEncodingNeverThrowsAnythingButIllegalArgumentException() {
        byte[] good = PersonStateCodec.encode(threeTracks());
        int rejected = 0;
        for (int i = 0; i < good.length; i++) {
            for (int v = -128; v < 128; v++) {
                byte[] mutated = good.clone();
                mutated[i] = (byte) v;
                try {
                    PersonStateCodec.decode(mutated);
                } catch (IllegalArgumentException e) {
                    rejected++;
                } catch (RuntimeException e) {
                    fail("byte " + i + " = " + v + ": " + e);
                }
            }
        }
        assertTrue(rejected > 1_000, "rejected " + rejected);
    }
}
