package org.tether.geofence.eval;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.tether.geofence.geo.GeoPoint;

/**
 * A compact binary form of {@link PersonGeofenceState}, so the server can persist each person's
 * hysteresis state with the fixes that produced it and restore it after a restart without raising
 * or losing a transition. Versioned: a state written by an older version is still read.
 *
 * <p>Stateless and thread-safe. A typical state (three tracks, one keyed by a zone id) encodes to
 * about 140 bytes. Track start times are kept to the millisecond, as devices report them.
 */
public final class PersonStateCodec {

    private static final byte VERSION = 1;

    private PersonStateCodec() {
    }

    public static byte[] encode(PersonGeofenceState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            boolean hasLast = state.lastAcceptedTime() != null;
            out.writeBoolean(hasLast);
            if (hasLast) {
                out.writeLong(state.lastAcceptedTime().toEpochMilli());
                out.writeInt(state.lastAcceptedTime().getNano() % 1_000_000);
                out.writeDouble(state.lastAcceptedPosition().lat());
                out.writeDouble(state.lastAcceptedPosition().lon());
                out.writeDouble(state.lastAcceptedAccuracy());
            }
            out.writeShort(state.tracks().size());
            for (Map.Entry<String, ZoneTrack> e : state.tracks().entrySet()) {
                ZoneTrack t = e.getValue();
                out.writeUTF(e.getKey());
                out.writeByte(t.confirmed().ordinal());
                out.writeByte(t.pending() == null ? -1 : t.pending().ordinal());
                out.writeInt(t.pendingFixes());
                out.writeLong(t.pendingSince() == null ? Long.MIN_VALUE : t.pendingSince().toEpochMilli());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a state this codec wrote */
    public static PersonGeofenceState decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown geofence state version " + version);
            }
            Instant last = null;
            GeoPoint position = null;
            double accuracy = 0;
            if (in.readBoolean()) {
                long millis = in.readLong();
                int subMilliNanos = in.readInt();
                last = Instant.ofEpochMilli(millis).plusNanos(subMilliNanos);
                position = new GeoPoint(in.readDouble(), in.readDouble());
                accuracy = in.readDouble();
            }
            int n = in.readUnsignedShort();
            Map<String, ZoneTrack> tracks = new HashMap<>(n * 2);
            Presence[] presences = Presence.values();
            for (int i = 0; i < n; i++) {
                String key = in.readUTF();
                Presence confirmed = presences[in.readByte()];
                byte pending = in.readByte();
                int count = in.readInt();
                long since = in.readLong();
                tracks.put(key, pending < 0 && count == 0 && since == Long.MIN_VALUE ? ZoneTrack.settled(confirmed)
                        : new ZoneTrack(confirmed, pending < 0 ? null : presences[pending], count,
                                since == Long.MIN_VALUE ? null : Instant.ofEpochMilli(since)));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("trailing bytes after a geofence state");
            }
            return new PersonGeofenceState(last, position, accuracy, tracks);
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a geofence state", e);
        }
    }
}
