package org.tether.simulator.run;

import java.net.URI;
import java.time.Duration;
import org.tether.simulator.mqtt.BrokerAddress;
import org.tether.simulator.mqtt.MqttCredentials;
import org.tether.simulator.scenario.DemoSettings;

/**
 * Everything the demo run needs.
 *
 * @param server       base URL of the staff HTTP API
 * @param broker       MQTT broker devices publish to
 * @param credentials  broker credentials, usually none
 * @param interval     time between fixes of each device
 * @param duration     how long to run; zero = until stopped
 * @param healthWait   how long to wait for the server to become healthy
 * @param scenario     the scenario's own settings
 */
public record DemoOptions(URI server, BrokerAddress broker, MqttCredentials credentials, Duration interval,
                          Duration duration, Duration healthWait, DemoSettings scenario) {

    public DemoOptions {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
    }

    public boolean runsUntilStopped() {
        return duration.isZero();
    }

    public double intervalSeconds() {
        return interval.toNanos() / 1e9;
    }
}
