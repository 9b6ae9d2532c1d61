package org.tether.gateway.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * One broker for the whole class: starting and stopping HiveMQ takes seconds. The last test stops it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedBrokerTest {

    private static final long RECEIVE_TIMEOUT_SECONDS = 10;

    private static EmbeddedBroker broker;
    private static Path baseFolder;
    private static final List<Mqtt5BlockingClient> clients = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        final int port = freePort();
        broker = EmbeddedBroker.create(EmbeddedBrokerSettings.forTests(port));
        baseFolder = broker.baseFolder();
        assertTrue(Files.isRegularFile(baseFolder.resolve("conf/config.xml")), "config.xml written");

        final Thread.UncaughtExceptionHandler handlerBefore = Thread.getDefaultUncaughtExceptionHandler();
        final long begin = System.nanoTime();
        broker.start().join();
        System.out.printf("EmbeddedBroker start took %d ms (port %d)%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin), port);
        assertTrue(broker.isRunning());
        assertEquals(port, broker.port());
        assertEquals("127.0.0.1", broker.host());
        assertSame(handlerBefore, Thread.getDefaultUncaughtExceptionHandler(),
                "HiveMQ's System.exit-ing default uncaught-exception handler must not stay installed");
    }

    @AfterAll
    static void stopBroker() {
        for (Mqtt5BlockingClient client : clients) {
            if (client.getState().isConnected()) {
                client.disconnect();
            }
        }
        if (broker != null) {
            broker.close(); // idempotent: normally already stopped by the last test
        }
    }

    @Test
    @Order(1)
    void deliversHundredQos1MessagesInOrder() throws InterruptedException {
        final String topic = "test/order/" + UUID.randomUUID();
        final Mqtt5BlockingClient subscriber = connectedClient("sub-" + UUID.randomUUID());
        final Mqtt5BlockingClient publisher = connectedClient("pub-" + UUID.randomUUID());

        final BlockingQueue<Mqtt5Publish> received = new LinkedBlockingQueue<>();
        subscriber.toAsync().publishes(MqttGlobalPublishFilter.SUBSCRIBED, received::add);
        subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();

        for (int i = 0; i < 100; i++) {
            publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload(i)).send();
        }

        for (int i = 0; i < 100; i++) {
            final Mqtt5Publish publish = received.poll(RECEIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(publish, "message " + i + " not received");
            assertEquals(topic, publish.getTopic().toString());
            assertEquals(MqttQos.AT_LEAST_ONCE, publish.getQos());
            assertEquals("msg-" + i, new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8));
        }
        assertTrue(received.isEmpty(), "no duplicates or extra messages: " + received.size());
    }

    @Test
    @Order(2)
    void nothingWasDroppedAndTheQueueIsSizedForItsPersistence() {
        assertEquals(0, broker.droppedMessages(), "a broker that dropped messages lost accepted data");
        assertTrue(EmbeddedBroker.configXml(EmbeddedBrokerSettings.forTests(1883))
                .contains("<max-queue-size>" + EmbeddedBroker.MAX_QUEUED_MESSAGES_IN_MEMORY + "</max-queue-size>"));
        assertTrue(EmbeddedBroker.configXml(EmbeddedBrokerSettings.persistent("127.0.0.1", 1883, Path.of("/tmp/x")))
                .contains("<max-queue-size>" + EmbeddedBroker.MAX_QUEUED_MESSAGES_ON_DISK + "</max-queue-size>"));
    }

    @Test
    @Order(2)
    void persistentSessionReceivesMessagesQueuedWhileOffline() throws InterruptedException {
        final String topic = "test/offline/" + UUID.randomUUID();
        final String subscriberId = "device-" + UUID.randomUUID();

        // 1) subscribe with a persistent session, then go offline
        final Mqtt5BlockingClient first = client(subscriberId);
        final Mqtt5ConnAck firstAck = first.connectWith().cleanStart(false).sessionExpiryInterval(300).send();
        assertFalse(firstAck.isSessionPresent());
        first.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        first.disconnect();

        // 2) 10 messages arrive while the subscriber is offline
        final Mqtt5BlockingClient publisher = connectedClient("pub-" + UUID.randomUUID());
        for (int i = 0; i < 10; i++) {
            publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload(i)).send();
        }

        // 3) the subscriber comes back (new client object, as after an app restart): the callback must be
        //    registered before connecting, because the queued messages follow the CONNACK immediately
        final BlockingQueue<Mqtt5Publish> received = new LinkedBlockingQueue<>();
        final Mqtt5BlockingClient second = client(subscriberId);
        second.toAsync().publishes(MqttGlobalPublishFilter.ALL, received::add);
        final Mqtt5ConnAck secondAck = second.connectWith().cleanStart(false).sessionExpiryInterval(300).send();
        assertTrue(secondAck.isSessionPresent(), "session survived the disconnect");

        for (int i = 0; i < 10; i++) {
            final Mqtt5Publish publish = received.poll(RECEIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(publish, "queued message " + i + " not received");
            assertEquals(topic, publish.getTopic().toString());
            assertEquals("msg-" + i, new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8));
        }
        assertTrue(received.isEmpty(), "no duplicates or extra messages: " + received.size());
    }

    @Test
    @Order(3)
    void stopReleasesPortAndTemporaryFolder() throws IOException {
        for (Mqtt5BlockingClient client : clients) {
            if (client.getState().isConnected()) {
                client.disconnect();
            }
        }
        final long begin = System.nanoTime();
        broker.stop().join();
        System.out.printf("EmbeddedBroker stop took %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
        assertFalse(broker.isRunning());

        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // tolerate TIME_WAIT leftovers; a LISTEN socket would still conflict
            socket.bind(new InetSocketAddress(InetAddress.getByName(broker.host()), broker.port()));
        }
        assertFalse(Files.exists(baseFolder), "temporary folder deleted: " + baseFolder);
        assertTrue(broker.start().isCompletedExceptionally(), "a stopped broker cannot be restarted");
    }

    private static Mqtt5BlockingClient client(String id) {
        final Mqtt5BlockingClient client = Mqtt5Client.builder()
                .identifier(id)
                .serverHost(broker.host())
                .serverPort(broker.port())
                .buildBlocking();
        clients.add(client);
        return client;
    }

    private static Mqtt5BlockingClient connectedClient(String id) {
        final Mqtt5BlockingClient client = client(id);
        client.connect();
        return client;
    }

    private static byte[] payload(int i) {
        return ("msg-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
