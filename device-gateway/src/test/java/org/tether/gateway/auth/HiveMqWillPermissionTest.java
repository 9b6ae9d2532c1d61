package org.tether.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tether.gateway.broker.EmbeddedBroker;
import org.tether.gateway.broker.EmbeddedBrokerSettings;

/**
 * Verifies the HiveMQ behaviour {@link DeviceAuthExtension} relies on, with a bare authenticator that grants one
 * PUBLISH permission and no Will check of its own: the default permissions also authorize the CONNECT's Will
 * (CONNACK NOT_AUTHORIZED otherwise).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HiveMqWillPermissionTest {

    @Test
    void defaultPublishPermissionsCoverTheWill() throws Exception {
        final ExtensionMain main = new ExtensionMain() {
            @Override
            public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
                final SimpleAuthenticator grantOneTopic = (authInput, authOutput) -> {
                    authOutput.getDefaultPermissions().add(Builders.topicPermission()
                            .topicFilter("allowed/topic")
                            .type(TopicPermission.PermissionType.ALLOW)
                            .activity(TopicPermission.MqttActivity.PUBLISH)
                            .build());
                    authOutput.getDefaultPermissions().setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
                    authOutput.authenticateSuccessfully();
                };
                Services.securityRegistry().setAuthenticatorProvider(providerInput -> grantOneTopic);
            }

            @Override
            public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
            }
        };
        final EmbeddedExtension probe = EmbeddedExtension.builder()
                .withId("will-permission-probe").withName("probe").withVersion("1").withAuthor("test")
                .withPriority(0).withStartPriority(0).withExtensionMain(main).build();

        try (EmbeddedBroker broker = EmbeddedBroker.create(EmbeddedBrokerSettings.forTests(freePort()), Optional.of(probe))) {
            broker.start().join();

            final Mqtt5AsyncClient allowed = client(broker, "a");
            allowed.connectWith().willPublish().topic("allowed/topic").payload(new byte[] {1}).applyWillPublish()
                    .send().get(10, TimeUnit.SECONDS);
            allowed.disconnect().get(10, TimeUnit.SECONDS);

            final Mqtt5AsyncClient denied = client(broker, "b");
            try {
                denied.connectWith().willPublish().topic("other/topic").payload(new byte[] {1}).applyWillPublish()
                        .send().get(10, TimeUnit.SECONDS);
                throw new AssertionError("CONNECT with a Will outside the permissions was accepted");
            } catch (ExecutionException e) {
                assertInstanceOf(Mqtt5ConnAckException.class, e.getCause());
                assertEquals(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED,
                        ((Mqtt5ConnAckException) e.getCause()).getMqttMessage().getReasonCode());
            }
        }
    }

    private static Mqtt5AsyncClient client(EmbeddedBroker broker, String id) {
        return Mqtt5Client.builder().identifier(id).serverHost(broker.host()).serverPort(broker.port()).buildAsync();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
