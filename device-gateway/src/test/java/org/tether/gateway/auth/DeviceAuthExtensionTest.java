package org.tether.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tether.gateway.broker.EmbeddedBroker;
import org.tether.gateway.broker.EmbeddedBrokerSettings;

/**
 * The extension in a real embedded HiveMQ with real MQTT 5 (and some MQTT 3.1.1) clients. One broker for the
 * class: starting HiveMQ takes seconds.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeviceAuthExtensionTest {

    private static final long WAIT_SECONDS = 10;
    /** How long to watch for a message that must not arrive (after the broker has already answered it). */
    private static final long ABSENCE_MILLIS = 500;

    private static final byte[] PEPPER = "test-pepper".getBytes(StandardCharsets.UTF_8);
    private static final CredentialHasher HASHER = new CredentialHasher(CredentialHasher.DEFAULT_ITERATIONS, PEPPER);

    private static final InMemoryCredentialDirectory directory = new InMemoryCredentialDirectory();
    private static final List<AutoCloseable> cleanups = new ArrayList<>();

    private static DeviceAuthExtension extension;
    private static EmbeddedBroker broker;

    /** The gateway's service account, subscribed to tether/# and owntracks/#. */
    private static final BlockingQueue<Mqtt5Publish> serviceReceived = new LinkedBlockingQueue<>();

    private static final String BR1 = "BR-000001";
    private static final String BR2 = "BR-000002";
    private static final String PHONE = "alice.phone";
    private static String br1Secret;
    private static String br2Secret;
    private static String phoneSecret;
    private static String acmeSecret;
    private static String otherVendorSecret;
    private static String serviceSecret;

    @BeforeAll
    static void startBroker() {
        br1Secret = register(new MqttPrincipal.Device(BR1));
        br2Secret = register(new MqttPrincipal.Device(BR2));
        phoneSecret = register(new MqttPrincipal.Device(PHONE));
        acmeSecret = register(new MqttPrincipal.Vendor("acme"));
        otherVendorSecret = register(new MqttPrincipal.Vendor("other"));
        serviceSecret = register(new MqttPrincipal.Service("gateway"));
        directory.giveDevice("acme", "VX-1");
        directory.giveDevice("other", "VY-1");

        extension = new DeviceAuthExtension(directory, HASHER,
                DeviceAuthSettings.defaults().withVerifier(2, 64, Duration.ofSeconds(10)));
        broker = EmbeddedBroker.create(EmbeddedBrokerSettings.forTests(freePort()), Optional.of(extension));
        broker.start().join();
        assertTrue(extension.isStarted(), "extension started with the broker");

        final Mqtt5AsyncClient service = client("service:gateway:main");
        assertConnected(connect(service, "service:gateway", serviceSecret));
        join(service.subscribeWith().topicFilter("tether/#").qos(MqttQos.AT_LEAST_ONCE)
                .callback(serviceReceived::add).send());
        join(service.subscribeWith().topicFilter("owntracks/#").qos(MqttQos.AT_LEAST_ONCE)
                .callback(serviceReceived::add).send());
    }

    @AfterAll
    static void stopBroker() {
        for (AutoCloseable c : cleanups) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        if (broker != null) {
            broker.close();
        }
        if (extension != null) {
            System.out.println("DeviceAuthExtension stats: " + extension.stats());
            assertFalse(extension.isStarted(), "stopped with the broker");
        }
    }

    @BeforeEach
    void clearReceived() {
        serviceReceived.clear();
    }

    // --- authentication

    @Test
    void deviceWithRightSecretConnects() {
        final String id = "BR-100001";
        final String secret = register(new MqttPrincipal.Device(id));
        final long verificationsBefore = extension.stats().verifications();
        final Mqtt5AsyncClient device = client(id);
        assertConnected(connect(device, id, secret));
        assertEquals(verificationsBefore + 1, extension.stats().verifications(), "PBKDF2 ran on the verifier");
        join(device.disconnect());
    }

    @Test
    void wrongSecretUnknownUserAndMissingCredentialsAreRefused() {
        assertEquals(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD,
                refusal(connect(client(BR1), BR1, br2Secret)), "wrong secret");
        assertEquals(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD,
                refusal(connect(client("BR-999999"), "BR-999999", br1Secret)), "unknown user");
        assertEquals(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD,
                refusal(client(BR1).connectWith().send()), "no credentials");
        assertEquals(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD,
                refusal(client(BR1).connectWith().simpleAuth().username(BR1).applySimpleAuth().send()),
                "user name without password");
        assertEquals(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD,
                refusal(client(BR1).connectWith().simpleAuth().username(BR1)
                        .password(new byte[] {(byte) 0xff, (byte) 0xfe}).applySimpleAuth().send()),
                "password not UTF-8");
    }

    @Test
    void mqtt3ClientsAreRefusedToo() throws Exception {
        final Mqtt3AsyncClient device = mqtt3Client(BR1);
        final CompletableFuture<?> connack = device.connectWith().simpleAuth().username(BR1)
                .password("wrong".getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
        final Throwable error = failure(connack);
        assertInstanceOf(Mqtt3ConnAckException.class, error);
        assertEquals(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD,
                ((Mqtt3ConnAckException) error).getMqttMessage().getReturnCode());
    }

    @Test
    void clientIdentifierMustBeTheDevicesOwn() {
        // BR1 is online; BR2, with its own valid secret, must not take over BR1's session
        final Mqtt5AsyncClient br1 = client(BR1);
        assertConnected(connect(br1, BR1, br1Secret));
        assertEquals(Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID, refusal(connect(client(BR1), BR2, br2Secret)));
        assertEquals(Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                refusal(connect(client("something-else"), BR2, br2Secret)));
        assertEquals(Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                refusal(connect(client("gateway-1"), "service:gateway", serviceSecret)));
        sleep(200);
        assertEquals(MqttClientState.CONNECTED, br1.getState(), "BR1 was not kicked off");
    }

    @Test
    void directoryMustReturnThePrincipalOfTheRequestedUserName() {
        final String secret = CredentialHasher.generateSecret();
        directory.putUnderUsername("BR-555555", new MqttPrincipal.Device("BR-666666"), HASHER.hash(secret.toCharArray()));
        assertEquals(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD,
                refusal(connect(client("BR-555555"), "BR-555555", secret)));
    }

    @Test
    void successfulVerificationsAreCachedButNotAcrossRekeyOrRevocation() {
        final String id = "BR-777777";
        final String first = register(new MqttPrincipal.Device(id));
        final Mqtt5AsyncClient a = client(id);
        assertConnected(connect(a, id, first));
        join(a.disconnect());

        final DeviceAuthExtension.Stats before = extension.stats();
        final Mqtt5AsyncClient b = client(id);
        assertConnected(connect(b, id, first));
        join(b.disconnect());
        final DeviceAuthExtension.Stats after = extension.stats();
        assertEquals(before.cacheHits() + 1, after.cacheHits(), "second login from the cache");
        assertEquals(before.verifications(), after.verifications(), "no PBKDF2 for the second login");

        // re-keyed: the old secret no longer works although it is cached, the new one does
        final String second = register(new MqttPrincipal.Device(id));
        assertEquals(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD, refusal(connect(client(id), id, first)));
        final Mqtt5AsyncClient c = client(id);
        assertConnected(connect(c, id, second));
        join(c.disconnect());

        // revoked: refused although the secret is cached
        directory.remove(id);
        assertEquals(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD, refusal(connect(client(id), id, second)));
    }

    // --- device publishing

    @Test
    void devicePublishingToItsOwnFixesReachesTheService() {
        final Mqtt5AsyncClient device = client(BR1);
        assertConnected(connect(device, BR1, br1Secret));
        final String payload = unique();
        assertNull(publishError(device, "tether/v1/devices/" + BR1 + "/fixes", payload));
        assertReceived(serviceReceived, "tether/v1/devices/" + BR1 + "/fixes", payload);
        join(device.disconnect());
    }

    @Test
    void devicePublishingToAnotherDevicesTopicIsRefusedAndDisconnected() {
        final BlockingQueue<Throwable> disconnects = new LinkedBlockingQueue<>();
        final Mqtt5AsyncClient device = client(BR1, disconnects);
        assertConnected(connect(device, BR1, br1Secret));
        final String payload = unique();

        final Throwable error = publishError(device, "tether/v1/devices/" + BR2 + "/fixes", payload);
        assertPubAck(Mqtt5PubAckReasonCode.NOT_AUTHORIZED, error);
        // ... and then HiveMQ closes the connection with DISCONNECT NOT_AUTHORIZED
        assertDisconnectedBecause(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED, disconnects);
        assertNotReceived(serviceReceived, payload);
    }

    @Test
    void deviceMayNotPublishCommandsOrVendorTopics() {
        for (String topic : List.of("tether/v1/devices/" + BR1 + "/commands", "tether/v1/devices/" + BR1 + "/other",
                "tether/v1/vendors/acme/devices/" + BR1 + "/fixes", "owntracks/BR-000001/x")) {
            final Mqtt5AsyncClient device = client(BR1);
            assertConnected(connect(device, BR1, br1Secret));
            final String payload = unique();
            assertPubAck(Mqtt5PubAckReasonCode.NOT_AUTHORIZED, publishError(device, topic, payload));
            assertNotReceived(serviceReceived, payload);
        }
    }

    @Test
    void mqtt3DevicePublishingToAnotherDevicesTopicIsDisconnected() {
        final Mqtt3AsyncClient device = mqtt3Client(BR1);
        join(device.connectWith().simpleAuth().username(BR1).password(br1Secret.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send());
        final String payload = unique();
        final CompletableFuture<?> publish = device.publishWith().topic("tether/v1/devices/" + BR2 + "/fixes")
                .qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8)).send();
        assertNotNull(failure(publish), "no PUBACK: the connection was closed");
        awaitState(device.getState()::isConnected, false);
        assertNotReceived(serviceReceived, payload);
    }

    @Test
    void ownTracksPhonePublishesUnderItsOwnTracksTopicOnly() {
        final Mqtt5AsyncClient phone = client(PHONE);
        assertConnected(connect(phone, PHONE, phoneSecret));
        final String location = unique();
        assertNull(publishError(phone, "owntracks/alice/phone", location));
        assertReceived(serviceReceived, "owntracks/alice/phone", location);
        final String event = unique();
        assertNull(publishError(phone, "owntracks/alice/phone/event", event));
        assertReceived(serviceReceived, "owntracks/alice/phone/event", event);
        final String fix = unique();
        assertNull(publishError(phone, "tether/v1/devices/alice.phone/fixes", fix));
        assertReceived(serviceReceived, "tether/v1/devices/alice.phone/fixes", fix);

        final String foreign = unique();
        assertPubAck(Mqtt5PubAckReasonCode.NOT_AUTHORIZED, publishError(phone, "owntracks/bob/phone", foreign));
        assertNotReceived(serviceReceived, foreign);
    }

    // --- subscribing

    @Test
    void deviceCannotSubscribeBeyondItsOwnCommands() {
        final Mqtt5AsyncClient device = client(BR1);
        assertConnected(connect(device, BR1, br1Secret));
        for (String filter : List.of("tether/#", "#", "tether/v1/devices/+/fixes", "owntracks/#", "owntracks/+/+",
                "tether/v1/devices/" + BR2 + "/commands/#", "tether/v1/devices/" + BR1 + "/fixes",
                "$share/g/tether/v1/devices/" + BR1 + "/commands/#")) {
            assertEquals(List.of(Mqtt5SubAckReasonCode.NOT_AUTHORIZED), subAckCodes(device, filter), filter);
        }
        assertEquals(MqttClientState.CONNECTED, device.getState(), "refused subscriptions do not disconnect");
        assertEquals(List.of(Mqtt5SubAckReasonCode.GRANTED_QOS_1),
                subAckCodes(device, "tether/v1/devices/" + BR1 + "/commands/#"));
        assertEquals(List.of(Mqtt5SubAckReasonCode.GRANTED_QOS_1),
                subAckCodes(device, "tether/v1/devices/" + BR1 + "/commands/reboot"));
        join(device.disconnect());
    }

    @Test
    void serviceSubscribesThroughASharedSubscriptionButCannotPublish() {
        final Mqtt5AsyncClient service = client("service:gateway:shared-1");
        assertConnected(connect(service, "service:gateway", serviceSecret));
        final BlockingQueue<Mqtt5Publish> shared = new LinkedBlockingQueue<>();
        final Mqtt5SubAck subAck = join(service.subscribeWith()
                .topicFilter("$share/group/tether/v1/devices/+/fixes").qos(MqttQos.AT_LEAST_ONCE)
                .callback(shared::add).send());
        assertEquals(List.of(Mqtt5SubAckReasonCode.GRANTED_QOS_1), subAck.getReasonCodes());
        assertEquals(List.of(Mqtt5SubAckReasonCode.GRANTED_QOS_1), subAckCodes(service, "$share/other/owntracks/#"));

        final Mqtt5AsyncClient device = client(BR2);
        assertConnected(connect(device, BR2, br2Secret));
        final String payload = unique();
        assertNull(publishError(device, "tether/v1/devices/" + BR2 + "/fixes", payload));
        assertReceived(shared, "tether/v1/devices/" + BR2 + "/fixes", payload);
        join(device.disconnect());

        final String forged = unique();
        assertPubAck(Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
                publishError(service, "tether/v1/devices/" + BR2 + "/fixes", forged));
        assertNotReceived(serviceReceived, forged);
    }

    // --- vendors

    @Test
    void vendorPublishesForItsOwnDevicesOnly() {
        final BlockingQueue<Throwable> disconnects = new LinkedBlockingQueue<>();
        final Mqtt5AsyncClient acme = client("vendor:acme:bridge-1", disconnects);
        assertConnected(connect(acme, "vendor:acme", acmeSecret));

        final String own = unique();
        assertNull(publishError(acme, "tether/v1/vendors/acme/devices/VX-1/fixes", own));
        assertReceived(serviceReceived, "tether/v1/vendors/acme/devices/VX-1/fixes", own);

        // another vendor's device under acme's own prefix: dropped by the interceptor, connection stays up
        final long droppedBefore = extension.stats().droppedVendorPublishes();
        final String foreign = unique();
        assertPubAck(Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
                publishError(acme, "tether/v1/vendors/acme/devices/VY-1/fixes", foreign));
        assertEquals(droppedBefore + 1, extension.stats().droppedVendorPublishes());
        assertNotReceived(serviceReceived, foreign);
        assertEquals(MqttClientState.CONNECTED, acme.getState());
        final String ownAgain = unique();
        assertNull(publishError(acme, "tether/v1/vendors/acme/devices/VX-1/events", ownAgain));
        assertReceived(serviceReceived, "tether/v1/vendors/acme/devices/VX-1/events", ownAgain);

        // another vendor's prefix: refused by the default permissions, which disconnect
        final String otherPrefix = unique();
        assertPubAck(Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
                publishError(acme, "tether/v1/vendors/other/devices/VY-1/fixes", otherPrefix));
        assertDisconnectedBecause(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED, disconnects);
        assertNotReceived(serviceReceived, otherPrefix);
    }

    @Test
    void mqtt3VendorPublishForAForeignDeviceIsAcknowledgedAndDropped() {
        final Mqtt3AsyncClient other = mqtt3Client("vendor:other");
        join(other.connectWith().simpleAuth().username("vendor:other")
                .password(otherVendorSecret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send());
        final String foreign = unique();
        join(other.publishWith().topic("tether/v1/vendors/other/devices/VX-1/fixes").qos(MqttQos.AT_LEAST_ONCE)
                .payload(foreign.getBytes(StandardCharsets.UTF_8)).send());
        assertNotReceived(serviceReceived, foreign);
        assertTrue(other.getState().isConnected(), "MQTT 3 vendor stays connected");
        final String own = unique();
        join(other.publishWith().topic("tether/v1/vendors/other/devices/VY-1/status").qos(MqttQos.AT_LEAST_ONCE)
                .payload(own.getBytes(StandardCharsets.UTF_8)).send());
        assertReceived(serviceReceived, "tether/v1/vendors/other/devices/VY-1/status", own);
        join(other.disconnect());
    }

    // --- Will

    @Test
    void willOnOwnStatusTopicIsAcceptedAndDelivered() {
        final String will = unique();
        final Mqtt5AsyncClient device = client(BR2);
        assertConnected(withCredentials(device.connectWith(), BR2, br2Secret)
                .willPublish().topic("tether/v1/devices/" + BR2 + "/status").qos(MqttQos.AT_LEAST_ONCE)
                .payload(will.getBytes(StandardCharsets.UTF_8)).applyWillPublish()
                .send());
        join(device.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send());
        assertReceived(serviceReceived, "tether/v1/devices/" + BR2 + "/status", will);
    }

    @Test
    void willElsewhereIsRefused() {
        for (String topic : List.of("tether/v1/devices/" + BR1 + "/status", "tether/v1/devices/" + BR2 + "/fixes",
                "owntracks/x/y")) {
            final Mqtt5AsyncClient device = client(BR2);
            final CompletableFuture<?> connack = withCredentials(device.connectWith(), BR2, br2Secret)
                    .willPublish().topic(topic).payload(new byte[] {1}).applyWillPublish().send();
            assertEquals(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED, refusal(connack), topic);
        }
        final Mqtt5AsyncClient acme = client("vendor:acme");
        assertEquals(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED, refusal(withCredentials(acme.connectWith(), "vendor:acme",
                acmeSecret).willPublish().topic("tether/v1/vendors/acme/devices/VY-1/status").payload(new byte[] {1})
                .applyWillPublish().send()), "vendor Will for a device it does not own");
    }

    // --- helpers

    private static String register(MqttPrincipal principal) {
        final String secret = CredentialHasher.generateSecret();
        directory.put(principal, HASHER.hash(secret.toCharArray()));
        return secret;
    }

    private static Mqtt5AsyncClient client(String clientId) {
        return client(clientId, new LinkedBlockingQueue<>());
    }

    private static Mqtt5AsyncClient client(String clientId, BlockingQueue<Throwable> disconnects) {
        final Mqtt5AsyncClient client = Mqtt5Client.builder()
                .identifier(clientId)
                .serverHost(broker.host())
                .serverPort(broker.port())
                .addDisconnectedListener(context -> disconnects.add(context.getCause()))
                .buildAsync();
        cleanups.add(() -> {
            if (client.getState().isConnected()) {
                client.disconnect().get(5, TimeUnit.SECONDS);
            }
        });
        return client;
    }

    private static Mqtt3AsyncClient mqtt3Client(String clientId) {
        final Mqtt3AsyncClient client = Mqtt3Client.builder()
                .identifier(clientId).serverHost(broker.host()).serverPort(broker.port()).buildAsync();
        cleanups.add(() -> {
            if (client.getState().isConnected()) {
                client.disconnect().get(5, TimeUnit.SECONDS);
            }
        });
        return client;
    }

    private static Mqtt5ConnectBuilder.Send<CompletableFuture<Mqtt5ConnAck>> withCredentials(
            Mqtt5ConnectBuilder.Send<CompletableFuture<Mqtt5ConnAck>> builder, String username, String secret) {
        return builder.simpleAuth().username(username).password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
    }

    private static CompletableFuture<Mqtt5ConnAck> connect(Mqtt5AsyncClient client, String username, String secret) {
        return withCredentials(client.connectWith(), username, secret).send();
    }

    private static void assertConnected(CompletableFuture<?> connack) {
        join(connack);
    }

    private static Mqtt5ConnAckReasonCode refusal(CompletableFuture<?> connack) {
        final Throwable error = failure(connack);
        if (!(error instanceof Mqtt5ConnAckException e)) {
            throw new AssertionError("expected a refused CONNACK, got " + error, error);
        }
        return e.getMqttMessage().getReasonCode();
    }

    /** The error of a QoS 1 publish (PUBACK with an error code, or a closed connection), null on success. */
    private static Throwable publishError(Mqtt5AsyncClient client, String topic, String payload) {
        final CompletableFuture<Mqtt5PublishResult> result = client.publishWith().topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8)).send();
        try {
            return result.get(WAIT_SECONDS, TimeUnit.SECONDS).getError().orElse(null);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no answer to PUBLISH " + topic, e);
        }
    }

    private static void assertPubAck(Mqtt5PubAckReasonCode expected, Throwable error) {
        if (!(error instanceof Mqtt5PubAckException e)) {
            throw new AssertionError("expected PUBACK " + expected + ", got " + error, error);
        }
        assertEquals(expected, e.getMqttMessage().getReasonCode());
    }

    private static List<Mqtt5SubAckReasonCode> subAckCodes(Mqtt5AsyncClient client, String filter) {
        final CompletableFuture<Mqtt5SubAck> subAck = client.subscribeWith().topicFilter(filter)
                .qos(MqttQos.AT_LEAST_ONCE).callback(p -> { }).send();
        try {
            return List.copyOf(subAck.get(WAIT_SECONDS, TimeUnit.SECONDS).getReasonCodes());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Mqtt5SubAckException s) {
                return List.copyOf(s.getMqttMessage().getReasonCodes());
            }
            throw new AssertionError("SUBSCRIBE " + filter + " failed", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no SUBACK for " + filter, e);
        }
    }

    private static void assertDisconnectedBecause(Mqtt5DisconnectReasonCode expected, BlockingQueue<Throwable> disconnects) {
        final Throwable cause;
        try {
            cause = disconnects.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertNotNull(cause, "client was not disconnected");
        if (!(cause instanceof Mqtt5DisconnectException d)) {
            throw new AssertionError("expected a DISCONNECT from the broker, got " + cause, cause);
        }
        assertEquals(expected, d.getMqttMessage().getReasonCode());
    }

    private static void assertReceived(BlockingQueue<Mqtt5Publish> queue, String topic, String payload) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        try {
            while (System.nanoTime() < deadline) {
                final Mqtt5Publish p = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (p != null && payload.equals(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))) {
                    assertEquals(topic, p.getTopic().toString());
                    return;
                }
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        fail("not received on " + topic + ": " + payload);
    }

    private static void assertNotReceived(BlockingQueue<Mqtt5Publish> queue, String payload) {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ABSENCE_MILLIS);
        try {
            while (System.nanoTime() < deadline) {
                final Mqtt5Publish p = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (p != null && payload.equals(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))) {
                    fail("must not be delivered: " + p.getTopic() + " " + payload);
                }
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitState(java.util.function.BooleanSupplier state, boolean expected) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (state.getAsBoolean() != expected) {
            if (System.nanoTime() > deadline) {
                fail("state did not become " + expected);
            }
            sleep(20);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    private static Throwable failure(CompletableFuture<?> future) {
        try {
            final Object value = future.get(WAIT_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    private static String unique() {
        return UUID.randomUUID().toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
