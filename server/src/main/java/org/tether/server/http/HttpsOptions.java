package org.tether.server.http;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PfxOptions;
import org.tether.server.config.TetherConfig.HttpConfig;
import org.tether.server.config.TetherConfig.TlsConfig;

/**
 * The HTTP listener's options from {@code http.*}: plain HTTP, or HTTPS with the PEM files or PKCS#12
 * keystore of {@code http.tls} ({@link org.tether.server.config.ConfigLoader} has checked that exactly one
 * is given and readable; the key material itself is parsed when the listener starts, which then fails
 * the server's start with the configuration keys named).
 */
public final class HttpsOptions {

    private HttpsOptions() {
    }

    public static HttpServerOptions of(HttpConfig http) {
        HttpServerOptions options = new HttpServerOptions().setHost(http.host()).setPort(http.port());
        TlsConfig tls = http.tls();
        if (tls == null || !tls.enabled()) {
            return options;
        }
        options.setSsl(true);
        if (tls.usesPem()) {
            options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certificateFile()).setKeyPath(tls.keyFile()));
        } else {
            options.setKeyCertOptions(new PfxOptions().setPath(tls.keyStoreFile()).setPassword(tls.keyStorePassword()));
        }
        return options;
    }

    /** What to call the listener in logs and errors. */
    public static String scheme(HttpConfig http) {
        return http.tls() != null && http.tls().enabled() ? "https" : "http";
    }
}
