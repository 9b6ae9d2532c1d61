package org.tether.server.config;

import java.net.URI;
import java.net.URISyntaxException;

/** A broker address written as {@code tcp://host:port} (port defaults to 1883). */
public record MqttUrl(String host, int port) {

    public static MqttUrl parse(String url) {
        try {
            URI uri = new URI(url.trim());
            if (!"tcp".equals(uri.getScheme()) && !"mqtt".equals(uri.getScheme())) {
                throw new ConfigException("configuration key 'mqtt.url': scheme must be tcp:// (was '" + url + "')");
            }
            if (uri.getHost() == null) {
                throw new ConfigException("configuration key 'mqtt.url': no host in '" + url + "'");
            }
            return new MqttUrl(uri.getHost(), uri.getPort() < 0 ? 1883 : uri.getPort());
        } catch (URISyntaxException e) {
            throw new ConfigException("configuration key 'mqtt.url': not a URL: '" + url + "'", e);
        }
    }
}
