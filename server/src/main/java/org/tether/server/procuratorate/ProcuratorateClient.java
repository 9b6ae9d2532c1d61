package org.tether.server.procuratorate;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.tether.server.config.TetherConfig.ProcuratorateConfig;

/**
 * POSTs one notification to the procuratorate's endpoint (HTTPS, non-blocking) with its idempotency key,
 * a timestamp and the HMAC signature, and reports what happened: the status code, or the error (refused
 * connection, TLS failure, timeout). It never follows redirects: a notification goes where it is configured
 * to go, or nowhere.
 */
public final class ProcuratorateClient implements AutoCloseable {

    private final HttpClientAgent http;
    private final ProcuratorateConfig config;
    private final NotificationSignature signature;
    private final Clock clock;
    private final Vertx vertx;

    public ProcuratorateClient(Vertx vertx, ProcuratorateConfig config, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.clock = clock;
        this.signature = new NotificationSignature(config.sharedSecret());
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout(config.connectTimeoutMillis())
                .setSslHandshakeTimeout(config.connectTimeoutMillis())
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
                .setVerifyHost(true)
                .setKeepAlive(true);
        if (config.trustCertFile() != null && !config.trustCertFile().isBlank()) {
            options.setTrustOptions(new PemTrustOptions().addCertPath(config.trustCertFile()));
        }
        this.http = vertx.createHttpClient(options);
    }

    /** The longest one attempt can take (connect, then the response trickling in up to the deadline). */
    public long maxAttemptMillis() {
        return config.connectTimeoutMillis() + 2L * config.timeoutMillis();
    }

    public Future<NotificationOutbox.Attempt> post(NotificationOutbox.Claimed c) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        byte[] body = c.body().getBytes(StandardCharsets.UTF_8);
        long timestamp = started.getEpochSecond();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(config.url())
                .setFollowRedirects(false)
                .setConnectTimeout(config.connectTimeoutMillis())
                .setIdleTimeout(config.timeoutMillis())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader(NotificationSignature.IDEMPOTENCY_HEADER, c.key().toString())
                .putHeader(NotificationSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .putHeader(NotificationSignature.HEADER, signature.sign(timestamp, body))
                .putHeader("User-Agent", "tether-procuratorate-sender/1");
        return http.request(request)
                .compose(req -> {
                    // A response that keeps trickling in defeats the idle timeout: a hard deadline resets it.
                    long deadline = vertx.setTimer(2L * config.timeoutMillis(), t -> req.reset(0,
                            new java.util.concurrent.TimeoutException("no complete answer within "
                                    + 2L * config.timeoutMillis() + " ms")));
                    return req.send(Buffer.buffer(body))
                            .compose(resp -> resp.body().map(b -> resp.statusCode()))
                            .onComplete(ar -> vertx.cancelTimer(deadline));
                })
                .map(status -> new NotificationOutbox.Attempt(started, elapsed(t0), status, null))
                .recover(e -> Future.succeededFuture(new NotificationOutbox.Attempt(started, elapsed(t0), null,
                        describe(e))));
    }

    private static long elapsed(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        String text = e.getClass().getSimpleName() + message;
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    @Override
    public void close() {
        http.close();
    }
}
