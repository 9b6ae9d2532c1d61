package org.tether.simulator.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the MQTT broker listens, parsed from {@code tcp://host:port} (also {@code mqtt://host:port}
 * or bare {@code host:port}; the port defaults to 1883).
 */
public record BrokerAddress(String host, int port) {

    public static final int DEFAULT_PORT = 1883;

    public BrokerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("broker host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("broker port must be 1..65535, got " + port);
        }
    }

    public static BrokerAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("broker address is empty; expected tcp://host:port");
        }
        String trimmed = text.trim();
        String withScheme = trimmed.contains("://") ? trimmed : "tcp://" + trimmed;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a broker address: '" + text + "'; expected tcp://host:port", e);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("tcp") && !scheme.equals("mqtt")) {
            throw new IllegalArgumentException("unsupported broker scheme '" + scheme
                    + "' in '" + text + "'; expected tcp://host:port");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in broker address '" + text + "'; expected tcp://host:port");
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("unexpected path in broker address '" + text + "'; expected tcp://host:port");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new BrokerAddress(host, uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort());
    }

    @Override
    public String toString() {
        return "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
