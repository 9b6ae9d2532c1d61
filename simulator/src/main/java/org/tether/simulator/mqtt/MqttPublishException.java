package org.tether.simulator.mqtt;

/** The broker did not accept a publish. */
public final class MqttPublishException extends RuntimeException {

    public MqttPublishException(String deviceId, Throwable cause) {
        super(deviceId + ": publish failed: " + cause.getMessage(), cause);
    }
}
