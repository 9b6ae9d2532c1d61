package org.tether.server.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/** Serves the router built by {@link StaffApi}. */
public final class HttpVerticle extends VerticleBase {

    private final String host;
    private final int port;
    private final Supplier<Router> router;
    private HttpServer server;

    public HttpVerticle(String host, int port, Supplier<Router> router) {
        this.host = host;
        this.port = port;
        this.router = router;
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer().requestHandler(router.get()).listen(port, host).onSuccess(s -> server = s);
    }

    /** The bound port (useful when configured as 0). */
    public int actualPort() {
        return server.actualPort();
    }
}
