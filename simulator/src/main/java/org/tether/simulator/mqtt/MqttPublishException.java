package org.tether.simulator.mqtt;

/** The broker did not accept a publish. */
public final class MqttPublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MqttPublishException(String deviceId, Throwable cause) {
        super(deviceId + ": publish failed: " + cause.getMessage(), cause);
    }
}
