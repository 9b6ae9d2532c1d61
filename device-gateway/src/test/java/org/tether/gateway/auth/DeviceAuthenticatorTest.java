package org.tether.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.client.parameter.ClientInformation;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The paths of {@link DeviceAuthenticator} that a real broker does not reach deterministically: a full verifier
 * queue and a CONNECT that timed out while queued. HiveMQ's input/output objects are stand-ins.
 */
class DeviceAuthenticatorTest {

    private final InMemoryCredentialDirectory directory = new InMemoryCredentialDirectory();
    private final CredentialHasher hasher = new CredentialHasher(1_000, null);
    private final DeviceAuthExtension.Counters counters = new DeviceAuthExtension.Counters();
    private final String secret = CredentialHasher.generateSecret();

    DeviceAuthenticatorTest() {
        directory.put(new MqttPrincipal.Device("BR-1"), hasher.hash(secret.toCharArray()));
    }

    @Test
    void fullVerifierQueueRefusesWithServerBusy() {
        final Executor full = task -> {
            throw new RejectedExecutionException("full");
        };
        final FakeOutput output = new FakeOutput(Async.Status.RUNNING);
        authenticator(full).onConnect(input("BR-1", secret), output.proxy());
        assertEquals(List.of("async", "fail SERVER_BUSY", "resume"), output.calls);
        assertEquals(1, counters.busyRejections.get());
    }

    @Test
    void verificationIsSkippedWhenTheConnectTimedOutInTheQueue() {
        final List<Runnable> queued = new ArrayList<>();
        final FakeOutput output = new FakeOutput(Async.Status.CANCELED);
        authenticator(queued::add).onConnect(input("BR-1", secret), output.proxy());
        assertEquals(List.of("async"), output.calls, "nothing decided on HiveMQ's thread");
        queued.forEach(Runnable::run);
        assertEquals(List.of("async", "resume"), output.calls);
        assertEquals(0, counters.verifications.get());
        assertEquals(1, counters.timedOut.get());
    }

    @Test
    void wrongSecretIsVerifiedOnTheExecutorAndRefused() {
        final List<Runnable> queued = new ArrayList<>();
        final FakeOutput output = new FakeOutput(Async.Status.RUNNING);
        authenticator(queued::add).onConnect(input("BR-1", "wrong"), output.proxy());
        assertEquals(1, queued.size(), "PBKDF2 handed to the executor");
        queued.forEach(Runnable::run);
        assertEquals(List.of("async", "fail BAD_USER_NAME_OR_PASSWORD", "resume"), output.calls);
        assertEquals(1, counters.verifications.get());
    }

    @Test
    void unknownUserIsRefusedWithoutGoingAsync() {
        final FakeOutput output = new FakeOutput(Async.Status.RUNNING);
        authenticator(task -> { throw new AssertionError("no verification expected"); })
                .onConnect(input("BR-404", secret), output.proxy());
        assertEquals(List.of("fail BAD_USER_NAME_OR_PASSWORD"), output.calls);
    }

    @Test
    void printableSanitizesLogText() {
        assertEquals("a?b", DeviceAuthenticator.printable("a\nb"));
        assertEquals("<none>", DeviceAuthenticator.printable(null));
        assertTrue(DeviceAuthenticator.printable("x".repeat(200)).length() <= 81);
    }

    private DeviceAuthenticator authenticator(Executor executor) {
        return new DeviceAuthenticator(directory, hasher, new VerificationCache(Duration.ZERO, 0), executor,
                Duration.ofSeconds(10), counters);
    }

    private static SimpleAuthInput input(String username, String password) {
        final ConnectPacket connect = stub(ConnectPacket.class, (name, args) -> switch (name) {
            case "getUserName" -> Optional.of(username);
            case "getPassword" -> Optional.of(ByteBuffer.wrap(password.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer());
            case "getWillPublish" -> Optional.empty();
            case "getClientId" -> username;
            default -> throw new UnsupportedOperationException(name);
        });
        final ClientInformation client = stub(ClientInformation.class, (name, args) -> username);
        final ConnectionInformation connection = stub(ConnectionInformation.class, (name, args) -> switch (name) {
            case "getInetAddress" -> Optional.empty();
            default -> throw new UnsupportedOperationException(name);
        });
        return stub(SimpleAuthInput.class, (name, args) -> switch (name) {
            case "getConnectPacket" -> connect;
            case "getClientInformation" -> client;
            case "getConnectionInformation" -> connection;
            default -> throw new UnsupportedOperationException(name);
        });
    }

    /** Records what the authenticator does with its output. */
    private static final class FakeOutput {
        final List<String> calls = new ArrayList<>();
        private final Async.Status status;

        FakeOutput(Async.Status status) {
            this.status = status;
        }

        SimpleAuthOutput proxy() {
            final Async<?> async = stub(Async.class, (name, args) -> switch (name) {
                case "getStatus" -> status;
                case "resume" -> {
                    calls.add("resume");
                    yield null;
                }
                default -> throw new UnsupportedOperationException(name);
            });
            return stub(SimpleAuthOutput.class, (name, args) -> switch (name) {
                case "async" -> {
                    calls.add("async");
                    yield async;
                }
                case "failAuthentication" -> {
                    calls.add("fail " + (args.length > 0 ? args[0] : ""));
                    yield null;
                }
                case "authenticateSuccessfully" -> {
                    calls.add("success");
                    yield null;
                }
                default -> throw new UnsupportedOperationException(name);
            });
        }
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T stub(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> type.getSimpleName() + " stub";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                };
            }
            return answer.answer(method.getName(), args == null ? new Object[0] : args);
        });
    }
}
