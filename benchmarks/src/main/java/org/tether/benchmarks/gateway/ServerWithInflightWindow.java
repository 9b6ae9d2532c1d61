package org.tether.benchmarks.gateway;

/**
 * A what-if launcher for {@link GatewayLoad} {@code --broker-inflight-window}: runs the unchanged server
 * ({@code org.tether.server.TetherMain}, from {@code tether-server.jar}, which must come first on the class path)
 * after raising HiveMQ CE's JVM-global internal option {@code InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES}
 * (50 by default: "the limit of unacknowledged messages that hivemq will handle, regardless of the client receive
 * maximum"), which caps the gateway's in-flight messages at 50 whatever {@code mqtt.receiveMaximum} says.
 * Reflection only, so this class links against nothing of the server's. Not the shipped server: a measurement
 * of what the one-line change in the server would buy.
 */
public final class ServerWithInflightWindow {

    private ServerWithInflightWindow() {
    }

    public static void main(String[] args) throws Exception {
        int window = Integer.parseInt(args[0]);
        Class.forName("com.hivemq.configuration.service.InternalConfigurations")
                .getField("MAX_INFLIGHT_WINDOW_SIZE_MESSAGES").setInt(null, window);
        System.out.println("HiveMQ MAX_INFLIGHT_WINDOW_SIZE_MESSAGES set to " + window);
        Class.forName("org.tether.server.TetherMain").getMethod("main", String[].class)
                .invoke(null, (Object) new String[0]);
    }
}
