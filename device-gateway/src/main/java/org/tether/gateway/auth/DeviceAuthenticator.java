package org.tether.gateway.auth;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.packets.connect.WillPublishPacket;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every CONNECT: credentials, then client identifier and Will against the principal, then installs the
 * principal's default permissions ({@link TopicPolicy}) with default behaviour DENY.
 *
 * <h2>Threads</h2>
 * HiveMQ calls {@link #onConnect} on one of its few extension-task threads, which also run every other
 * extension callback (e.g. interceptors) for the clients hashed to that thread. Everything cheap happens there:
 * directory lookup, success-cache check (one HMAC) and, on a cache hit, the whole decision. A PBKDF2
 * verification (~35 ms at 120,000 iterations) is handed to a small dedicated executor: the output is switched
 * to async mode ({@link SimpleAuthOutput#async(Duration, TimeoutFallback, ConnackReasonCode, String)}, fallback
 * FAILURE with SERVER_BUSY), the executor verifies, decides and {@linkplain Async#resume() resumes}. If the
 * executor's queue is full the CONNECT is refused at once with SERVER_BUSY; a task whose CONNECT already timed
 * out while queued is skipped.
 *
 * <h2>Answers (CONNACK reason codes; MQTT 3 clients get HiveMQ's 3.1.1 equivalent)</h2>
 * <ul>
 *   <li>no user name or password, unknown user, wrong secret, non-UTF-8 password: BAD_USER_NAME_OR_PASSWORD
 *       (no difference between "unknown user" and "wrong secret")</li>
 *   <li>client identifier not the principal's ({@link MqttPrincipal#mayUseClientId}): CLIENT_IDENTIFIER_NOT_VALID
 *       (checked only after the secret, so it reveals nothing to someone without it)</li>
 *   <li>Will on a topic the principal may not leave a Will on ({@link TopicPolicy#willAllowed}): NOT_AUTHORIZED</li>
 *   <li>verifier queue full or verification timed out: SERVER_BUSY; directory failure: SERVER_UNAVAILABLE</li>
 * </ul>
 */
final class DeviceAuthenticator implements SimpleAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(DeviceAuthenticator.class);

    /** Connection attribute holding the authenticated principal's user name (read by the client initializer). */
    static final String PRINCIPAL_ATTRIBUTE = "org.tether.auth.principal";

    private final CredentialDirectory directory;
    private final CredentialHasher hasher;
    private final VerificationCache cache;
    private final Executor verifier;
    private final Duration timeout;
    private final DeviceAuthExtension.Counters counters;

    DeviceAuthenticator(CredentialDirectory directory, CredentialHasher hasher, VerificationCache cache,
                        Executor verifier, Duration timeout, DeviceAuthExtension.Counters counters) {
        this.directory = directory;
        this.hasher = hasher;
        this.cache = cache;
        this.verifier = verifier;
        this.timeout = timeout;
        this.counters = counters;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        final ConnectPacket connect = input.getConnectPacket();
        final String clientId = input.getClientInformation().getClientId();
        final Optional<String> username = connect.getUserName();
        final Optional<ByteBuffer> password = connect.getPassword();
        if (username.isEmpty() || password.isEmpty()) {
            refuse(input, output, null, ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "user name and password required");
            return;
        }
        final String user = username.get();
        final char[] secret = decodeUtf8(password.get());
        if (secret == null || secret.length == 0) {
            refuse(input, output, user, ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
            return;
        }
        boolean handedOver = false;
        try {
            final StoredCredential credential;
            try {
                credential = directory.lookup(user).orElse(null);
            } catch (RuntimeException e) {
                log.error("CredentialDirectory.lookup({}) failed", printable(user), e);
                refuse(input, output, user, ConnackReasonCode.SERVER_UNAVAILABLE, "credential directory unavailable");
                return;
            }
            if (credential == null) {
                refuse(input, output, user, ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
                return;
            }
            if (!credential.principal().username().equals(user)) {
                log.error("CredentialDirectory.lookup({}) returned a credential for {}; refusing the login",
                        printable(user), credential.principal());
                refuse(input, output, user, ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
                return;
            }
            if (cache.matches(user, credential.secretHash(), secret)) {
                counters.cacheHits.incrementAndGet();
                decide(input, output, credential.principal(), clientId, connect);
                return;
            }
            final Async<SimpleAuthOutput> async = output.async(timeout, TimeoutFallback.FAILURE,
                    ConnackReasonCode.SERVER_BUSY, "authentication timed out");
            try {
                verifier.execute(() -> verifyAndDecide(input, output, async, credential, secret, clientId, connect));
                handedOver = true;
            } catch (RejectedExecutionException e) {
                counters.busyRejections.incrementAndGet();
                refuse(input, output, user, ConnackReasonCode.SERVER_BUSY, "too many logins at once, retry later");
                async.resume();
            }
        } finally {
            if (!handedOver) {
                Arrays.fill(secret, '\0');
            }
        }
    }

    private void verifyAndDecide(SimpleAuthInput input, SimpleAuthOutput output, Async<SimpleAuthOutput> async,
                                 StoredCredential credential, char[] secret, String clientId, ConnectPacket connect) {
        try {
            if (async.getStatus() != Async.Status.RUNNING) {
                counters.timedOut.incrementAndGet();
                return; // timed out while queued: HiveMQ has already refused the CONNECT
            }
            final long begin = System.nanoTime();
            final boolean ok = hasher.verify(secret, credential.secretHash());
            counters.verifications.incrementAndGet();
            counters.verificationNanos.addAndGet(System.nanoTime() - begin);
            final String user = credential.principal().username();
            if (!ok) {
                refuse(input, output, user, ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
                return;
            }
            cache.remember(user, credential.secretHash(), secret);
            decide(input, output, credential.principal(), clientId, connect);
        } catch (RuntimeException | Error e) {
            log.error("Authentication of client '{}' failed unexpectedly", printable(clientId), e);
            try {
                output.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE, "authentication failed");
            } catch (RuntimeException ignored) {
                // output already decided or timed out
            }
        } finally {
            Arrays.fill(secret, '\0');
            async.resume();
        }
    }

    /** The secret is right: check client identifier and Will, install the permissions, accept. */
    private void decide(SimpleAuthInput input, SimpleAuthOutput output, MqttPrincipal principal, String clientId,
                        ConnectPacket connect) {
        final String user = principal.username();
        if (!principal.mayUseClientId(clientId)) {
            refuse(input, output, user, ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    "client identifier must be the user's own (see Tether MQTT conventions)");
            return;
        }
        final Optional<WillPublishPacket> will = connect.getWillPublish();
        if (will.isPresent() && !willAllowed(principal, will.get().getTopic())) {
            refuse(input, output, user, ConnackReasonCode.NOT_AUTHORIZED,
                    "Will not allowed on topic " + will.get().getTopic());
            return;
        }
        final ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
        permissions.clear();
        for (TopicPolicy.Rule rule : TopicPolicy.rulesFor(principal)) {
            permissions.add(toTopicPermission(rule));
        }
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
        input.getConnectionInformation().getConnectionAttributeStore().putAsString(PRINCIPAL_ATTRIBUTE, user);
        counters.accepted.incrementAndGet();
        output.authenticateSuccessfully();
        if (log.isDebugEnabled()) {
            log.debug("MQTT login of {} as client '{}' from {}", principal, printable(clientId), address(input));
        }
    }

    private boolean willAllowed(MqttPrincipal principal, String topic) {
        try {
            return TopicPolicy.willAllowed(principal, topic, directory);
        } catch (RuntimeException e) {
            log.error("Checking the Will topic of {} failed", principal, e);
            return false;
        }
    }

    static TopicPermission toTopicPermission(TopicPolicy.Rule rule) {
        return Builders.topicPermission()
                .topicFilter(rule.topicFilter())
                .type(TopicPermission.PermissionType.ALLOW)
                .activity(rule.activity() == TopicPolicy.Activity.PUBLISH
                        ? TopicPermission.MqttActivity.PUBLISH
                        : TopicPermission.MqttActivity.SUBSCRIBE)
                .qos(TopicPermission.Qos.ALL)
                .retain(TopicPermission.Retain.ALL)
                .sharedSubscription(rule.shared()
                        ? TopicPermission.SharedSubscription.ALL
                        : TopicPermission.SharedSubscription.NOT_SHARED)
                .build();
    }

    private void refuse(SimpleAuthInput input, SimpleAuthOutput output, String user, ConnackReasonCode code,
                        String reason) {
        counters.refused.incrementAndGet();
        log.info("MQTT login refused ({}): user '{}', client '{}', from {}: {}", code, printable(user),
                printable(input.getClientInformation().getClientId()), address(input), reason);
        output.failAuthentication(code, reason);
    }

    /** Strict UTF-8 decoding; null when the password is not valid UTF-8. */
    private static char[] decodeUtf8(ByteBuffer password) {
        final ByteBuffer bytes = password.asReadOnlyBuffer();
        final CharBuffer chars;
        try {
            chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
        } catch (CharacterCodingException e) {
            return null;
        }
        final char[] secret = new char[chars.remaining()];
        chars.get(secret);
        if (chars.hasArray()) {
            Arrays.fill(chars.array(), '\0');
        }
        return secret;
    }

    private static String address(SimpleAuthInput input) {
        return input.getConnectionInformation().getInetAddress().map(Object::toString).orElse("?");
    }

    /** For logs: printable ASCII only, at most 80 characters (user names and client ids come from anyone). */
    static String printable(String text) {
        if (text == null) {
            return "<none>";
        }
        final StringBuilder out = new StringBuilder(Math.min(text.length(), 80));
        for (int i = 0; i < text.length() && out.length() < 80; i++) {
            final char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (text.length() > 80) {
            out.append('…');
        }
        return out.toString();
    }

}
