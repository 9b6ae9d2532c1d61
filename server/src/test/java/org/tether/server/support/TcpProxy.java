package org.tether.server.support;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder that a test can cut: while down it closes every connection and refuses new ones,
 * which is what the server sees when its database host drops off the network.
 */
public final class TcpProxy implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
    private final NetServer server;
    private volatile boolean down;

    public TcpProxy(String targetHost, int targetPort) {
        NetClient client = vertx.createNetClient();
        server = vertx.createNetServer().connectHandler(in -> {
            if (down) {
                in.close();
                return;
            }
            in.pause();
            client.connect(targetPort, targetHost).onComplete(ar -> {
                if (ar.failed() || down) {
                    in.close();
                    return;
                }
                NetSocket out = ar.result();
                sockets.add(in);
                sockets.add(out);
                in.handler(out::write);
                out.handler(in::write);
                in.closeHandler(v -> out.close());
                out.closeHandler(v -> in.close());
                in.resume();
            });
        });
        Await.result(server.listen(0, "127.0.0.1"));
    }

    public int port() {
        return server.actualPort();
    }

    public void cut() {
        down = true;
        sockets.forEach(NetSocket::close);
        sockets.clear();
    }

    public void restore() {
        down = false;
    }

    @Override
    public void close() {
        Await.result(vertx.close());
    }
}
