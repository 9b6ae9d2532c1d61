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
 * @param adminUsername the Tether administrator the demo signs in as to set up its organisation
 * @param adminPassword that administrator's password
 */
public record DemoOptions(URI server, BrokerAddress broker, MqttCredentials credentials, Duration interval,
                          Duration duration, Duration healthWait, DemoSettings scenario, String adminUsername,
                          String adminPassword) {

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DemoOptions[server=" + server + ", broker=" + broker + ", adminUsername=" + adminUsername + "]";
    }

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
