package org.tether.simulator.phone;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.tether.simulator.device.Fix;

/**
 * A fix as the phone API takes it in a check-in or an answer ({@code components.schemas.Fix}): the same
 * values as an MQTT fix, without the telemetry.
 *
 * @param time epoch milliseconds
 */
@JsonPropertyOrder({"time", "lat", "lon", "crs", "accuracy", "source"})
public record PhoneFix(long time, double lat, double lon, String crs, double accuracy, String source) {

    public static PhoneFix of(Fix fix) {
        return new PhoneFix(fix.time(), fix.lat(), fix.lon(), fix.crs().name(), fix.accuracy(), fix.source().name());
    }
}
