package org.tether.gateway.broker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how the in-process MQTT broker ({@link EmbeddedBroker}) listens and keeps its state.
 *
 * @param bindAddress address of the single MQTT TCP listener, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port        TCP port of the listener, 1..65535. Port 0 is rejected: HiveMQ would bind an
 *                    ephemeral port that it does not report back, so clients could not find it.
 * @param dataFolder  folder that holds the broker's {@code conf/}, {@code data/} and {@code extensions/}
 *                    sub-folders; kept across restarts. {@code null} means a fresh temporary folder that is
 *                    deleted when the broker stops, which is only allowed together with {@code inMemory}.
 * @param inMemory    {@code true}: sessions, queued messages and retained messages live only in memory
 *                    and are lost on stop; {@code false}: file persistence under {@code dataFolder/data}.
 */
public record EmbeddedBrokerSettings(String bindAddress, int port, Path dataFolder, boolean inMemory) {

    /** Loopback address used by {@link #forTests(int)}. */
    public static final String LOOPBACK = "127.0.0.1";

    public EmbeddedBrokerSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        bindAddress = bindAddress.strip();
        if (bindAddress.isEmpty()) {
            throw new IllegalArgumentException("bindAddress must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 1..65535, was " + port);
        }
        if (dataFolder == null && !inMemory) {
            throw new IllegalArgumentException(
                    "file persistence needs a dataFolder; a temporary folder would be deleted on stop");
        }
        if (dataFolder != null) {
            dataFolder = dataFolder.toAbsolutePath().normalize();
        }
    }

    /** In-memory broker on {@code 127.0.0.1:port} with a temporary folder that is deleted on stop. */
    public static EmbeddedBrokerSettings forTests(int port) {
        return new EmbeddedBrokerSettings(LOOPBACK, port, null, true);
    }

    /** Broker with file persistence under {@code dataFolder}, for production. */
    public static EmbeddedBrokerSettings persistent(String bindAddress, int port, Path dataFolder) {
        return new EmbeddedBrokerSettings(bindAddress, port, Objects.requireNonNull(dataFolder, "dataFolder"), false);
    }

    /** Whether the broker works in a temporary folder of its own (deleted on stop). */
    public boolean usesTemporaryFolder() {
        return dataFolder == null;
    }
}
