package org.tether.benchmarks.insert;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Rows of {@link FixRows} in PostgreSQL's binary COPY format ({@code COPY … FROM STDIN (FORMAT binary)}), columns
 * as {@link PositionsSql#COPY_COLUMNS}: the 19-byte header ({@code PGCOPY\n\377\r\n\0}, flags, extension length),
 * per row a 16-bit field count then per field a 32-bit length (-1 = NULL) and the value in the type's binary
 * send/receive form, big-endian; a 16-bit -1 trailer. geometry goes as EWKB (the geometry type's receive function
 * reads it): point with the SRID flag, SRID 4326, x = lon, y = lat.
 */
final class BinaryCopyEncoder {

    static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    static final int FIELDS = 17;
    /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01 00:00 UTC. */
    static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    static final int EWKB_POINT_SRID = 0x20000001;
    static final int EWKB_POINT_LENGTH = 1 + 4 + 4 + 8 + 8;

    private ByteBuffer buf = ByteBuffer.allocate(1 << 20);

    /** Encodes rows [from, to) into a complete COPY stream; the answer is valid until the next call. */
    ByteBuffer encode(FixRows r, int from, int to) {
        buf.clear();
        ensure(19);
        buf.put(SIGNATURE).putInt(0).putInt(0);
        for (int i = from; i < to; i++) {
            ensure(2 + FIELDS * 4 + 256);
            buf.putShort((short) FIELDS);
            text(r.device[i]);
            uuid(r.person[i]);
            if (r.seq[i] == null) {
                nul();
            } else {
                buf.putInt(8).putLong(r.seq[i]);
            }
            timestamptz(r.fixTime[i]);
            timestamptz(r.receivedAt[i]);
            buf.putInt(EWKB_POINT_LENGTH).put((byte) 0).putInt(EWKB_POINT_SRID).putInt(4326)
                    .putDouble(r.lon[i]).putDouble(r.lat[i]);
            buf.putInt(8).putDouble(r.reportedLat[i]);
            buf.putInt(8).putDouble(r.reportedLon[i]);
            text(r.crs[i]);
            buf.putInt(4).putFloat((float) r.accuracy[i]);
            text(r.source[i]);
            real(r.speed[i]);
            real(r.heading[i]);
            real(r.altitude[i]);
            if (r.battery[i] == null) {
                nul();
            } else {
                buf.putInt(2).putShort(r.battery[i].shortValue());
            }
            if (r.charging[i] == null) {
                nul();
            } else {
                buf.putInt(1).put((byte) (r.charging[i] ? 1 : 0));
            }
            text(r.fixClass[i]);
        }
        ensure(2);
        buf.putShort((short) -1);
        buf.flip();
        return buf;
    }

    private void text(String s) {
        // the values here are ASCII; a general encoder would size UTF-8 first
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ensure(4 + b.length);
        buf.putInt(b.length).put(b);
    }

    private void uuid(UUID u) {
        buf.putInt(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
    }

    private void timestamptz(OffsetDateTime t) {
        long micros = t.toEpochSecond() * 1_000_000L + t.getNano() / 1_000 - PG_EPOCH_MICROS;
        buf.putInt(8).putLong(micros);
    }

    private void real(Double v) {
        if (v == null) {
            nul();
        } else {
            buf.putInt(4).putFloat(v.floatValue());
        }
    }

    private void nul() {
        buf.putInt(-1);
    }

    private void ensure(int more) {
        if (buf.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more));
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }
}
