package org.tether.benchmarks.gateway;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.tether.gateway.broker.EmbeddedBroker;
import org.tether.gateway.broker.EmbeddedBrokerSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded HiveMQ CE of the gateway ({@link EmbeddedBroker}: same config.xml, in-memory persistence, 500,000
 * queued messages per client) WITHOUT the device authentication extension, alone in its JVM on 127.0.0.1, for
 * {@link BrokerCeiling}: the broker gets a process of its own like Mosquitto and like the server, so the
 * ceiling and "ours" share the machine the same way. Runs until SIGTERM, or until {@code --seconds} passed.
 */
@Command(name = "EmbeddedBrokerMain", mixinStandardHelpOptions = true,
        description = "Runs the gateway's embedded HiveMQ (no auth extension, in memory) on 127.0.0.1.")
public final class EmbeddedBrokerMain implements Callable<Integer> {

    static {
        LogConfig.init();
    }

    @Option(names = "--port", required = true)
    int port;

    @Option(names = "--seconds", description = "stop by itself after this long (default ${DEFAULT-VALUE})")
    int seconds = 3600;

    public static void main(String[] args) {
        System.exit(new CommandLine(new EmbeddedBrokerMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.create(EmbeddedBrokerSettings.forTests(port));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "stop-broker"));
        broker.start().join();
        System.out.println("READY " + port);
        System.out.flush();
        stopped.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
        return 0;
    }
}
