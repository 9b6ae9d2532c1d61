package org.tether.simulator.mqtt;

/** Makes an uplink per device, so scenarios do not care how devices reach the broker. */
@FunctionalInterface
public interface DeviceUplinkFactory {

    /**
     * @param login the device's own MQTT login as issued by Tether at registration; empty to use the
     *     factory's default (e.g. the --mqtt-username option, or none)
     */
    DeviceUplink create(String deviceId, java.util.Optional<MqttCredentials> login);
}
