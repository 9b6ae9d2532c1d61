package org.tether.benchmarks.gateway;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Many MQTT 5 client connections (HiveMQ async client) opened with bounded concurrency, retried while the broker
 * answers "busy" (the embedded broker's PBKDF2 verifier queue is bounded) or does not know the login yet (the
 * server reloads its registry a moment after the bulk provisioning), and watched: how many are up, how many
 * dropped after having been up.
 */
final class MqttConnections {

    /** One client to open. {@code username} null = anonymous; {@code willTopic} null = no Will. */
    record Spec(String clientId, String username, String password, String willTopic, byte[] willPayload) {
        static Spec anonymous(String clientId) {
            return new Spec(clientId, null, null, null, null);
        }
    }

    /** An open (or once opened) connection. */
    static final class Conn {
        final Spec spec;
        final Mqtt5AsyncClient client;
        /** Up: connected and not yet disconnected (set by the client's listeners). */
        final AtomicBoolean up;
        /** Publishes sent and not yet acknowledged (used by {@link LoadPublisher}). */
        final AtomicInteger inFlight = new AtomicInteger();

        Conn(Spec spec, Mqtt5AsyncClient client, AtomicBoolean up) {
            this.spec = spec;
            this.client = client;
            this.up = up;
        }
    }

    private final String host;
    private final int port;
    private final int keepAliveSeconds;
    private final int receiveMaximum;

    final AtomicInteger connected = new AtomicInteger();
    /** Connections lost after having been up (not counting our own DISCONNECT). */
    final AtomicLong drops = new AtomicLong();
    final LongAdder attempts = new LongAdder();
    final Map<String, LongAdder> retriedBecause = new ConcurrentHashMap<>();
    final Map<String, LongAdder> failedBecause = new ConcurrentHashMap<>();
    final Map<String, LongAdder> dropCauses = new ConcurrentHashMap<>();
    private final AtomicBoolean closing = new AtomicBoolean();

    MqttConnections(String host, int port, int keepAliveSeconds, int receiveMaximum) {
        this.host = host;
        this.port = port;
        this.keepAliveSeconds = keepAliveSeconds;
        this.receiveMaximum = receiveMaximum;
    }

    Conn create(Spec spec) {
        AtomicBoolean up = new AtomicBoolean();
        Mqtt5ClientBuilder builder = MqttClient.builder().useMqttVersion5()
                .identifier(spec.clientId())
                .serverHost(host)
                .serverPort(port)
                .transportConfig().socketConnectTimeout(20, TimeUnit.SECONDS)
                .mqttConnectTimeout(30, TimeUnit.SECONDS).applyTransportConfig()
                .addConnectedListener(ctx -> {
                    if (up.compareAndSet(false, true)) {
                        connected.incrementAndGet();
                    }
                })
                .addDisconnectedListener(ctx -> {
                    if (up.compareAndSet(true, false)) {
                        connected.decrementAndGet();
                        if (!closing.get()) {
                            drops.incrementAndGet();
                            dropCauses.computeIfAbsent(reason(ctx.getCause()), k -> new LongAdder()).increment();
                        }
                    }
                });
        return new Conn(spec, builder.buildAsync(), up);
    }

    /**
     * Opens every connection, at most {@code concurrency} CONNECTs outstanding; retryable refusals are retried
     * with back-off until {@code deadline}. Returns the connections that are up, in spec order (failed ones
     * are left out and counted in {@link #failedBecause}).
     */
    List<Conn> connectAll(List<Spec> specs, int concurrency, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        Semaphore permits = new Semaphore(concurrency);
        List<Conn> conns = new ArrayList<>(specs.size());
        List<CompletableFuture<Boolean>> results = new ArrayList<>(specs.size());
        for (Spec spec : specs) {
            Conn conn = create(spec);
            conns.add(conn);
            permits.acquire();
            CompletableFuture<Boolean> result = new CompletableFuture<>();
            results.add(result);
            attempt(conn, end, 0, result);
            result.whenComplete((ok, e) -> permits.release());
        }
        List<Conn> up = new ArrayList<>(specs.size());
        for (int i = 0; i < conns.size(); i++) {
            if (results.get(i).join()) {
                up.add(conns.get(i));
            }
        }
        return up;
    }

    private void attempt(Conn conn, long endNanos, int retry, CompletableFuture<Boolean> result) {
        attempts.increment();
        Mqtt5ConnectBuilder.Send<CompletableFuture<com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck>>
                connect = conn.client.connectWith().cleanStart(true).keepAlive(keepAliveSeconds);
        if (receiveMaximum > 0) {
            connect = connect.restrictions().receiveMaximum(receiveMaximum).applyRestrictions();
        }
        Spec spec = conn.spec;
        if (spec.username() != null) {
            connect = connect.simpleAuth().username(spec.username())
                    .password(spec.password().getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
        if (spec.willTopic() != null) {
            connect = connect.willPublish().topic(spec.willTopic()).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(spec.willPayload()).applyWillPublish();
        }
        connect.send().whenComplete((ack, error) -> {
            if (error == null) {
                result.complete(true);
                return;
            }
            String reason = reason(error);
            boolean retryable = reason.equals("SERVER_BUSY") || reason.equals("SERVER_UNAVAILABLE")
                    || reason.equals("BAD_USER_NAME_OR_PASSWORD") // the registry may not be reloaded yet
                    || reason.startsWith("timeout") || reason.startsWith("connection");
            if (retryable && System.nanoTime() < endNanos) {
                retriedBecause.computeIfAbsent(reason, k -> new LongAdder()).increment();
                long delay = Math.min(5_000, 100L << Math.min(retry, 6)) + ThreadLocalRandom.current().nextLong(100);
                CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS)
                        .execute(() -> attempt(conn, endNanos, retry + 1, result));
            } else {
                failedBecause.computeIfAbsent(reason, k -> new LongAdder()).increment();
                result.complete(false);
            }
        });
    }

    static String reason(Throwable error) {
        Throwable t = error;
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof Mqtt5ConnAckException e) {
            Mqtt5ConnAckReasonCode code = e.getMqttMessage().getReasonCode();
            return code.name();
        }
        String name = t.getClass().getSimpleName();
        if (name.contains("Timeout")) {
            return "timeout (" + name + ")";
        }
        if (name.contains("ConnectionFailed") || name.contains("ConnectionClosed")) {
            return "connection (" + name + ": " + t.getMessage() + ")";
        }
        return name + ": " + t.getMessage();
    }

    /** Disconnects all (our own DISCONNECT: no Will, not counted as a drop), waiting at most {@code timeout}. */
    void disconnectAll(List<Conn> conns, Duration timeout) {
        closing.set(true);
        List<CompletableFuture<?>> all = new ArrayList<>(conns.size());
        Semaphore permits = new Semaphore(500);
        for (Conn c : conns) {
            if (!c.client.getState().isConnected()) {
                continue;
            }
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            all.add(c.client.disconnect().whenComplete((v, e) -> permits.release()));
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // best effort: the process ends next anyway
        }
    }

    static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> out = new java.util.TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
