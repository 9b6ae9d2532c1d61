package org.tether.simulator.mqtt;

import java.util.concurrent.CompletableFuture;

/** One device's connection to the broker. */
public interface DeviceUplink extends AutoCloseable {

    String deviceId();

    /** Connects (completes exceptionally if the broker refuses or cannot be reached). */
    CompletableFuture<Void> connect();

    /** Publishes one fix-batch payload to the device's fix topic at QoS 1; completes when acknowledged. */
    CompletableFuture<Void> publishFixes(byte[] payload);

    /** Disconnects cleanly; never throws. */
    @Override
    void close();
}
