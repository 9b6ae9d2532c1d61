package org.tether.simulator.cli.phone;

import java.time.Clock;
import org.tether.simulator.geo.GeoPoint;
import org.tether.simulator.phone.PhoneFix;
import picocli.CommandLine.Option;

/** Where a one-shot command says the phone is (a mixin): the fix it sends is taken now. */
public final class FixOptions {

    @Option(names = "--lat", paramLabel = "DEG", defaultValue = "30.2741",
            description = "Latitude of the fix, WGS-84 (default: ${DEFAULT-VALUE}).")
    double lat;

    @Option(names = "--lon", paramLabel = "DEG", defaultValue = "120.1551",
            description = "Longitude of the fix, WGS-84 (default: ${DEFAULT-VALUE}).")
    double lon;

    @Option(names = "--accuracy", paramLabel = "M", defaultValue = "10",
            description = "Claimed accuracy in metres, 68 %% radius (default: ${DEFAULT-VALUE}).")
    double accuracy;

    /** A GNSS fix taken now, or an {@link IllegalArgumentException} naming the bad option. */
    PhoneFix fix(Clock clock) {
        try {
            new GeoPoint(lat, lon);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--lat/--lon: " + e.getMessage());
        }
        if (!(accuracy > 0 && accuracy <= 100_000)) {
            throw new IllegalArgumentException("--accuracy must be above 0 and at most 100000 m, got " + accuracy);
        }
        return new PhoneFix(clock.millis(), lat, lon, "WGS84", accuracy, "GNSS");
    }
}
