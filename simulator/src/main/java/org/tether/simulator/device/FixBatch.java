package org.tether.simulator.device;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The payload of one MQTT message on {@code tether/v1/devices/{deviceId}/fixes}: format version,
 * the publishing device and 1..500 fixes.
 */
@JsonPropertyOrder({"v", "deviceId", "fixes"})
public record FixBatch(int v, String deviceId, List<Fix> fixes) {

    public static final int VERSION = 1;
    public static final int MAX_FIXES = 500;

    public FixBatch {
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("deviceId is required");
        }
        fixes = List.copyOf(fixes);
        if (fixes.isEmpty() || fixes.size() > MAX_FIXES) {
            throw new IllegalArgumentException("a batch carries 1.." + MAX_FIXES + " fixes, got " + fixes.size());
        }
    }

    public static FixBatch of(String deviceId, List<Fix> fixes) {
        return new FixBatch(VERSION, deviceId, fixes);
    }
}
