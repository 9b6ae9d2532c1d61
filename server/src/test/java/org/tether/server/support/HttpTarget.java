package org.tether.server.support;

import java.net.http.HttpClient;

/**
 * Where a blocking test client sends its requests: the server's scheme and port, and a JDK client that
 * trusts the server's certificate when it speaks HTTPS.
 */
public record HttpTarget(String scheme, int port, HttpClient client) {

    private static final HttpClient PLAIN = HttpClient.newHttpClient();

    public static HttpTarget plain(int port) {
        return new HttpTarget("http", port, PLAIN);
    }

    /** HTTPS, trusting only the test certificate (whose names are 127.0.0.1 and localhost). */
    public static HttpTarget tls(int port, TestCertificate certificate) {
        return new HttpTarget("https", port, HttpClient.newBuilder().sslContext(certificate.sslContext()).build());
    }

    public String base() {
        return scheme + "://127.0.0.1:" + port;
    }
}
