package org.tether.simulator.device;

import org.tether.simulator.geo.LocalFrame;
import org.tether.simulator.movement.MovementState;

/**
 * A worn or carried device that turns its wearer's true movement into fixes with increasing
 * sequence numbers. Not thread-safe; one thread drives a device at a time.
 */
public final class SimulatedDevice {

    private static final double ROUND_DEGREES = 1e7;
    private static final double ROUND_TENTHS = 10;

    private final String deviceId;
    private final DeviceKind kind;
    private final GnssSensor sensor;
    private final Battery battery;
    private final double altitudeM;
    private long seq;

    public SimulatedDevice(String deviceId, DeviceKind kind, GnssSensor sensor, Battery battery, double altitudeM,
                           long firstSeq) {
        this.deviceId = deviceId;
        this.kind = kind;
        this.sensor = sensor;
        this.battery = battery;
        this.altitudeM = altitudeM;
        this.seq = firstSeq;
    }

    public String deviceId() {
        return deviceId;
    }

    public DeviceKind kind() {
        return kind;
    }

    /** The next fix of the wearer's current state, taken at {@code timeMillis}. */
    public Fix takeFix(LocalFrame frame, MovementState state, long timeMillis, double secondsSinceLast) {
        battery.run(secondsSinceLast);
        GnssSensor.Reading reading = sensor.read(frame, state.position());
        return new Fix(
                seq++,
                timeMillis,
                round(reading.position().lat(), ROUND_DEGREES),
                round(reading.position().lon(), ROUND_DEGREES),
                Crs.WGS84,
                round(reading.accuracyM(), ROUND_TENTHS),
                FixSource.GNSS,
                round(state.speedMps(), ROUND_TENTHS),
                roundHeading(state.headingDeg()),
                round(altitudeM, ROUND_TENTHS),
                battery.percent(),
                battery.charging());
    }

    /** Heading in tenths of a degree, within [0, 360). */
    private static double roundHeading(double deg) {
        double h = round(deg, ROUND_TENTHS);
        return h >= 360 || h < 0 ? 0 : h;
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }
}
