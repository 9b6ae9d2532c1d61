package org.tether.simulator.device;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One position fix as sent on the wire (see {@link FixJson}).
 *
 * @param seq      increases by one per fix per device
 * @param time     epoch milliseconds when the fix was taken
 * @param accuracy metres, radius containing the true position with ~68 % probability
 * @param speed    m/s, may be null
 * @param heading  compass degrees, may be null
 * @param altitude metres, may be null
 * @param battery  percent 0..100, may be null
 * @param charging may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"seq", "time", "lat", "lon", "crs", "accuracy", "source", "speed", "heading", "altitude",
        "battery", "charging"})
public record Fix(long seq, long time, double lat, double lon, Crs crs, double accuracy, FixSource source,
                  Double speed, Double heading, Double altitude, Integer battery, Boolean charging) {

    public Fix {
        if (crs == null || source == null) {
            throw new IllegalArgumentException("crs and source are required");
        }
        if (!(accuracy >= 0)) {
            throw new IllegalArgumentException("accuracy must not be negative, got " + accuracy);
        }
    }
}
