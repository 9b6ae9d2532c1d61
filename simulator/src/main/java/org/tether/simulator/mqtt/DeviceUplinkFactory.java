package org.tether.simulator.mqtt;

/** Makes an uplink per device, so scenarios do not care how devices reach the broker. */
@FunctionalInterface
public interface DeviceUplinkFactory {

    DeviceUplink create(String deviceId);
}
