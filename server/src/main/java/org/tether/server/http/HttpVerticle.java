package org.tether.server.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/** Serves the router built by {@link StaffApi}, over plain HTTP or HTTPS ({@link HttpsOptions}). */
public final class HttpVerticle extends VerticleBase {

    private final HttpServerOptions options;
    private final Supplier<Router> router;
    private HttpServer server;

    public HttpVerticle(String host, int port, Supplier<Router> router) {
        this(new HttpServerOptions().setHost(host).setPort(port), router);
    }

    public HttpVerticle(HttpServerOptions options, Supplier<Router> router) {
        this.options = new HttpServerOptions(options);
        this.router = router;
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(options).requestHandler(router.get()).listen()
                .recover(e -> Future.failedFuture(options.isSsl()
                        ? new IllegalStateException("the HTTPS listener did not start on " + options.getHost() + ":"
                                + options.getPort() + " (check http.tls.certificateFile/keyFile or keyStoreFile/"
                                + "keyStorePassword): " + e.getMessage(), e)
                        : e))
                .onSuccess(s -> server = s);
    }

    /** The bound port (useful when configured as 0). */
    public int actualPort() {
        return server.actualPort();
    }
}
