package org.tether.server.ingest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.tether.gateway.decode.DeviceEvent;
import org.tether.gateway.decode.DeviceFix;
import org.tether.server.registry.DeviceKind;

/**
 * One message's worth of work for the store: its decoded fixes (evaluated inside the commit, against
 * the person's locked state), its device events, and whatever was refused within it.
 *
 * @param personId null for a message that only produced dead letters
 * @param reportStored tell, per fix, whether it was new or a duplicate ({@link CommittedBatch#stored()}): the
 *     HTTPS upload answers with that; MQTT does not need it and saves the round trip's extra rows
 */
public record IngestBatch(String topic, String deviceId, DeviceKind deviceKind, UUID personId, Instant receivedAt,
                          List<DeviceFix> fixes, List<DeviceEvent> events, List<DeadLetter> refused,
                          boolean reportStored) {

    public IngestBatch {
        fixes = List.copyOf(fixes);
        events = List.copyOf(events);
        refused = List.copyOf(refused);
    }

    /** A batch that does not ask which fixes were duplicates (the MQTT path). */
    public IngestBatch(String topic, String deviceId, DeviceKind deviceKind, UUID personId, Instant receivedAt,
                       List<DeviceFix> fixes, List<DeviceEvent> events, List<DeadLetter> refused) {
        this(topic, deviceId, deviceKind, personId, receivedAt, fixes, events, refused, false);
    }

    public static IngestBatch deadLetter(DeadLetter letter) {
        return new IngestBatch(letter.topic(), letter.deviceId(), null, null, letter.receivedAt(), List.of(), List.of(),
                List.of(letter));
    }

    public int size() {
        return fixes.size() + events.size() + refused.size();
    }
}
