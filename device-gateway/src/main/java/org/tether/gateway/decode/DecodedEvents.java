package org.tether.gateway.decode;

import java.util.List;

/** The events one message yielded, and the ones refused within it. */
public record DecodedEvents(String deviceId, List<DeviceEvent> events, List<Rejection> rejections) {

    public DecodedEvents {
        events = List.copyOf(events);
        rejections = List.copyOf(rejections);
    }
}
