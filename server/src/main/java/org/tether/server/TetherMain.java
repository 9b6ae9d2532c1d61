package org.tether.server;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tether.server.config.ConfigException;
import org.tether.server.config.ConfigLoader;
import org.tether.server.config.TetherConfig;

/**
 * {@code java -jar tether-server.jar [--config tether.yaml]}; the file may also be given as
 * TETHER_CONFIG. Environment variables override any key (see tether-defaults.yaml).
 */
public final class TetherMain {

    private static final Logger LOG = LoggerFactory.getLogger(TetherMain.class);

    private TetherMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Optional<Path> file = Optional.ofNullable(System.getenv("TETHER_CONFIG")).map(Path::of);
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                file = Optional.of(Path.of(args[++i]));
            } else {
                System.err.println("usage: tether-server [--config FILE]");
                System.exit(2);
            }
        }
        TetherConfig config;
        try {
            config = new ConfigLoader().load(file, System.getenv());
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx();
        CountDownLatch stopped = new CountDownLatch(1);
        TetherServer.start(vertx, config, Clock.systemUTC())
                .onSuccess(server -> Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.stop().eventually(vertx::close).onComplete(ar -> stopped.countDown());
                    try {
                        stopped.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })))
                .onFailure(e -> {
                    LOG.error("Tether failed to start: {}", e.getMessage(), e);
                    vertx.close();
                    System.exit(1);
                });
    }
}
