package org.tether.gateway.decode;

import java.time.Instant;
import java.util.Objects;

/**
 * One device event, validated.
 *
 * @param seq the device's sequence number, or null
 * @param battery battery percent at the time, or null
 * @param detail free text from the device (vendor code, message), bounded in length; or null
 */
public record DeviceEvent(Long seq, Instant time, DeviceEventType type, Integer battery, String detail) {

    public DeviceEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
    }
}
